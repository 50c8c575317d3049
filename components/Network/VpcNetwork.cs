using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Constructs;
using Infra.Components.Internal;
using Infra.Components.Network.Internal;
using Infra.Components.Storage;

namespace Infra.Components.Network;

/// <summary>
/// A VPC with public, private and isolated tiers on a stable subnet plan, NAT per strategy, the free S3 and DynamoDB
/// gateway endpoints, optional interface endpoints, flow logs with explicit retention, a locked-down default security
/// group, no automatic public IPs, and the subnet tags EKS and Karpenter discover.
/// </summary>
public sealed class VpcNetwork : Construct
{
    /// <summary>The tag the AWS Load Balancer Controller uses to find public subnets for internet-facing load balancers.</summary>
    public const string ElbRoleTag = "kubernetes.io/role/elb";

    /// <summary>The tag the AWS Load Balancer Controller uses to find private subnets for internal load balancers.</summary>
    public const string InternalElbRoleTag = "kubernetes.io/role/internal-elb";

    /// <summary>The tag Karpenter's EC2NodeClass selects subnets and security groups by.</summary>
    public const string KarpenterDiscoveryTagKey = "karpenter.sh/discovery";

    /// <summary>Creates the network, validating every prop first.</summary>
    public VpcNetwork(Construct scope, string id, VpcNetworkProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        var region = Stack.Of(scope).Region;
        ValidationCollector.ThrowIfAny(scope, id, nameof(VpcNetworkProps), Validate(props, Token.IsUnresolved(region) ? null : region));
        Layout = StableSubnetLayout.TryCreate(props.Cidr, props.SubnetMasks, out _)!;
        NatGatewayStrategy = props.NatGateways;

        var vpc = new Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = new StableIpAddresses(Layout, props.AvailabilityZones),
            AvailabilityZones = props.AvailabilityZones.ToArray(),
            EnableDnsHostnames = true,
            EnableDnsSupport = true,
            NatGateways = NatGatewayCount(props),
            NatGatewaySubnets = props.NatGateways == NatGatewayStrategy.None ? null : PublicSubnets,
            SubnetConfiguration = SubnetConfiguration(props),
            RestrictDefaultSecurityGroup = props.RestrictDefaultSecurityGroup,
            GatewayEndpoints = new Dictionary<string, IGatewayVpcEndpointOptions>
            {
                ["S3"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 },
                ["DynamoDb"] = new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.DYNAMODB },
            },
        });
        Vpc = vpc;

        TagSubnetsForDiscovery(props.KarpenterDiscoveryTag);
        ConfigureInterfaceEndpoints(props.InterfaceEndpoints);
        ConfigureFlowLogs(props.FlowLogs, props.FlowLogRemovalPolicy);
    }

    /// <summary>The VPC.</summary>
    public IVpc Vpc { get; }

    /// <summary>The subnet plan the VPC was built from.</summary>
    public StableSubnetLayout Layout { get; }

    /// <summary>How the private tier reaches the internet.</summary>
    public NatGatewayStrategy NatGatewayStrategy { get; }

    /// <summary>The public tier: load balancers and NAT gateways.</summary>
    public SubnetSelection PublicSubnets { get; } = new() { SubnetGroupName = nameof(SubnetTier.Public) };

    /// <summary>The private tier: workloads and EKS nodes (egress through NAT unless the strategy is None).</summary>
    public SubnetSelection PrivateSubnets { get; } = new() { SubnetGroupName = nameof(SubnetTier.Private) };

    /// <summary>The isolated tier: databases; no route to the internet.</summary>
    public SubnetSelection IsolatedSubnets { get; } = new() { SubnetGroupName = nameof(SubnetTier.Isolated) };

    /// <summary>The security group of the interface endpoints (HTTPS from the VPC only); <c>null</c> without interface endpoints.</summary>
    public ISecurityGroup? EndpointSecurityGroup { get; private set; }

    /// <summary>The interface endpoints, by service short name.</summary>
    public IReadOnlyDictionary<string, IInterfaceVpcEndpoint> InterfaceEndpoints { get; private set; } = new Dictionary<string, IInterfaceVpcEndpoint>();

    /// <summary>The flow log.</summary>
    public FlowLog FlowLog { get; private set; } = null!;

    /// <summary>The flow-log group with <see cref="FlowLogTarget.CloudWatchLogs"/>; otherwise <c>null</c>.</summary>
    public ILogGroup? FlowLogGroup { get; private set; }

    /// <summary>The flow-log bucket with <see cref="FlowLogTarget.S3"/> (created or brought); otherwise <c>null</c>.</summary>
    public IBucket? FlowLogBucket { get; private set; }

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    /// <param name="props">The props.</param>
    /// <param name="region">The stack's region when known: availability zones must be in it.</param>
    public static IReadOnlyList<PropertyProblem> Validate(VpcNetworkProps props, string? region = null)
    {
        var v = new ValidationCollector();
        var azs = props.AvailabilityZones;
        v.Require(azs.Count is >= VpcNetworkDefaults.MinAvailabilityZones and <= StableSubnetLayout.MaxAvailabilityZones,
            "AvailabilityZones", $"has {azs.Count} zone{(azs.Count == 1 ? "" : "s")}{(azs.Count == 0 ? "" : $" ({string.Join(", ", azs)})")}; give {VpcNetworkDefaults.MinAvailabilityZones} to {StableSubnetLayout.MaxAvailabilityZones} (load balancers and database subnet groups need two).");
        foreach (var duplicate in azs.GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Require(false, "AvailabilityZones", $"lists '{duplicate.Key}' {duplicate.Count()} times; each zone once.");
        }

        if (region is not null)
        {
            foreach (var az in azs.Where(a => !Token.IsUnresolved(a) && !IsAzOf(a, region)))
            {
                v.Require(false, "AvailabilityZones", $"'{az}' is not in the stack's region {region}; use names like {region}a.");
            }
        }

        StableSubnetLayout.TryCreate(props.Cidr, props.SubnetMasks, out var layoutProblems);
        v.AddRange(layoutProblems.Select(p => new PropertyProblem(nameof(VpcNetworkProps.Cidr), p)));

        var flow = props.FlowLogs;
        v.Require(flow.RetentionDays >= 1, "FlowLogs.RetentionDays", $"{flow.RetentionDays} must be at least 1; flow logs always expire.");
        v.Require(flow.RetentionDays < 1 || flow.Destination != FlowLogTarget.CloudWatchLogs || LogRetention.IsAllowed(flow.RetentionDays),
            "FlowLogs.RetentionDays", $"{flow.RetentionDays} is not a CloudWatch Logs retention; use one of {string.Join(", ", LogRetention.AllowedDays)}.");
        v.Require(flow.Bucket is null || flow.Destination == FlowLogTarget.S3,
            "FlowLogs.Bucket", "a bucket was given but the destination is CloudWatchLogs; remove it or use Destination = S3.");
        foreach (var duplicate in props.InterfaceEndpoints.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            v.Require(false, "InterfaceEndpoints", $"lists '{duplicate.Key}' {duplicate.Count()} times; each endpoint once.");
        }

        return v.Problems;
    }

    private static bool IsAzOf(string az, string region) =>
        az.Length == region.Length + 1 && az.StartsWith(region, StringComparison.Ordinal) && char.IsAsciiLetterLower(az[^1]);

    private static double NatGatewayCount(VpcNetworkProps props) => props.NatGateways switch
    {
        NatGatewayStrategy.None => 0,
        NatGatewayStrategy.Single => 1,
        _ => props.AvailabilityZones.Count,
    };

    private static ISubnetConfiguration[] SubnetConfiguration(VpcNetworkProps props) =>
    [
        new SubnetConfiguration
        {
            Name = nameof(SubnetTier.Public),
            SubnetType = SubnetType.PUBLIC,
            CidrMask = props.SubnetMasks[SubnetTier.Public],
            MapPublicIpOnLaunch = false,
        },
        new SubnetConfiguration
        {
            Name = nameof(SubnetTier.Private),
            SubnetType = props.NatGateways == NatGatewayStrategy.None ? SubnetType.PRIVATE_ISOLATED : SubnetType.PRIVATE_WITH_EGRESS,
            CidrMask = props.SubnetMasks[SubnetTier.Private],
        },
        new SubnetConfiguration
        {
            Name = nameof(SubnetTier.Isolated),
            SubnetType = SubnetType.PRIVATE_ISOLATED,
            CidrMask = props.SubnetMasks[SubnetTier.Isolated],
        },
    ];

    private void TagSubnetsForDiscovery(string? karpenterDiscovery)
    {
        foreach (var subnet in Vpc.SelectSubnets(PublicSubnets).Subnets)
        {
            Tags.Of(subnet).Add(ElbRoleTag, "1");
        }

        foreach (var subnet in Vpc.SelectSubnets(PrivateSubnets).Subnets)
        {
            Tags.Of(subnet).Add(InternalElbRoleTag, "1");
            if (karpenterDiscovery is not null)
            {
                Tags.Of(subnet).Add(KarpenterDiscoveryTagKey, karpenterDiscovery);
            }
        }
    }

    private void ConfigureInterfaceEndpoints(IReadOnlyList<InterfaceEndpointService> services)
    {
        if (services.Count == 0)
        {
            return;
        }

        var securityGroup = new SecurityGroup(this, "EndpointSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = "Interface VPC endpoints: HTTPS from inside the VPC only",
            AllowAllOutbound = false,
        });
        securityGroup.AddIngressRule(Peer.Ipv4(Vpc.VpcCidrBlock), Port.Tcp(443), "HTTPS from the VPC");
        EndpointSecurityGroup = securityGroup;

        InterfaceEndpoints = services.ToDictionary(s => s.Name, s => (IInterfaceVpcEndpoint)new InterfaceVpcEndpoint(this, EndpointId(s), new InterfaceVpcEndpointProps
        {
            Vpc = Vpc,
            Service = new InterfaceVpcEndpointAwsService(s.Name),
            PrivateDnsEnabled = true,
            Open = false,
            SecurityGroups = [securityGroup],
            Subnets = PrivateSubnets,
            LookupSupportedAzs = false,
        }), StringComparer.Ordinal);
    }

    // Literal, stable construct ids derived from the service name: "ecr.api" -> "EcrApiEndpoint".
    private static string EndpointId(InterfaceEndpointService service) =>
        string.Concat(service.Name.Split('.', '-').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + "Endpoint";

    private void ConfigureFlowLogs(VpcFlowLogOptions options, RemovalPolicy removalPolicy)
    {
        FlowLogDestination destination;
        if (options.Destination == FlowLogTarget.CloudWatchLogs)
        {
            var logGroup = new LogGroup(this, "FlowLogGroup", new LogGroupProps
            {
                Retention = LogRetention.FromDays(options.RetentionDays),
                RemovalPolicy = removalPolicy,
            });
            FlowLogGroup = logGroup;
            destination = FlowLogDestination.ToCloudWatchLogs(logGroup);
        }
        else
        {
            var bucket = options.Bucket ?? CreateFlowLogBucket(options.RetentionDays, removalPolicy);
            FlowLogBucket = bucket;
            destination = FlowLogDestination.ToS3(bucket, "vpc-flow-logs/");
        }

        FlowLog = Vpc.AddFlowLog("FlowLog", new FlowLogOptions
        {
            Destination = destination,
            TrafficType = options.TrafficType,
            MaxAggregationInterval = options.MaxAggregationInterval,
        });
        if (options.Destination == FlowLogTarget.S3)
        {
            // CDK 2.160 renders S3DestinationOptions with camel-case keys that CloudFormation does not read
            // (aws-cdk#25432, open): set them on the L1 with the casing the resource specification uses.
            ((CfnFlowLog)FlowLog.Node.DefaultChild!).AddPropertyOverride("DestinationOptions", new Dictionary<string, object>
            {
                ["FileFormat"] = "parquet",
                ["HiveCompatiblePartitions"] = true,
                ["PerHourPartition"] = true,
            });
        }
    }

    private IBucket CreateFlowLogBucket(int retentionDays, RemovalPolicy removalPolicy)
    {
        var bucket = new LifecycleBucket(this, "FlowLogBucket", new LifecycleBucketProps
        {
            RemovalPolicy = removalPolicy,
            AutoDeleteObjects = removalPolicy == RemovalPolicy.DESTROY,
            LifecycleRules =
            [
                new BucketLifecycleRule
                {
                    Id = "expire-flow-logs",
                    ExpireAfterDays = retentionDays,
                    NoncurrentVersionExpireAfterDays = 7,
                },
            ],
        });

        // Log delivery writes SSE-KMS objects with the bucket's key: allow it, for this account's deliveries only.
        var stack = Stack.Of(this);
        bucket.EncryptionKey!.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowVpcFlowLogDelivery",
            Principals = [new ServicePrincipal("delivery.logs.amazonaws.com")],
            Actions = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:*" },
            },
        }));
        return bucket.Bucket;
    }
}
