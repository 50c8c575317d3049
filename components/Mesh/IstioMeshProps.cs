using System.Collections.Generic;
using Infra.Components.Kubernetes;
using Infra.Components.Observability;

namespace Infra.Components.Mesh;

/// <summary>Properties of an <see cref="IstioMesh"/>.</summary>
public sealed record IstioMeshProps
{
    /// <summary>The cluster to install into.</summary>
    public required EksCluster Cluster { get; init; }

    /// <summary>The Istio version (charts base and istiod); one of <see cref="IstioVersions.Supported"/>.</summary>
    /// <value><see cref="IstioVersions.Default"/>.</value>
    public string Version { get; init; } = IstioVersions.Default;

    /// <summary>
    /// Install istiod as a revision (<c>istiod-1-31-1</c>) behind the revision tag <see cref="IstioMesh.StableTag"/>,
    /// so an upgrade installs the next revision beside it and moves the tag (canary); off, istiod is the default revision.
    /// </summary>
    /// <value><c>false</c>.</value>
    public bool Revisioned { get; init; }

    /// <summary>istiod replicas (its autoscaler's minimum); a PodDisruptionBudget keeps one up through node drains.</summary>
    /// <value>1.</value>
    public int IstiodReplicas { get; init; } = 1;

    /// <summary>The monitoring stack whose Prometheus scrapes the mesh: PodMonitor and ServiceMonitor are added after its CRDs exist.</summary>
    /// <value>Omitted: no monitors.</value>
    public KubePrometheusStack? Monitoring { get; init; }

    /// <summary>The ingress gateway, installed last (after the mesh policies).</summary>
    /// <value>Omitted: no gateway.</value>
    public IstioGatewayProps? Gateway { get; init; }

    /// <summary>istiod's CPU request (a Kubernetes quantity).</summary>
    /// <value>Omitted: the chart's <see cref="IstioVersions.IstiodDefaultCpu"/>.</value>
    public string? IstiodCpu { get; init; }

    /// <summary>istiod's memory request (a Kubernetes quantity).</summary>
    /// <value>Omitted: the chart's <see cref="IstioVersions.IstiodDefaultMemory"/>.</value>
    public string? IstiodMemory { get; init; }

    /// <summary>
    /// Run istiod and the gateway on the system node group (its label selected, its <c>CriticalAddonsOnly</c> taint
    /// tolerated) instead of <see cref="NodeSelector"/>: small environments then need no Karpenter node for the mesh.
    /// </summary>
    /// <value><c>false</c>.</value>
    public bool RunOnSystemNodes { get; init; }

    /// <summary>Node labels istiod and the gateway require: on-demand capacity.</summary>
    /// <value><c>karpenter.sh/capacity-type: on-demand</c>.</value>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = EksClusterDefaults.OnDemandNodeSelector;
}
