using System.Collections.Generic;

namespace Infra.Components.Observability;

/// <summary>
/// Pinned versions of the monitoring charts and dashboards, the newest published on 2026-12-05 (checked against the
/// charts' GitHub releases; see the component README for the sources). Check <c>helm search repo &lt;chart&gt; --versions</c>
/// and the chart's upgrade notes before bumping.
/// </summary>
public static class KubePrometheusStackVersions
{
    /// <summary>
    /// kube-prometheus-stack: 94.4.0, marked Latest on its GitHub release (2026-12-01). Majors since 91 bump the operator's
    /// CRDs (applied by the chart's <c>crds.upgradeJob</c>) and, from 92.0.0, default Linux-only pods to
    /// <c>kubernetes.io/os: linux</c>, which Helm merges with the node selectors set here.
    /// </summary>
    public const string Chart = "94.4.0";

    /// <summary>The External Secrets chart repository.</summary>
    public const string ExternalSecretsRepository = "https://charts.external-secrets.io";

    /// <summary>External Secrets Operator: 2.14.0, the newest 2.x minor found (a 2.11 image-registry value change was reverted in 2.12).</summary>
    public const string ExternalSecretsChart = "2.14.0";

    /// <summary>The External Secrets API its resources use (v1beta1 is no longer served).</summary>
    public const string ExternalSecretsApi = "external-secrets.io/v1";

    /// <summary>Grafana.com dashboards provisioned into the Platform folder: Karpenter (the community mixin) and Istio.</summary>
    public static IReadOnlyDictionary<string, (int Id, int Revision)> Dashboards { get; } = new Dictionary<string, (int, int)>
    {
        ["karpenter-overview"] = (22171, 3),
        ["karpenter-activity"] = (22172, 3),
        ["karpenter-performance"] = (22173, 3),
        ["istio-mesh"] = (7639, 330),
        ["istio-service"] = (7636, 329),
        ["istio-workload"] = (7630, 278),
        ["istio-control-plane"] = (7645, 225),
    };
}
