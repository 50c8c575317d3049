using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.S3;

namespace Infra.Components.Network;

/// <summary>Where VPC flow logs go.</summary>
public enum FlowLogTarget
{
    /// <summary>A CloudWatch Logs group created with the given retention: queryable at once, about twice the S3 price.</summary>
    CloudWatchLogs = 0,

    /// <summary>An S3 bucket (created, or brought) as Parquet with Hive-compatible hourly partitions, expired after the retention.</summary>
    S3 = 1,
}

/// <summary>VPC flow log settings. Retention is always explicit: CDK defaults to two years, Terraform to never.</summary>
public sealed record VpcFlowLogOptions
{
    /// <summary>Where the records go.</summary>
    /// <value><see cref="FlowLogTarget.CloudWatchLogs"/>.</value>
    public FlowLogTarget Destination { get; init; } = FlowLogTarget.CloudWatchLogs;

    /// <summary>Which traffic is recorded.</summary>
    /// <value><see cref="FlowLogTrafficType.ALL"/>.</value>
    public FlowLogTrafficType TrafficType { get; init; } = FlowLogTrafficType.ALL;

    /// <summary>Days records are kept. For CloudWatch Logs it must be one of its retention values (1, 3, 5, 7, 14, 30, 60, 90, ...).</summary>
    /// <value>90 days.</value>
    public int RetentionDays { get; init; } = 90;

    /// <summary>How long a flow is aggregated into one record; one minute records more, and costs more.</summary>
    /// <value><see cref="FlowLogMaxAggregationInterval.TEN_MINUTES"/>.</value>
    public FlowLogMaxAggregationInterval MaxAggregationInterval { get; init; } = FlowLogMaxAggregationInterval.TEN_MINUTES;

    /// <summary>An existing bucket for <see cref="FlowLogTarget.S3"/>.</summary>
    /// <value>Omitted: a <see cref="Storage.LifecycleBucket"/> is created that expires records after the retention.</value>
    public IBucket? Bucket { get; init; }
}

/// <summary>Properties of a <see cref="VpcNetwork"/>.</summary>
public sealed record VpcNetworkProps
{
    /// <summary>The VPC's IPv4 range, /16 to /24, for example <c>10.20.0.0/16</c>.</summary>
    public required string Cidr { get; init; }

    /// <summary>
    /// The availability zones, two to four, all in the stack's region. Append new ones at the end: an AZ's subnets sit at
    /// its position, so reordering the list would replace subnets.
    /// </summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>How the private tier reaches the internet.</summary>
    /// <value><see cref="NatGatewayStrategy.PerAvailabilityZone"/>: no AZ is a single point of failure.</value>
    public NatGatewayStrategy NatGateways { get; init; } = VpcNetworkDefaults.NatGateways;

    /// <summary>The prefix length of each tier's subnets.</summary>
    /// <value>Private /20 (4,091 usable addresses per AZ, room for EKS pods), public /24, isolated /24.</value>
    public IReadOnlyDictionary<SubnetTier, int> SubnetMasks { get; init; } = VpcNetworkDefaults.SubnetMasks;

    /// <summary>Flow log settings.</summary>
    /// <value>All traffic to CloudWatch Logs, kept 90 days.</value>
    public VpcFlowLogOptions FlowLogs { get; init; } = new();

    /// <summary>Interface endpoints to create in the private tier, each with private DNS, behind one security group that only admits HTTPS from the VPC.</summary>
    /// <value>None: the free S3 and DynamoDB gateway endpoints are always created.</value>
    public IReadOnlyList<InterfaceEndpointService> InterfaceEndpoints { get; init; } = [];

    /// <summary>The value of the <c>karpenter.sh/discovery</c> tag on the private subnets (usually the cluster name).</summary>
    /// <value>Omitted: no Karpenter discovery tag.</value>
    public string? KarpenterDiscoveryTag { get; init; }

    /// <summary>Whether a custom resource empties the default security group's rules (CIS 5.4, FSBP EC2.2).</summary>
    /// <value><c>true</c>. Turn off only where an SCP forbids creating Lambda functions.</value>
    public bool RestrictDefaultSecurityGroup { get; init; } = true;

    /// <summary>What happens to created flow-log storage when it leaves the stack.</summary>
    /// <value><see cref="RemovalPolicy.RETAIN"/>: audit records outlive the stack.</value>
    public RemovalPolicy FlowLogRemovalPolicy { get; init; } = RemovalPolicy.RETAIN;
}

/// <summary>The defaults of <see cref="VpcNetworkProps"/>, in one place.</summary>
internal static class VpcNetworkDefaults
{
    public const NatGatewayStrategy NatGateways = NatGatewayStrategy.PerAvailabilityZone;
    public const int MinAvailabilityZones = 2;

    public static readonly IReadOnlyDictionary<SubnetTier, int> SubnetMasks = new Dictionary<SubnetTier, int>
    {
        [SubnetTier.Private] = 20,
        [SubnetTier.Public] = 24,
        [SubnetTier.Isolated] = 24,
    };
}
