using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Observability.Internal;

/// <summary>
/// The External Secrets objects the monitoring stack applies, typed with the external-secrets.io/v1 API's field names
/// (config/crds/bases of the pinned chart): a ClusterSecretStore for Secrets Manager and an ExternalSecret that copies one
/// secret's JSON keys into a Kubernetes secret.
/// </summary>
internal static class ExternalSecretsManifests
{
    /// <summary>ClusterSecretStore <paramref name="name"/>: Secrets Manager in <paramref name="region"/>, read with the controller's own (Pod Identity) credentials.</summary>
    public static Dictionary<string, object> SecretsManagerStore(string name, string region) => new ClusterObject<SecretStoreSpec>
    {
        ApiVersion = KubePrometheusStackVersions.ExternalSecretsApi,
        Kind = "ClusterSecretStore",
        Metadata = new ClusterObjectMetadata { Name = name },
        Spec = new SecretStoreSpec { Provider = new SecretStoreProvider { Aws = new AwsProvider { Service = "SecretsManager", Region = region } } },
    }.ToManifest();

    /// <summary>
    /// ExternalSecret <paramref name="name"/> in <paramref name="namespace"/>: every JSON key of the secret
    /// <paramref name="secretArn"/>, read through the ClusterSecretStore <paramref name="store"/>, as the Kubernetes secret of
    /// the same name, refreshed every hour.
    /// </summary>
    public static Dictionary<string, object> ExtractAll(string name, string @namespace, string store, string secretArn) => new KubernetesObject<ExternalSecretSpec>
    {
        ApiVersion = KubePrometheusStackVersions.ExternalSecretsApi,
        Kind = "ExternalSecret",
        Metadata = new ObjectMetadata { Name = name, Namespace = @namespace },
        Spec = new ExternalSecretSpec
        {
            RefreshInterval = "1h",
            SecretStoreRef = new SecretStoreRef { Kind = "ClusterSecretStore", Name = store },
            Target = new ExternalSecretTarget { Name = name },
            DataFrom = [new ExternalSecretDataFrom { Extract = new ExternalSecretExtract { Key = secretArn } }],
        },
    }.ToManifest();

    /// <summary><c>spec</c> of a (Cluster)SecretStore.</summary>
    internal sealed record SecretStoreSpec
    {
        [JsonPropertyName("provider")]
        public required SecretStoreProvider Provider { get; init; }
    }

    /// <summary><c>spec.provider</c>: one provider.</summary>
    internal sealed record SecretStoreProvider
    {
        [JsonPropertyName("aws")]
        public required AwsProvider Aws { get; init; }
    }

    /// <summary><c>spec.provider.aws</c>: without <c>auth</c>, the controller's own credentials (its Pod Identity role).</summary>
    internal sealed record AwsProvider
    {
        /// <summary><c>SecretsManager</c> or <c>ParameterStore</c>.</summary>
        [JsonPropertyName("service")]
        public required string Service { get; init; }

        [JsonPropertyName("region")]
        public required string Region { get; init; }
    }

    /// <summary><c>spec</c> of an ExternalSecret.</summary>
    internal sealed record ExternalSecretSpec
    {
        /// <summary><c>refreshInterval</c>: how often the controller reads the secret again.</summary>
        [JsonPropertyName("refreshInterval")]
        public required string RefreshInterval { get; init; }

        [JsonPropertyName("secretStoreRef")]
        public required SecretStoreRef SecretStoreRef { get; init; }

        /// <summary><c>target</c>: the Kubernetes secret written.</summary>
        [JsonPropertyName("target")]
        public required ExternalSecretTarget Target { get; init; }

        [JsonPropertyName("dataFrom")]
        public required IReadOnlyList<ExternalSecretDataFrom> DataFrom { get; init; }
    }

    /// <summary><c>spec.secretStoreRef</c>.</summary>
    internal sealed record SecretStoreRef
    {
        /// <summary><c>SecretStore</c> or <c>ClusterSecretStore</c>.</summary>
        [JsonPropertyName("kind")]
        public required string Kind { get; init; }

        [JsonPropertyName("name")]
        public required string Name { get; init; }
    }

    /// <summary><c>spec.target</c>.</summary>
    internal sealed record ExternalSecretTarget
    {
        [JsonPropertyName("name")]
        public required string Name { get; init; }
    }

    /// <summary>A <c>spec.dataFrom</c> entry.</summary>
    internal sealed record ExternalSecretDataFrom
    {
        /// <summary><c>extract</c>: every key of a JSON secret.</summary>
        [JsonPropertyName("extract")]
        public required ExternalSecretExtract Extract { get; init; }
    }

    /// <summary><c>spec.dataFrom[].extract</c>.</summary>
    internal sealed record ExternalSecretExtract
    {
        /// <summary><c>key</c>: the secret's name or ARN.</summary>
        [JsonPropertyName("key")]
        public required string Key { get; init; }
    }
}
