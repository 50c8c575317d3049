using System.Text.Json.Serialization;

namespace Infra.Components.Mesh.Internal;

/// <summary>
/// The Istio <c>base</c> chart's values this component sets, with the chart's key names
/// (manifests/charts/base/values.yaml): the CRDs and the cluster-wide validating webhook come with the chart's defaults.
/// </summary>
internal sealed record IstioBaseValues
{
    /// <summary>
    /// <c>defaultRevision</c>: the istiod revision whose webhook validates Istio resources when no revision tag is named
    /// (<c>default</c> for an unrevisioned istiod).
    /// </summary>
    [JsonPropertyName("defaultRevision")]
    public required string DefaultRevision { get; init; }
}
