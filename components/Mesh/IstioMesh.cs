using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;
using Infra.Components.Internal;
using Infra.Components.Kubernetes;

namespace Infra.Components.Mesh;

/// <summary>
/// The Istio control plane on an <see cref="EksCluster"/>, from the upstream Helm charts: base (CRDs, validation),
/// istiod (optionally as a revision behind a stable revision tag, for canary upgrades without istioctl), then
/// mesh-wide STRICT mutual TLS and access logs, and, with monitoring, the PodMonitor and ServiceMonitor Prometheus
/// scrapes the sidecars and istiod with. Each step waits for the one before: the CRDs before istiod, istiod's
/// validating webhook before the policies.
/// </summary>
public sealed class IstioMesh : Construct
{
    /// <summary>The control plane's namespace (the mesh's root namespace).</summary>
    public const string Namespace = "istio-system";

    /// <summary>The revision tag workloads select when istiod is revisioned.</summary>
    public const string StableTag = "stable";

    /// <summary>Installs the mesh, validating every prop first.</summary>
    public IstioMesh(Construct scope, string id, IstioMeshProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Validate(scope, id, props);
        var cluster = props.Cluster.Cluster;
        Revision = props.Revisioned ? IstioVersions.Revision(props.Version) : null;
        InjectionLabel = Revision is null
            ? KeyValuePair.Create("istio-injection", "enabled")
            : KeyValuePair.Create("istio.io/rev", StableTag);

        Base = new HelmChart(this, "Base", new HelmChartProps
        {
            Cluster = cluster,
            Chart = "base",
            Repository = IstioVersions.Repository,
            Version = props.Version,
            Namespace = Namespace,
            Release = "istio-base",
            CreateNamespace = true,
            Wait = true,
            Timeout = Duration.Minutes(5),
            // The revision that validates Istio resources when no tag is named.
            Values = new Dictionary<string, object> { ["defaultRevision"] = Revision ?? "default" },
        });

        Istiod = new HelmChart(this, "Istiod", new HelmChartProps
        {
            Cluster = cluster,
            Chart = "istiod",
            Repository = IstioVersions.Repository,
            Version = props.Version,
            Namespace = Namespace,
            Release = Revision is null ? "istiod" : $"istiod-{Revision}",
            Wait = true,
            Timeout = Duration.Minutes(10),
            Values = IstiodValues(props),
        });
        Istiod.Node.AddDependency(Base);

        Policies = new KubernetesManifest(this, "Policies", new KubernetesManifestProps
        {
            Cluster = cluster,
            Overwrite = true,
            Manifest =
            [
                // In the root namespace, so it applies to the whole mesh: plaintext between workloads is refused.
                new Dictionary<string, object>
                {
                    ["apiVersion"] = "security.istio.io/v1",
                    ["kind"] = "PeerAuthentication",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = "default", ["namespace"] = Namespace },
                    ["spec"] = new Dictionary<string, object> { ["mtls"] = new Dictionary<string, object> { ["mode"] = "STRICT" } },
                },
                new Dictionary<string, object>
                {
                    ["apiVersion"] = "telemetry.istio.io/v1",
                    ["kind"] = "Telemetry",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = "mesh-default", ["namespace"] = Namespace },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["accessLogging"] = new object[] { new Dictionary<string, object> { ["providers"] = new object[] { new Dictionary<string, object> { ["name"] = "envoy" } } } },
                    },
                },
            ],
        });
        Policies.Node.AddDependency(Istiod);

        if (props.Monitoring is { } monitoring)
        {
            Monitors = new KubernetesManifest(this, "Monitors", new KubernetesManifestProps
            {
                Cluster = cluster,
                Overwrite = true,
                Manifest = [EnvoyPodMonitor(), IstiodServiceMonitor()],
            });
            Monitors.Node.AddDependency(monitoring.Chart);
            Monitors.Node.AddDependency(Istiod);
        }
    }

    /// <summary>istiod's revision (<c>1-31-1</c>); <c>null</c> when istiod is the default revision.</summary>
    public string? Revision { get; }

    /// <summary>The label a namespace needs for sidecar injection: <c>istio.io/rev: stable</c>, or <c>istio-injection: enabled</c> without revisions.</summary>
    public KeyValuePair<string, string> InjectionLabel { get; }

    /// <summary>The base chart (CRDs).</summary>
    public HelmChart Base { get; }

    /// <summary>The control plane.</summary>
    public HelmChart Istiod { get; }

    /// <summary>Mesh-wide STRICT mTLS and access logging.</summary>
    public KubernetesManifest Policies { get; }

    /// <summary>The PodMonitor and ServiceMonitor; <c>null</c> without monitoring.</summary>
    public KubernetesManifest? Monitors { get; }

    private static void Validate(Construct scope, string id, IstioMeshProps props)
    {
        var v = new ValidationCollector();
        v.Require(IstioVersions.Supported.Contains(props.Version),
            $"Version: '{props.Version}' is not a supported Istio version; use one of {string.Join(", ", IstioVersions.Supported.Order(StringComparer.Ordinal))}.");
        v.Require(props.IstiodReplicas is >= 1 and <= 5, $"IstiodReplicas: {props.IstiodReplicas} must be 1 to 5.");
        v.ThrowIfAny(scope, id, nameof(IstioMeshProps));
    }

    private Dictionary<string, object> IstiodValues(IstioMeshProps props)
    {
        var values = new Dictionary<string, object>
        {
            ["pilot"] = new Dictionary<string, object>
            {
                ["replicaCount"] = props.IstiodReplicas,
                ["autoscaleMin"] = props.IstiodReplicas,
                ["autoscaleMax"] = Math.Max(props.IstiodReplicas, 5),
                ["nodeSelector"] = props.NodeSelector.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
            },
            ["global"] = new Dictionary<string, object>
            {
                ["defaultPodDisruptionBudget"] = new Dictionary<string, object> { ["enabled"] = true },
            },
            ["meshConfig"] = new Dictionary<string, object>
            {
                ["accessLogFile"] = "/dev/stdout",
                ["enablePrometheusMerge"] = true,
            },
        };
        if (Revision is not null)
        {
            values["revision"] = Revision;
            values["revisionTags"] = new object[] { StableTag };
        }

        return values;
    }

    // Every sidecar's Envoy statistics, in every namespace, on the port the injector names.
    private static Dictionary<string, object> EnvoyPodMonitor() => new()
    {
        ["apiVersion"] = "monitoring.coreos.com/v1",
        ["kind"] = "PodMonitor",
        ["metadata"] = new Dictionary<string, object> { ["name"] = "envoy-stats", ["namespace"] = Namespace },
        ["spec"] = new Dictionary<string, object>
        {
            ["namespaceSelector"] = new Dictionary<string, object> { ["any"] = true },
            ["selector"] = new Dictionary<string, object>
            {
                ["matchExpressions"] = new object[] { new Dictionary<string, object> { ["key"] = "security.istio.io/tlsMode", ["operator"] = "Exists" } },
            },
            ["podMetricsEndpoints"] = new object[]
            {
                new Dictionary<string, object> { ["port"] = "http-envoy-prom", ["path"] = "/stats/prometheus", ["interval"] = "30s" },
            },
        },
    };

    private static Dictionary<string, object> IstiodServiceMonitor() => new()
    {
        ["apiVersion"] = "monitoring.coreos.com/v1",
        ["kind"] = "ServiceMonitor",
        ["metadata"] = new Dictionary<string, object> { ["name"] = "istiod", ["namespace"] = Namespace },
        ["spec"] = new Dictionary<string, object>
        {
            ["selector"] = new Dictionary<string, object> { ["matchLabels"] = new Dictionary<string, object> { ["istio"] = "pilot" } },
            ["endpoints"] = new object[] { new Dictionary<string, object> { ["port"] = "http-monitoring", ["interval"] = "30s" } },
        },
    };
}
