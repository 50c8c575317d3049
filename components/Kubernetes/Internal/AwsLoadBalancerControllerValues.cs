using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Kubernetes.Internal;

/// <summary>
/// The aws-load-balancer-controller chart's values this component sets, with the chart's key names
/// (helm/aws-load-balancer-controller/values.yaml at the pinned chart version): a misspelled key does not compile.
/// </summary>
internal sealed record AwsLoadBalancerControllerValues
{
    [JsonPropertyName("clusterName")]
    public required string ClusterName { get; init; }

    [JsonPropertyName("region")]
    public required string Region { get; init; }

    /// <summary><c>vpcId</c>: pods cannot reach IMDS (hop limit 1), so the controller is told its VPC.</summary>
    [JsonPropertyName("vpcId")]
    public required string VpcId { get; init; }

    [JsonPropertyName("replicaCount")]
    public required int ReplicaCount { get; init; }

    [JsonPropertyName("serviceAccount")]
    public required HelmServiceAccount ServiceAccount { get; init; }

    [JsonPropertyName("enableShield")]
    public bool EnableShield { get; init; }

    [JsonPropertyName("enableWaf")]
    public bool EnableWaf { get; init; }

    [JsonPropertyName("enableWafv2")]
    public bool EnableWafv2 { get; init; }

    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    [JsonPropertyName("tolerations")]
    public required IReadOnlyList<HelmToleration> Tolerations { get; init; }
}
