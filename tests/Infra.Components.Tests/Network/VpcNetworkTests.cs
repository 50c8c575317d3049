using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.Assertions;
using Infra.Components.Network;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Network;

/// <summary>One synthesized network per scenario, shared by the tests of that scenario.</summary>
public abstract class NetworkScenario
{
    protected NetworkScenario(VpcNetworkProps props, string region = "us-east-1")
    {
        Stack = TestApp.Stack(region, props.AvailabilityZones.ToArray());
        Network = new VpcNetwork(Stack, "Network", props);
        Template = Template.FromStack(Stack);
        Json = Template.ToJsonObject();
    }

    public TestStack Stack { get; }

    public VpcNetwork Network { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    /// <summary>The NAT gateway each route through one points at (as JSON, one entry per route).</summary>
    public IReadOnlyList<string> NatGatewayRouteTargets() =>
        Json.Resources("AWS::EC2::Route").Values
            .Where(r => r["Properties"]!["NatGatewayId"] is not null)
            .Select(r => r["Properties"]!["NatGatewayId"]!.ToJsonString())
            .ToList();

    public IEnumerable<JsonObject> SubnetsOfTier(string tier) =>
        Json.Resources("AWS::EC2::Subnet").Values.Where(s => s.Tags().GetValueOrDefault("aws-cdk:subnet-name") == tier);
}

public sealed class DefaultNetwork : NetworkScenario
{
    public DefaultNetwork()
        : base(new VpcNetworkProps
        {
            Cidr = "10.30.0.0/16",
            AvailabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c"],
            InterfaceEndpoints = [InterfaceEndpointService.Sts, InterfaceEndpointService.EcrApi],
            KarpenterDiscoveryTag = "my-cluster",
        })
    {
    }
}

[Collection(CdkCollection.Name)]
public sealed class VpcNetworkDefaultTests : IClassFixture<DefaultNetwork>
{
    private readonly DefaultNetwork _n;

    public VpcNetworkDefaultTests(DefaultNetwork network) => _n = network;

    [Fact]
    public void Props_default_to_the_highly_available_and_audited_setup()
    {
        var props = new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"] };
        Assert.Equal(NatGatewayStrategy.PerAvailabilityZone, props.NatGateways);
        Assert.Equal(20, props.SubnetMasks[SubnetTier.Private]);
        Assert.Equal(24, props.SubnetMasks[SubnetTier.Public]);
        Assert.Equal(24, props.SubnetMasks[SubnetTier.Isolated]);
        Assert.Equal(FlowLogTarget.CloudWatchLogs, props.FlowLogs.Destination);
        Assert.Equal(FlowLogTrafficType.ALL, props.FlowLogs.TrafficType);
        Assert.Equal(90, props.FlowLogs.RetentionDays);
        Assert.True(props.RestrictDefaultSecurityGroup);
        Assert.Equal(RemovalPolicy.RETAIN, props.FlowLogRemovalPolicy);
        Assert.Empty(props.InterfaceEndpoints);
    }

    [Fact]
    public void Creates_one_nat_gateway_per_zone_by_default() =>
        _n.Template.ResourceCountIs("AWS::EC2::NatGateway", 3);

    [Fact]
    public void Routes_each_private_subnet_through_a_different_nat_gateway()
    {
        var natRoutes = _n.NatGatewayRouteTargets();
        Assert.Equal(3, natRoutes.Count);
        Assert.Equal(3, natRoutes.Distinct().Count());
    }

    [Fact]
    public void Builds_three_tiers_in_every_zone_on_the_stable_plan()
    {
        var cidrs = _n.Json.Resources("AWS::EC2::Subnet").Values.Select(s => (string)s["Properties"]!["CidrBlock"]!).Order().ToArray();
        Assert.Equal(
            ["10.30.0.0/20", "10.30.16.0/20", "10.30.32.0/20", "10.30.64.0/24", "10.30.65.0/24", "10.30.66.0/24", "10.30.68.0/24", "10.30.69.0/24", "10.30.70.0/24"],
            cidrs);
    }

    [Fact]
    public void Never_assigns_public_ips_automatically()
    {
        foreach (var subnet in _n.Json.Resources("AWS::EC2::Subnet").Values)
        {
            Assert.False((bool)subnet["Properties"]!["MapPublicIpOnLaunch"]!);
        }
    }

    [Fact]
    public void Tags_public_subnets_for_internet_facing_load_balancers()
    {
        var subnets = _n.SubnetsOfTier("Public").ToList();
        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, s => Assert.Equal("1", s.Tags()[VpcNetwork.ElbRoleTag]));
        Assert.All(subnets, s => Assert.False(s.Tags().ContainsKey(VpcNetwork.KarpenterDiscoveryTagKey)));
    }

    [Fact]
    public void Tags_private_subnets_for_internal_load_balancers_and_karpenter()
    {
        var subnets = _n.SubnetsOfTier("Private").ToList();
        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, s => Assert.Equal("1", s.Tags()[VpcNetwork.InternalElbRoleTag]));
        Assert.All(subnets, s => Assert.Equal("my-cluster", s.Tags()[VpcNetwork.KarpenterDiscoveryTagKey]));
    }

    [Fact]
    public void Leaves_isolated_subnets_out_of_load_balancer_and_karpenter_discovery()
    {
        var subnets = _n.SubnetsOfTier("Isolated").ToList();
        Assert.Equal(3, subnets.Count);
        Assert.All(subnets, s => Assert.DoesNotContain(s.Tags().Keys, k => k.StartsWith("kubernetes.io/") || k.StartsWith("karpenter.sh/")));
    }

    [Fact]
    public void Always_creates_the_free_s3_and_dynamodb_gateway_endpoints()
    {
        var gateways = _n.Json.Resources("AWS::EC2::VPCEndpoint").Values
            .Where(e => (string?)e["Properties"]!["VpcEndpointType"] == "Gateway")
            .Select(e => e["Properties"]!["ServiceName"]!.ToJsonString())
            .ToList();
        Assert.Equal(2, gateways.Count);
        Assert.Contains(gateways, s => s.Contains(".s3", System.StringComparison.Ordinal));
        Assert.Contains(gateways, s => s.Contains(".dynamodb", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Creates_interface_endpoints_with_private_dns_in_the_private_tier()
    {
        var privateSubnetIds = _n.Json.Resources("AWS::EC2::Subnet")
            .Where(s => s.Value.Tags().GetValueOrDefault("aws-cdk:subnet-name") == "Private")
            .Select(s => s.Key)
            .Order()
            .ToArray();
        var endpoints = _n.Json.Resources("AWS::EC2::VPCEndpoint").Values
            .Where(e => (string?)e["Properties"]!["VpcEndpointType"] == "Interface")
            .ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.All(endpoints, e =>
        {
            Assert.True((bool)e["Properties"]!["PrivateDnsEnabled"]!);
            var subnets = e["Properties"]!["SubnetIds"]!.AsArray().Select(r => (string)r!["Ref"]!).Order().ToArray();
            Assert.Equal(privateSubnetIds, subnets);
        });
    }

    [Fact]
    public void Admits_only_https_from_the_vpc_to_interface_endpoints()
    {
        var sg = _n.Json.Resources("AWS::EC2::SecurityGroup").Values.Single(g => ((string?)g["Properties"]!["GroupDescription"])!.StartsWith("Interface VPC endpoints", System.StringComparison.Ordinal));
        var ingress = Assert.Single(sg["Properties"]!["SecurityGroupIngress"]!.AsArray())!;
        Assert.Equal(443, (int)ingress["FromPort"]!);
        Assert.Equal(443, (int)ingress["ToPort"]!);
        Assert.Equal("tcp", (string?)ingress["IpProtocol"]);
        Assert.Contains("CidrBlock", ingress["CidrIp"]!.ToJsonString(), System.StringComparison.Ordinal);
        Assert.NotNull(_n.Network.EndpointSecurityGroup);
        Assert.Equal(["ecr.api", "sts"], _n.Network.InterfaceEndpoints.Keys.Order().ToArray());
    }

    [Fact]
    public void Sends_all_traffic_to_cloudwatch_logs_kept_90_days_by_default()
    {
        var flowLog = _n.Json.Single("AWS::EC2::FlowLog")["Properties"]!;
        Assert.Equal("ALL", (string?)flowLog["TrafficType"]);
        Assert.Equal("cloud-watch-logs", (string?)flowLog["LogDestinationType"]);
        Assert.Equal(600, (int)flowLog["MaxAggregationInterval"]!);
        Assert.Equal(90, (int)_n.Json.Single("AWS::Logs::LogGroup")["Properties"]!["RetentionInDays"]!);
        Assert.NotNull(_n.Network.FlowLogGroup);
        Assert.Null(_n.Network.FlowLogBucket);
    }

    [Fact]
    public void Retains_the_flow_log_group_by_default() =>
        Assert.Equal("Retain", (string?)_n.Json.Single("AWS::Logs::LogGroup")["DeletionPolicy"]);

    [Fact]
    public void Restricts_the_default_security_group() =>
        _n.Template.ResourceCountIs("Custom::VpcRestrictDefaultSG", 1);

    [Fact]
    public void Turns_on_dns_support_and_hostnames_for_private_endpoints() =>
        _n.Template.HasResourceProperties("AWS::EC2::VPC", new Dictionary<string, object>
        {
            ["CidrBlock"] = "10.30.0.0/16",
            ["EnableDnsHostnames"] = true,
            ["EnableDnsSupport"] = true,
        });
}

public sealed class SingleNatS3FlowLogNetwork : NetworkScenario
{
    public SingleNatS3FlowLogNetwork()
        : base(new VpcNetworkProps
        {
            Cidr = "10.40.0.0/16",
            AvailabilityZones = ["eu-west-1a", "eu-west-1b"],
            NatGateways = NatGatewayStrategy.Single,
            FlowLogs = new VpcFlowLogOptions { Destination = FlowLogTarget.S3, TrafficType = FlowLogTrafficType.REJECT, RetentionDays = 30 },
            FlowLogRemovalPolicy = RemovalPolicy.DESTROY,
        }, "eu-west-1")
    {
    }
}

[Collection(CdkCollection.Name)]
public sealed class VpcNetworkSingleNatS3Tests : IClassFixture<SingleNatS3FlowLogNetwork>
{
    private readonly SingleNatS3FlowLogNetwork _n;

    public VpcNetworkSingleNatS3Tests(SingleNatS3FlowLogNetwork network) => _n = network;

    [Fact]
    public void Routes_every_private_subnet_through_the_one_nat_gateway()
    {
        _n.Template.ResourceCountIs("AWS::EC2::NatGateway", 1);
        var natRoutes = _n.NatGatewayRouteTargets();
        Assert.Equal(2, natRoutes.Count);
        Assert.Single(natRoutes.Distinct());
    }

    [Fact]
    public void Writes_flow_logs_to_s3_as_hourly_hive_partitioned_parquet()
    {
        var flowLog = _n.Json.Single("AWS::EC2::FlowLog")["Properties"]!;
        Assert.Equal("s3", (string?)flowLog["LogDestinationType"]);
        Assert.Equal("REJECT", (string?)flowLog["TrafficType"]);
        // Pins the L1 override for aws-cdk#25432: exactly the three keys, in CloudFormation's casing.
        var options = flowLog["DestinationOptions"]!.AsObject();
        Assert.Equal(["FileFormat", "HiveCompatiblePartitions", "PerHourPartition"], options.Select(o => o.Key).Order().ToArray());
        Assert.Equal("parquet", (string?)options["FileFormat"]);
        Assert.True((bool)options["HiveCompatiblePartitions"]!);
        Assert.True((bool)options["PerHourPartition"]!);
        Assert.NotNull(_n.Network.FlowLogBucket);
        Assert.Null(_n.Network.FlowLogGroup);
    }

    [Fact]
    public void Expires_flow_log_objects_after_the_retention() =>
        _n.Template.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["LifecycleConfiguration"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Rules"] = Match.ArrayWith([Match.ObjectLike(new Dictionary<string, object> { ["Id"] = "expire-flow-logs", ["ExpirationInDays"] = 30 })]),
            }),
        });

    [Fact]
    public void Lets_log_delivery_use_the_bucket_key_for_this_account_only()
    {
        var statements = _n.Json.Single("AWS::KMS::Key")["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray();
        var delivery = statements.Single(s => (string?)s!["Sid"] == "AllowVpcFlowLogDelivery")!;
        Assert.Equal("delivery.logs.amazonaws.com", (string?)delivery["Principal"]!["Service"]);
        Assert.Equal(TestApp.Account, (string?)delivery["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
        Assert.Contains(":logs:eu-west-1:", delivery["Condition"]!["ArnLike"]!["aws:SourceArn"]!.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Destroys_created_flow_log_storage_when_asked()
    {
        Assert.Equal("Delete", (string?)_n.Json.Single("AWS::S3::Bucket")["DeletionPolicy"]);
        _n.Template.ResourceCountIs("Custom::S3AutoDeleteObjects", 1);
    }
}

public sealed class NoNatNetwork : NetworkScenario
{
    public NoNatNetwork()
        : base(new VpcNetworkProps
        {
            Cidr = "10.50.0.0/16",
            AvailabilityZones = ["us-west-2a", "us-west-2b"],
            NatGateways = NatGatewayStrategy.None,
        }, "us-west-2")
    {
    }
}

[Collection(CdkCollection.Name)]
public sealed class VpcNetworkNoNatTests : IClassFixture<NoNatNetwork>
{
    private readonly NoNatNetwork _n;

    public VpcNetworkNoNatTests(NoNatNetwork network) => _n = network;

    [Fact]
    public void Creates_no_nat_gateway_and_no_route_through_one()
    {
        _n.Template.ResourceCountIs("AWS::EC2::NatGateway", 0);
        Assert.Empty(_n.NatGatewayRouteTargets());
    }

    [Fact]
    public void Keeps_the_private_tier_and_its_load_balancer_tag()
    {
        var subnets = _n.SubnetsOfTier("Private").ToList();
        Assert.Equal(2, subnets.Count);
        Assert.All(subnets, s => Assert.Equal("1", s.Tags()[VpcNetwork.InternalElbRoleTag]));
        Assert.Equal(NatGatewayStrategy.None, _n.Network.NatGatewayStrategy);
    }
}
