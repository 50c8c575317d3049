using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Kubernetes.Karpenter.Internal;

/// <summary>
/// The karpenter chart's values this component sets, with the chart's key names (charts/karpenter/values.yaml at the
/// pinned version): a misspelled key does not compile. The order is the order the values were written in before they
/// were typed, so the synthesized chart values did not change.
/// </summary>
internal sealed record KarpenterChartValues
{
    [JsonPropertyName("settings")]
    public required SettingsValues Settings { get; init; }

    [JsonPropertyName("serviceAccount")]
    public required HelmServiceAccount ServiceAccount { get; init; }

    [JsonPropertyName("replicas")]
    public required int Replicas { get; init; }

    [JsonPropertyName("controller")]
    public required ControllerValues Controller { get; init; }

    [JsonPropertyName("tolerations")]
    public required IReadOnlyList<HelmToleration> Tolerations { get; init; }

    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    /// <summary><c>settings</c>: the cluster and the interruption queue.</summary>
    internal sealed record SettingsValues
    {
        [JsonPropertyName("clusterName")]
        public required string ClusterName { get; init; }

        [JsonPropertyName("interruptionQueue")]
        public required string InterruptionQueue { get; init; }
    }

    /// <summary><c>controller</c>: the controller container's resources.</summary>
    internal sealed record ControllerValues
    {
        [JsonPropertyName("resources")]
        public required ResourceValues Resources { get; init; }

        /// <summary>Requests equal to limits: the controller gets a guaranteed share.</summary>
        public static ControllerValues Sized(string cpu, string memory) => new()
        {
            Resources = new ResourceValues
            {
                Requests = new Dictionary<string, string> { ["cpu"] = cpu, ["memory"] = memory },
                Limits = new Dictionary<string, string> { ["cpu"] = cpu, ["memory"] = memory },
            },
        };
    }

    /// <summary><c>resources</c>.</summary>
    internal sealed record ResourceValues
    {
        [JsonPropertyName("requests")]
        public required IReadOnlyDictionary<string, string> Requests { get; init; }

        [JsonPropertyName("limits")]
        public required IReadOnlyDictionary<string, string> Limits { get; init; }
    }
}
