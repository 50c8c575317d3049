using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Infra.Components.Internal;

/// <summary>
/// A Kubernetes object a component applies, typed: the API's key names are on the records, so a misspelled field does
/// not compile (the API server would otherwise drop it, or refuse the object at deploy time).
/// </summary>
/// <typeparam name="TSpec">The kind's <c>spec</c> record.</typeparam>
internal sealed record KubernetesObject<TSpec>
    where TSpec : class
{
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("metadata")]
    public required ObjectMetadata Metadata { get; init; }

    [JsonPropertyName("spec")]
    public required TSpec Spec { get; init; }

    /// <summary>The object as the manifest <c>KubernetesManifest</c> takes.</summary>
    public Dictionary<string, object> ToManifest() => HelmValues.From(this);
}

/// <summary><c>metadata</c>: the object's name and namespace.</summary>
internal sealed record ObjectMetadata
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }
}
