using System.Collections.Generic;

namespace Infra.Components.Observability;

/// <summary>
/// Pinned versions of the monitoring charts and dashboards. Sources (September 2026, the newest found): the charts'
/// release notes; check <c>helm search repo &lt;chart&gt; --versions</c> before bumping.
/// </summary>
public static class KubePrometheusStackVersions
{
    /// <summary>kube-prometheus-stack (prometheus-operator v0.94).</summary>
    public const string Chart = "91.5.0";

    /// <summary>The External Secrets chart repository.</summary>
    public const string ExternalSecretsRepository = "https://charts.external-secrets.io";

    /// <summary>External Secrets Operator.</summary>
    public const string ExternalSecretsChart = "2.10.0";

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
