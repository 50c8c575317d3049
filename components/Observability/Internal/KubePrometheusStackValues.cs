using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Observability.Internal;

/// <summary>
/// The kube-prometheus-stack values this component sets, with the chart's key names (charts/kube-prometheus-stack/
/// values.yaml and its grafana, kube-state-metrics and prometheus-node-exporter subcharts). Every pod the chart renders
/// has its placement here: Prometheus and Alertmanager (in their specs), Grafana, kube-state-metrics, the operator,
/// the admission webhook's certificate jobs (<c>prometheusOperator.admissionWebhooks.patch</c>), the CRD upgrade job
/// (<c>crds.upgradeJob</c>), and the node exporter DaemonSet, which must run on every node.
/// </summary>
internal sealed record KubePrometheusStackValues
{
    /// <summary><c>crds</c>.</summary>
    [JsonPropertyName("crds")]
    public required CrdsValues Crds { get; init; }

    /// <summary><c>kubeControllerManager</c>: its targets.</summary>
    [JsonPropertyName("kubeControllerManager")]
    public required Toggle KubeControllerManager { get; init; }

    /// <summary><c>kubeScheduler</c>: its targets.</summary>
    [JsonPropertyName("kubeScheduler")]
    public required Toggle KubeScheduler { get; init; }

    /// <summary><c>kubeEtcd</c>: its targets.</summary>
    [JsonPropertyName("kubeEtcd")]
    public required Toggle KubeEtcd { get; init; }

    /// <summary><c>kubeProxy</c>: its targets.</summary>
    [JsonPropertyName("kubeProxy")]
    public required Toggle KubeProxy { get; init; }

    /// <summary><c>prometheus</c> (its <c>prometheusSpec</c>, placement included).</summary>
    [JsonPropertyName("prometheus")]
    public required IReadOnlyDictionary<string, object> Prometheus { get; init; }

    /// <summary><c>alertmanager</c> (its <c>alertmanagerSpec</c>, placement included, and routing).</summary>
    [JsonPropertyName("alertmanager")]
    public required IReadOnlyDictionary<string, object> Alertmanager { get; init; }

    /// <summary><c>grafana</c> (the grafana subchart).</summary>
    [JsonPropertyName("grafana")]
    public required GrafanaValues Grafana { get; init; }

    /// <summary><c>prometheusOperator</c>.</summary>
    [JsonPropertyName("prometheusOperator")]
    public required PrometheusOperatorValues PrometheusOperator { get; init; }

    /// <summary><c>kube-state-metrics</c> (the subchart): its placement.</summary>
    [JsonPropertyName("kube-state-metrics")]
    public required HelmPlacement KubeStateMetrics { get; init; }

    /// <summary><c>prometheus-node-exporter</c> (the subchart, a DaemonSet).</summary>
    [JsonPropertyName("prometheus-node-exporter")]
    public required NodeExporterValues NodeExporter { get; init; }

    /// <summary>A block with only <c>enabled</c>.</summary>
    internal sealed record Toggle
    {
        /// <summary><c>enabled</c>.</summary>
        [JsonPropertyName("enabled")]
        public required bool Enabled { get; init; }
    }

    /// <summary><c>crds</c>.</summary>
    internal sealed record CrdsValues
    {
        /// <summary><c>crds.upgradeJob</c>: the hook job that server-side applies the operator's CRDs before an upgrade.</summary>
        [JsonPropertyName("upgradeJob")]
        public required UpgradeJobValues UpgradeJob { get; init; }
    }

    /// <summary><c>crds.upgradeJob</c>.</summary>
    internal sealed record UpgradeJobValues
    {
        /// <summary><c>enabled</c>.</summary>
        [JsonPropertyName("enabled")]
        public required bool Enabled { get; init; }

        /// <summary><c>nodeSelector</c>.</summary>
        [JsonPropertyName("nodeSelector")]
        public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

        /// <summary><c>tolerations</c>.</summary>
        [JsonPropertyName("tolerations")]
        public required IReadOnlyList<HelmToleration> Tolerations { get; init; }
    }

    /// <summary><c>grafana</c>.</summary>
    internal sealed record GrafanaValues
    {
        /// <summary><c>grafana.admin</c>: where the admin credentials come from.</summary>
        [JsonPropertyName("admin")]
        public required GrafanaAdminValues Admin { get; init; }

        /// <summary><c>grafana.nodeSelector</c>.</summary>
        [JsonPropertyName("nodeSelector")]
        public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

        /// <summary><c>grafana.tolerations</c>.</summary>
        [JsonPropertyName("tolerations")]
        public required IReadOnlyList<HelmToleration> Tolerations { get; init; }

        /// <summary><c>grafana.dashboardProviders</c>.</summary>
        [JsonPropertyName("dashboardProviders")]
        public required IReadOnlyDictionary<string, object> DashboardProviders { get; init; }

        /// <summary><c>grafana.dashboards</c>.</summary>
        [JsonPropertyName("dashboards")]
        public required IReadOnlyDictionary<string, object> Dashboards { get; init; }
    }

    /// <summary><c>grafana.admin</c>.</summary>
    internal sealed record GrafanaAdminValues
    {
        /// <summary><c>existingSecret</c>: the Kubernetes secret with the credentials.</summary>
        [JsonPropertyName("existingSecret")]
        public required string ExistingSecret { get; init; }

        /// <summary><c>userKey</c>.</summary>
        [JsonPropertyName("userKey")]
        public required string UserKey { get; init; }

        /// <summary><c>passwordKey</c>.</summary>
        [JsonPropertyName("passwordKey")]
        public required string PasswordKey { get; init; }
    }

    /// <summary><c>prometheusOperator</c>.</summary>
    internal sealed record PrometheusOperatorValues
    {
        /// <summary><c>prometheusOperator.nodeSelector</c>.</summary>
        [JsonPropertyName("nodeSelector")]
        public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

        /// <summary><c>prometheusOperator.tolerations</c>.</summary>
        [JsonPropertyName("tolerations")]
        public required IReadOnlyList<HelmToleration> Tolerations { get; init; }

        /// <summary><c>prometheusOperator.admissionWebhooks</c>.</summary>
        [JsonPropertyName("admissionWebhooks")]
        public required AdmissionWebhooksValues AdmissionWebhooks { get; init; }
    }

    /// <summary><c>prometheusOperator.admissionWebhooks</c>.</summary>
    internal sealed record AdmissionWebhooksValues
    {
        /// <summary><c>patch</c>: the hook jobs that create the webhook's certificate and patch it into the webhook configurations.</summary>
        [JsonPropertyName("patch")]
        public required HelmPlacement Patch { get; init; }
    }

    /// <summary><c>prometheus-node-exporter</c>.</summary>
    internal sealed record NodeExporterValues
    {
        /// <summary><c>tolerations</c>.</summary>
        [JsonPropertyName("tolerations")]
        public required IReadOnlyList<HelmToleration> Tolerations { get; init; }
    }
}
