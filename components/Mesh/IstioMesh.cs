using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Constructs;
using Infra.Components.Cost;
using Infra.Components.Internal;
using Infra.Components.Kubernetes;
using Infra.Components.Mesh.Internal;

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

    /// <summary>The ingress gateway's namespace.</summary>
    public const string GatewayNamespace = "istio-ingress";

    /// <summary>The revision tag workloads select when istiod is revisioned.</summary>
    public const string StableTag = "stable";

    /// <summary>Installs the mesh, validating every prop first.</summary>
    public IstioMesh(Construct scope, string id, IstioMeshProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(IstioMeshProps), Validate(props));
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
            Values = HelmValues.From(new IstioBaseValues { DefaultRevision = Revision ?? "default" }),
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
                MeshManifests.StrictMtls(Namespace),
                MeshManifests.AccessLogging(Namespace),
            ],
        });
        Policies.Node.AddDependency(Istiod);

        if (props.Gateway is { } gateway)
        {
            Gateway = new HelmChart(this, "Gateway", new HelmChartProps
            {
                Cluster = cluster,
                Chart = "gateway",
                Repository = IstioVersions.Repository,
                Version = props.Version,
                Namespace = GatewayNamespace,
                Release = "istio-ingressgateway",
                CreateNamespace = true,
                // The NLB is created asynchronously; waiting for its address could outlast the handler's window.
                Wait = false,
                Timeout = Duration.Minutes(10),
                Values = GatewayValues(gateway, props),
            });
            Gateway.Node.AddDependency(Policies);
            Gateway.Node.AddDependency(gateway.LoadBalancerController.Chart);
        }

        DeclareRuntimeResources(props);
        if (props.Monitoring is { } monitoring)
        {
            Monitors = new KubernetesManifest(this, "Monitors", new KubernetesManifestProps
            {
                Cluster = cluster,
                Overwrite = true,
                Manifest = [MeshManifests.EnvoyPodMonitor(Namespace), MeshManifests.IstiodServiceMonitor(Namespace)],
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

    /// <summary>The ingress gateway chart; <c>null</c> without a gateway.</summary>
    public HelmChart? Gateway { get; }

    /// <summary>The PodMonitor and ServiceMonitor; <c>null</c> without monitoring.</summary>
    public KubernetesManifest? Monitors { get; }

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(IstioMeshProps props)
    {
        var v = new ValidationCollector();
        v.Require(IstioVersions.Supported.Contains(props.Version),
            "Version", $"'{props.Version}' is not an Istio version this component installs; use one of {string.Join(", ", IstioVersions.Supported.Order(StringComparer.Ordinal))}.");
        v.Require(props.IstiodReplicas is >= 1 and <= 5, "IstiodReplicas", $"{props.IstiodReplicas} must be 1 to 5.");
        v.Require(props.IstiodCpu is null || KubernetesQuantities.IsCpu(props.IstiodCpu), "IstiodCpu", $"'{props.IstiodCpu}' is not a CPU quantity such as 100m or 1.");
        v.Require(props.IstiodMemory is null || KubernetesQuantities.IsMemory(props.IstiodMemory), "IstiodMemory", $"'{props.IstiodMemory}' is not a memory quantity such as 512Mi or 2Gi.");
        if (props.Gateway is { } g)
        {
            v.Require(g.MinReplicas is >= 1 and <= 20, "Gateway.MinReplicas", $"{g.MinReplicas} must be 1 to 20.");
            v.Require(g.MaxReplicas >= g.MinReplicas && g.MaxReplicas <= 50, "Gateway.MaxReplicas", $"{g.MaxReplicas} must be at least the minimum ({g.MinReplicas}) and at most 50.");
            v.Require(g.Cpu is null || KubernetesQuantities.IsCpu(g.Cpu), "Gateway.Cpu", $"'{g.Cpu}' is not a CPU quantity such as 100m or 1.");
            v.Require(g.Memory is null || KubernetesQuantities.IsMemory(g.Memory), "Gateway.Memory", $"'{g.Memory}' is not a memory quantity such as 128Mi or 1Gi.");
        }

        return v.Problems;
    }

    // What the charts make the cluster create, for the cost estimate: istiod's and the gateway's pods (with their
    // requests, or the charts' defaults) and the gateway's NLB, in the subnets the scheme selects.
    private void DeclareRuntimeResources(IstioMeshProps props)
    {
        var nodeSelector = Placement(props).NodeSelector;
        RuntimeResources.Declare(this, new RuntimePods
        {
            Purpose = "istiod",
            Replicas = props.IstiodReplicas,
            Cpu = props.IstiodCpu ?? IstioVersions.IstiodDefaultCpu,
            Memory = props.IstiodMemory ?? IstioVersions.IstiodDefaultMemory,
            NodeSelector = nodeSelector,
        });
        if (props.Gateway is not { } gateway)
        {
            return;
        }

        RuntimeResources.Declare(this, new RuntimePods
        {
            Purpose = "ingress gateway",
            Replicas = gateway.MinReplicas,
            Cpu = gateway.Cpu ?? IstioVersions.GatewayDefaultCpu,
            Memory = gateway.Memory ?? IstioVersions.GatewayDefaultMemory,
            NodeSelector = nodeSelector,
        });
        var vpc = props.Cluster.Cluster.Vpc;
        RuntimeResources.Declare(this, new RuntimeLoadBalancer
        {
            Purpose = "ingress gateway",
            AvailabilityZones = (gateway.InternetFacing ? vpc.PublicSubnets : vpc.PrivateSubnets).Length,
            InternetFacing = gateway.InternetFacing,
        });
    }

    // Where istiod and the gateway run: the system nodes (label and taint), or the props' node selector.
    private static HelmPlacement Placement(IstioMeshProps props) =>
        props.RunOnSystemNodes ? HelmPlacement.SystemNodes : HelmPlacement.On(props.NodeSelector);

    // The istiod chart's current top-level keys (not the legacy `pilot.*` block, read only through a compatibility template).
    private Dictionary<string, object> IstiodValues(IstioMeshProps props) => HelmValues.From(new IstiodValues
    {
        ReplicaCount = props.IstiodReplicas,
        AutoscaleMin = props.IstiodReplicas,
        AutoscaleMax = Math.Max(props.IstiodReplicas, 5),
        NodeSelector = Placement(props).NodeSelector,
        Tolerations = props.RunOnSystemNodes ? HelmPlacement.SystemNodes.Tolerations : null,
        Resources = HelmResources.Of(props.IstiodCpu, props.IstiodMemory),
        Global = new IstiodValues.GlobalValues { DefaultPodDisruptionBudget = new IstiodValues.Toggle { Enabled = true } },
        MeshConfig = new IstiodValues.MeshConfigValues { AccessLogFile = "/dev/stdout", EnablePrometheusMerge = true },
        Revision = Revision,
        RevisionTags = Revision is null ? null : [StableTag],
    });

    private Dictionary<string, object> GatewayValues(IstioGatewayProps gateway, IstioMeshProps props) => HelmValues.From(new IstioGatewayValues
    {
        Service = new IstioGatewayValues.ServiceValues
        {
            Type = "LoadBalancer",
            Annotations = new Dictionary<string, string>
            {
                // "external" hands the Service to the AWS Load Balancer Controller, not the legacy in-tree provider.
                ["service.beta.kubernetes.io/aws-load-balancer-type"] = "external",
                ["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"] = "ip",
                ["service.beta.kubernetes.io/aws-load-balancer-scheme"] = gateway.InternetFacing ? "internet-facing" : "internal",
                ["service.beta.kubernetes.io/aws-load-balancer-attributes"] = "load_balancing.cross_zone.enabled=true",
            },
        },
        Autoscaling = new IstioGatewayValues.AutoscalingValues
        {
            Enabled = true,
            MinReplicas = gateway.MinReplicas,
            MaxReplicas = gateway.MaxReplicas,
            TargetCpuUtilizationPercentage = 80,
        },
        NodeSelector = Placement(props).NodeSelector,
        Tolerations = props.RunOnSystemNodes ? HelmPlacement.SystemNodes.Tolerations : null,
        Resources = HelmResources.Of(gateway.Cpu, gateway.Memory),
        // With one replica a minAvailable of 1 would block every node drain.
        PodDisruptionBudget = gateway.MinReplicas >= 2 ? new IstioGatewayValues.DisruptionBudgetValues { MinAvailable = 1 } : null,
        Revision = Revision is null ? null : StableTag,
    });
}
