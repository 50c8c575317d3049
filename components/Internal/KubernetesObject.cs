using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Infra.Components.Internal;

/// <summary>
/// A namespaced Kubernetes object a component applies, typed: the API's key names are on the records, so a misspelled
/// field does not compile (the API server would otherwise drop it, or refuse the object at deploy time).
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

/// <summary>
/// A cluster-scoped Kubernetes object (a ClusterSecretStore, a ClusterRole's kin): like <see cref="KubernetesObject{TSpec}"/>
/// but its metadata has no namespace, so a namespaced kind cannot be written without one by mistake.
/// </summary>
/// <typeparam name="TSpec">The kind's <c>spec</c> record.</typeparam>
internal sealed record ClusterObject<TSpec>
    where TSpec : class
{
    [JsonPropertyName("apiVersion")]
    public required string ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("metadata")]
    public required ClusterObjectMetadata Metadata { get; init; }

    [JsonPropertyName("spec")]
    public required TSpec Spec { get; init; }

    /// <summary>The object as the manifest <c>KubernetesManifest</c> takes.</summary>
    public Dictionary<string, object> ToManifest() => HelmValues.From(this);
}

/// <summary>A v1 Namespace (cluster-scoped, no <c>spec</c>).</summary>
internal sealed record NamespaceObject
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = "v1";

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = "Namespace";

    [JsonPropertyName("metadata")]
    public required ClusterObjectMetadata Metadata { get; init; }

    /// <summary>The namespace <paramref name="name"/>.</summary>
    public static NamespaceObject Named(string name) => new() { Metadata = new ClusterObjectMetadata { Name = name } };

    /// <summary>The object as the manifest <c>KubernetesManifest</c> takes.</summary>
    public Dictionary<string, object> ToManifest() => HelmValues.From(this);
}

/// <summary><c>metadata</c> of a namespaced object: its name and namespace.</summary>
internal sealed record ObjectMetadata
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("namespace")]
    public required string Namespace { get; init; }
}

/// <summary><c>metadata</c> of a cluster-scoped object: its name only.</summary>
internal sealed record ClusterObjectMetadata
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
