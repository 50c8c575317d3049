using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Mesh.Internal;

/// <summary>
/// The istiod chart's values this component sets, with the chart's current top-level key names
/// (manifests/charts/istio-control/istio-discovery/values.yaml, release-1.31). Since Istio 1.24 the chart takes
/// <c>replicaCount</c>, <c>autoscaleMin</c>, <c>nodeSelector</c> and the rest at the top level; the legacy
/// <c>pilot.*</c> block is only copied there by a compatibility template, so it is never written here.
/// </summary>
internal sealed record IstiodValues
{
    /// <summary><c>replicaCount</c>: replicas when the autoscaler is off.</summary>
    [JsonPropertyName("replicaCount")]
    public required int ReplicaCount { get; init; }

    /// <summary><c>autoscaleMin</c>: the autoscaler's minimum.</summary>
    [JsonPropertyName("autoscaleMin")]
    public required int AutoscaleMin { get; init; }

    /// <summary><c>autoscaleMax</c>: the autoscaler's maximum.</summary>
    [JsonPropertyName("autoscaleMax")]
    public required int AutoscaleMax { get; init; }

    /// <summary><c>nodeSelector</c>: node labels istiod requires.</summary>
    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    /// <summary><c>tolerations</c>: taints istiod tolerates; left out (none) unless it runs on the system nodes.</summary>
    [JsonPropertyName("tolerations")]
    public IReadOnlyList<HelmToleration>? Tolerations { get; init; }

    /// <summary><c>resources</c>: istiod's requests; left out for the chart's default.</summary>
    [JsonPropertyName("resources")]
    public HelmResources? Resources { get; init; }

    /// <summary><c>global</c>.</summary>
    [JsonPropertyName("global")]
    public required GlobalValues Global { get; init; }

    /// <summary><c>meshConfig</c>: the mesh-wide proxy configuration.</summary>
    [JsonPropertyName("meshConfig")]
    public required MeshConfigValues MeshConfig { get; init; }

    /// <summary><c>revision</c>: the control-plane revision; <c>null</c> for the default revision.</summary>
    [JsonPropertyName("revision")]
    public string? Revision { get; init; }

    /// <summary><c>revisionTags</c>: tags pointing at this revision; <c>null</c> for the default revision.</summary>
    [JsonPropertyName("revisionTags")]
    public IReadOnlyList<string>? RevisionTags { get; init; }

    /// <summary><c>global</c>.</summary>
    internal sealed record GlobalValues
    {
        /// <summary><c>global.defaultPodDisruptionBudget</c>.</summary>
        [JsonPropertyName("defaultPodDisruptionBudget")]
        public required Toggle DefaultPodDisruptionBudget { get; init; }
    }

    /// <summary>A block with only <c>enabled</c>.</summary>
    internal sealed record Toggle
    {
        /// <summary><c>enabled</c>.</summary>
        [JsonPropertyName("enabled")]
        public required bool Enabled { get; init; }
    }

    /// <summary><c>meshConfig</c>.</summary>
    internal sealed record MeshConfigValues
    {
        /// <summary><c>meshConfig.accessLogFile</c>: where Envoy writes access logs.</summary>
        [JsonPropertyName("accessLogFile")]
        public required string AccessLogFile { get; init; }

        /// <summary><c>meshConfig.enablePrometheusMerge</c>: one scrape endpoint for the proxy's and the app's metrics.</summary>
        [JsonPropertyName("enablePrometheusMerge")]
        public required bool EnablePrometheusMerge { get; init; }
    }
}
