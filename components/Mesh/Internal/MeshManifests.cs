using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Mesh.Internal;

/// <summary>The Istio and Prometheus Operator objects the mesh applies, typed with their APIs' field names.</summary>
internal static class MeshManifests
{
    /// <summary>security.istio.io/v1 PeerAuthentication: STRICT mTLS in <paramref name="namespace"/> (the root namespace: the whole mesh).</summary>
    public static Dictionary<string, object> StrictMtls(string @namespace) => new KubernetesObject<PeerAuthenticationSpec>
    {
        ApiVersion = "security.istio.io/v1",
        Kind = "PeerAuthentication",
        Metadata = new ObjectMetadata { Name = "default", Namespace = @namespace },
        Spec = new PeerAuthenticationSpec { Mtls = new MtlsSpec { Mode = "STRICT" } },
    }.ToManifest();

    /// <summary>telemetry.istio.io/v1 Telemetry: Envoy access logs for the whole mesh.</summary>
    public static Dictionary<string, object> AccessLogging(string @namespace) => new KubernetesObject<TelemetrySpec>
    {
        ApiVersion = "telemetry.istio.io/v1",
        Kind = "Telemetry",
        Metadata = new ObjectMetadata { Name = "mesh-default", Namespace = @namespace },
        Spec = new TelemetrySpec { AccessLogging = [new AccessLoggingSpec { Providers = [new ProviderReference { Name = "envoy" }] }] },
    }.ToManifest();

    /// <summary>monitoring.coreos.com/v1 PodMonitor: every sidecar's Envoy statistics, in every namespace.</summary>
    public static Dictionary<string, object> EnvoyPodMonitor(string @namespace) => new KubernetesObject<PodMonitorSpec>
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "PodMonitor",
        Metadata = new ObjectMetadata { Name = "envoy-stats", Namespace = @namespace },
        Spec = new PodMonitorSpec
        {
            NamespaceSelector = new NamespaceSelector { Any = true },
            Selector = new LabelSelector { MatchExpressions = [new LabelSelectorRequirement { Key = "security.istio.io/tlsMode", Operator = "Exists" }] },
            PodMetricsEndpoints = [new MetricsEndpoint { Port = "http-envoy-prom", Path = "/stats/prometheus", Interval = "30s" }],
        },
    }.ToManifest();

    /// <summary>monitoring.coreos.com/v1 ServiceMonitor: istiod's own metrics.</summary>
    public static Dictionary<string, object> IstiodServiceMonitor(string @namespace) => new KubernetesObject<ServiceMonitorSpec>
    {
        ApiVersion = "monitoring.coreos.com/v1",
        Kind = "ServiceMonitor",
        Metadata = new ObjectMetadata { Name = "istiod", Namespace = @namespace },
        Spec = new ServiceMonitorSpec
        {
            Selector = new LabelSelector { MatchLabels = new Dictionary<string, string> { ["istio"] = "pilot" } },
            Endpoints = [new MetricsEndpoint { Port = "http-monitoring", Interval = "30s" }],
        },
    }.ToManifest();

    internal sealed record PeerAuthenticationSpec
    {
        [JsonPropertyName("mtls")]
        public required MtlsSpec Mtls { get; init; }
    }

    internal sealed record MtlsSpec
    {
        [JsonPropertyName("mode")]
        public required string Mode { get; init; }
    }

    internal sealed record TelemetrySpec
    {
        [JsonPropertyName("accessLogging")]
        public required IReadOnlyList<AccessLoggingSpec> AccessLogging { get; init; }
    }

    internal sealed record AccessLoggingSpec
    {
        [JsonPropertyName("providers")]
        public required IReadOnlyList<ProviderReference> Providers { get; init; }
    }

    internal sealed record ProviderReference
    {
        [JsonPropertyName("name")]
        public required string Name { get; init; }
    }

    internal sealed record PodMonitorSpec
    {
        [JsonPropertyName("namespaceSelector")]
        public required NamespaceSelector NamespaceSelector { get; init; }

        [JsonPropertyName("selector")]
        public required LabelSelector Selector { get; init; }

        [JsonPropertyName("podMetricsEndpoints")]
        public required IReadOnlyList<MetricsEndpoint> PodMetricsEndpoints { get; init; }
    }

    internal sealed record ServiceMonitorSpec
    {
        [JsonPropertyName("selector")]
        public required LabelSelector Selector { get; init; }

        [JsonPropertyName("endpoints")]
        public required IReadOnlyList<MetricsEndpoint> Endpoints { get; init; }
    }

    internal sealed record NamespaceSelector
    {
        [JsonPropertyName("any")]
        public required bool Any { get; init; }
    }

    internal sealed record LabelSelector
    {
        [JsonPropertyName("matchLabels")]
        public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }

        [JsonPropertyName("matchExpressions")]
        public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
    }

    internal sealed record LabelSelectorRequirement
    {
        [JsonPropertyName("key")]
        public required string Key { get; init; }

        [JsonPropertyName("operator")]
        public required string Operator { get; init; }
    }

    internal sealed record MetricsEndpoint
    {
        [JsonPropertyName("port")]
        public required string Port { get; init; }

        [JsonPropertyName("path")]
        public string? Path { get; init; }

        [JsonPropertyName("interval")]
        public required string Interval { get; init; }
    }
}
