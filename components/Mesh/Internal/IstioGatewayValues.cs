using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Mesh.Internal;

/// <summary>
/// The Istio gateway chart's values this component sets, with the chart's key names
/// (manifests/charts/gateway/values.yaml): a misspelled key does not compile. Unset (null) keys keep the chart's
/// default.
/// </summary>
internal sealed record IstioGatewayValues
{
    /// <summary><c>service</c>: the LoadBalancer Service the AWS Load Balancer Controller turns into an NLB.</summary>
    [JsonPropertyName("service")]
    public required ServiceValues Service { get; init; }

    /// <summary><c>autoscaling</c>: the gateway's HorizontalPodAutoscaler.</summary>
    [JsonPropertyName("autoscaling")]
    public required AutoscalingValues Autoscaling { get; init; }

    /// <summary><c>nodeSelector</c>: node labels the gateway pods require.</summary>
    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    /// <summary><c>tolerations</c>: taints the gateway tolerates; left out (none) unless it runs on the system nodes.</summary>
    [JsonPropertyName("tolerations")]
    public IReadOnlyList<HelmToleration>? Tolerations { get; init; }

    /// <summary><c>resources</c>: the gateway's requests; left out for the chart's default (Helm merges them with its limits).</summary>
    [JsonPropertyName("resources")]
    public HelmResources? Resources { get; init; }

    /// <summary><c>podDisruptionBudget</c>; left out with one replica, whose budget would block every node drain.</summary>
    [JsonPropertyName("podDisruptionBudget")]
    public DisruptionBudgetValues? PodDisruptionBudget { get; init; }

    /// <summary><c>revision</c>: the istiod revision (tag) whose proxies the gateway runs; left out without revisions.</summary>
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    /// <summary><c>service</c>.</summary>
    internal sealed record ServiceValues
    {
        [JsonPropertyName("type")]
        public required string Type { get; init; }

        [JsonPropertyName("annotations")]
        public required IReadOnlyDictionary<string, string> Annotations { get; init; }
    }

    /// <summary><c>autoscaling</c>.</summary>
    internal sealed record AutoscalingValues
    {
        [JsonPropertyName("enabled")]
        public required bool Enabled { get; init; }

        [JsonPropertyName("minReplicas")]
        public required int MinReplicas { get; init; }

        [JsonPropertyName("maxReplicas")]
        public required int MaxReplicas { get; init; }

        [JsonPropertyName("targetCPUUtilizationPercentage")]
        public required int TargetCpuUtilizationPercentage { get; init; }
    }

    /// <summary><c>podDisruptionBudget</c>.</summary>
    internal sealed record DisruptionBudgetValues
    {
        [JsonPropertyName("minAvailable")]
        public required int MinAvailable { get; init; }
    }
}
