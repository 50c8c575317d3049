using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Kubernetes.Internal;

/// <summary>A storage.k8s.io/v1 StorageClass, typed with the API's field names (it has no <c>spec</c>).</summary>
internal sealed record StorageClassObject
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "storage.k8s.io/v1";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "StorageClass";

    [JsonPropertyName("metadata")]
    public required ClusterScopedMetadata Metadata { get; init; }

    [JsonPropertyName("provisioner")]
    public required string Provisioner { get; init; }

    [JsonPropertyName("parameters")]
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    [JsonPropertyName("volumeBindingMode")]
    public required string VolumeBindingMode { get; init; }

    [JsonPropertyName("allowVolumeExpansion")]
    public required bool AllowVolumeExpansion { get; init; }

    [JsonPropertyName("reclaimPolicy")]
    public required string ReclaimPolicy { get; init; }

    /// <summary>The object as the manifest <c>AddManifest</c> takes.</summary>
    public Dictionary<string, object> ToManifest() => HelmValues.From(this);

    /// <summary><c>metadata</c> of a cluster-scoped object: a name and annotations.</summary>
    internal sealed record ClusterScopedMetadata
    {
        [JsonPropertyName("name")]
        public required string Name { get; init; }

        [JsonPropertyName("annotations")]
        public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    }
}
