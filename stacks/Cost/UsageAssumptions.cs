using System.Collections.Generic;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Infra.Stacks.Cost;

/// <summary>
/// What a template cannot show: how much data, logs and I/O an environment produces while idle. Each value is a
/// stated default that an environment overrides in its file (<c>cost.usage</c>, with these names) and that every
/// estimate prints beside its lines. "Idle" means the platform running with no application traffic: 730 hours,
/// the database at its minimum capacity, the control plane and the agents logging what they log anyway.
/// </summary>
public sealed record UsageAssumptions
{
    /// <summary>GB each NAT gateway processes a month (image pulls, chart downloads, OS updates).</summary>
    /// <value>5.</value>
    [JsonPropertyName("natGatewayGbPerMonth")]
    public decimal NatGatewayGbPerMonth { get; init; } = 5;

    /// <summary>GB each interface endpoint processes a month.</summary>
    /// <value>1.</value>
    [JsonPropertyName("interfaceEndpointGbPerMonth")]
    public decimal InterfaceEndpointGbPerMonth { get; init; } = 1;

    /// <summary>GB the EKS control plane logs a month (API, audit, authenticator, controller manager, scheduler).</summary>
    /// <value>5: an idle cluster's controllers keep the audit log busy.</value>
    [JsonPropertyName("controlPlaneLogGbPerMonth")]
    public decimal ControlPlaneLogGbPerMonth { get; init; } = 5;

    /// <summary>GB of flow-log records each VPC produces a month (to CloudWatch Logs or S3).</summary>
    /// <value>1.</value>
    [JsonPropertyName("flowLogGbPerMonth")]
    public decimal FlowLogGbPerMonth { get; init; } = 1;

    /// <summary>GB each Aurora cluster exports to CloudWatch Logs a month (the <c>postgresql</c> log).</summary>
    /// <value>0.5.</value>
    [JsonPropertyName("databaseLogGbPerMonth")]
    public decimal DatabaseLogGbPerMonth { get; init; } = 0.5m;

    /// <summary>GB any other log group (the CDK's provider functions) ingests a month.</summary>
    /// <value>0.05.</value>
    [JsonPropertyName("otherLogGbPerMonth")]
    public decimal OtherLogGbPerMonth { get; init; } = 0.05m;

    /// <summary>GB stored in the data bucket (and in its replica).</summary>
    /// <value>10.</value>
    [JsonPropertyName("dataBucketGb")]
    public decimal DataBucketGb { get; init; } = 10;

    /// <summary>GB stored in each other bucket (access logs, flow logs).</summary>
    /// <value>1.</value>
    [JsonPropertyName("otherBucketGb")]
    public decimal OtherBucketGb { get; init; } = 1;

    /// <summary>GB a replicated bucket copies to its replica's region a month.</summary>
    /// <value>1.</value>
    [JsonPropertyName("replicatedGbPerMonth")]
    public decimal ReplicatedGbPerMonth { get; init; } = 1;

    /// <summary>GB each Aurora cluster stores (every member of a global database keeps a copy).</summary>
    /// <value>10.</value>
    [JsonPropertyName("auroraStorageGb")]
    public decimal AuroraStorageGb { get; init; } = 10;

    /// <summary>Million I/O requests each Aurora Standard cluster makes a month.</summary>
    /// <value>2.</value>
    [JsonPropertyName("auroraIoMillionsPerMonth")]
    public decimal AuroraIoMillionsPerMonth { get; init; } = 2;

    /// <summary>Million write I/Os a global database replicates to each secondary cluster a month.</summary>
    /// <value>1.</value>
    [JsonPropertyName("auroraReplicatedWriteMillionsPerMonth")]
    public decimal AuroraReplicatedWriteMillionsPerMonth { get; init; } = 1;

    /// <summary>
    /// The average ACUs a Serverless v2 instance runs at, between the cluster's minimum and maximum; a cluster whose
    /// minimum is 0 pauses and bills no ACU while idle.
    /// </summary>
    /// <value>Omitted: the cluster's minimum capacity (idle).</value>
    [JsonPropertyName("auroraAverageAcu")]
    public decimal? AuroraAverageAcu { get; init; }

    /// <summary>Million requests each SQS queue receives a month (Karpenter long-polls its interruption queue).</summary>
    /// <value>0.15.</value>
    [JsonPropertyName("sqsMillionRequestsPerMonth")]
    public decimal SqsMillionRequestsPerMonth { get; init; } = 0.15m;

    /// <summary>The average load-balancer capacity units an idle load balancer uses.</summary>
    /// <value>0.</value>
    [JsonPropertyName("loadBalancerCapacityUnits")]
    public decimal LoadBalancerCapacityUnits { get; init; }

    /// <summary>How much cheaper spot capacity is than on-demand, in percent of the on-demand price.</summary>
    /// <value>
    /// 50: the spot prices in the EC2 Auto Scaling guide's us-east-1 example run 44 to 62% below on-demand; AWS quotes
    /// "up to 90%", and one observed m7g.large day was 39% off. Spot prices float: override it with what you see.
    /// </value>
    [JsonPropertyName("spotDiscountPercent")]
    public decimal SpotDiscountPercent { get; init; } = 50;

    /// <summary>CPU each node keeps for the kubelet and the DaemonSets (VPC CNI, kube-proxy, node exporter, EBS CSI node, Pod Identity agent), in millicores.</summary>
    /// <value>400.</value>
    [JsonPropertyName("nodeReservedCpuMillicores")]
    public decimal NodeReservedCpuMillicores { get; init; } = 400;

    /// <summary>Memory each node keeps for the kubelet, the system and the DaemonSets, in MiB.</summary>
    /// <value>1024.</value>
    [JsonPropertyName("nodeReservedMemoryMiB")]
    public decimal NodeReservedMemoryMiB { get; init; } = 1024;

    /// <summary>The assumptions as the report prints them: name and value, in the order of this record.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        Pair("natGatewayGbPerMonth", NatGatewayGbPerMonth, "GB per NAT gateway"),
        Pair("interfaceEndpointGbPerMonth", InterfaceEndpointGbPerMonth, "GB per interface endpoint"),
        Pair("controlPlaneLogGbPerMonth", ControlPlaneLogGbPerMonth, "GB of EKS control-plane logs"),
        Pair("flowLogGbPerMonth", FlowLogGbPerMonth, "GB of flow logs per VPC"),
        Pair("databaseLogGbPerMonth", DatabaseLogGbPerMonth, "GB of database logs per cluster"),
        Pair("otherLogGbPerMonth", OtherLogGbPerMonth, "GB per other log group"),
        Pair("dataBucketGb", DataBucketGb, "GB in the data bucket (and its replica)"),
        Pair("otherBucketGb", OtherBucketGb, "GB per other bucket"),
        Pair("replicatedGbPerMonth", ReplicatedGbPerMonth, "GB replicated to another region"),
        Pair("auroraStorageGb", AuroraStorageGb, "GB per Aurora cluster"),
        Pair("auroraIoMillionsPerMonth", AuroraIoMillionsPerMonth, "million I/Os per Aurora Standard cluster"),
        Pair("auroraReplicatedWriteMillionsPerMonth", AuroraReplicatedWriteMillionsPerMonth, "million replicated writes per secondary cluster"),
        KeyValuePair.Create("auroraAverageAcu", AuroraAverageAcu is { } acu ? $"{Number(acu)} ACU per Serverless v2 instance" : "the minimum capacity (idle)"),
        Pair("sqsMillionRequestsPerMonth", SqsMillionRequestsPerMonth, "million requests per queue"),
        Pair("loadBalancerCapacityUnits", LoadBalancerCapacityUnits, "capacity units per load balancer"),
        Pair("spotDiscountPercent", SpotDiscountPercent, "% below on-demand for spot"),
        Pair("nodeReservedCpuMillicores", NodeReservedCpuMillicores, "millicores reserved per node"),
        Pair("nodeReservedMemoryMiB", NodeReservedMemoryMiB, "MiB reserved per node"),
    ];

    private static KeyValuePair<string, string> Pair(string name, decimal value, string what) => KeyValuePair.Create(name, $"{Number(value)} {what}");

    internal static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
