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
    public required PrometheusValues Prometheus { get; init; }

    /// <summary><c>alertmanager</c> (its <c>alertmanagerSpec</c>, placement included, and routing).</summary>
    [JsonPropertyName("alertmanager")]
    public required AlertmanagerValues Alertmanager { get; init; }

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

        /// <summary><c>grafana.dashboardProviders</c>: the provisioning files that tell Grafana where dashboards are.</summary>
        [JsonPropertyName("dashboardProviders")]
        public required GrafanaDashboardProviders DashboardProviders { get; init; }

        /// <summary><c>grafana.dashboards</c>: by provider name, the dashboards the chart downloads into that provider's folder, by file name.</summary>
        [JsonPropertyName("dashboards")]
        public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, GrafanaDashboard>> Dashboards { get; init; }
    }

    /// <summary><c>grafana.dashboardProviders</c>, by provisioning file name.</summary>
    internal sealed record GrafanaDashboardProviders
    {
        /// <summary><c>dashboardproviders.yaml</c>.</summary>
        [JsonPropertyName("dashboardproviders.yaml")]
        public required DashboardProvidersFile File { get; init; }
    }

    /// <summary>A Grafana dashboard provisioning file (Grafana's own format).</summary>
    internal sealed record DashboardProvidersFile
    {
        /// <summary><c>apiVersion</c>: the provisioning format's version, 1.</summary>
        [JsonPropertyName("apiVersion")]
        public int ApiVersion { get; init; } = 1;

        /// <summary><c>providers</c>.</summary>
        [JsonPropertyName("providers")]
        public required IReadOnlyList<DashboardProvider> Providers { get; init; }
    }

    /// <summary>A <c>providers</c> entry: dashboards read from files in a folder of the Grafana pod.</summary>
    internal sealed record DashboardProvider
    {
        /// <summary><c>name</c>: the key of its dashboards in <c>grafana.dashboards</c>.</summary>
        [JsonPropertyName("name")]
        public required string Name { get; init; }

        /// <summary><c>folder</c>: the Grafana folder the dashboards appear in.</summary>
        [JsonPropertyName("folder")]
        public required string Folder { get; init; }

        /// <summary><c>type</c>: <c>file</c>.</summary>
        [JsonPropertyName("type")]
        public string Type { get; init; } = "file";

        /// <summary><c>options</c>.</summary>
        [JsonPropertyName("options")]
        public required DashboardProviderOptions Options { get; init; }
    }

    /// <summary><c>providers[].options</c>.</summary>
    internal sealed record DashboardProviderOptions
    {
        /// <summary><c>path</c>: the folder the chart writes the provider's dashboards to (<c>/var/lib/grafana/dashboards/&lt;provider&gt;</c>).</summary>
        [JsonPropertyName("path")]
        public required string Path { get; init; }
    }

    /// <summary>A <c>grafana.dashboards.&lt;provider&gt;.&lt;name&gt;</c> entry: a grafana.com dashboard the chart downloads.</summary>
    internal sealed record GrafanaDashboard
    {
        /// <summary><c>gnetId</c>: the dashboard's grafana.com id.</summary>
        [JsonPropertyName("gnetId")]
        public required int GnetId { get; init; }

        /// <summary><c>revision</c>: its pinned revision.</summary>
        [JsonPropertyName("revision")]
        public required int Revision { get; init; }

        /// <summary><c>datasource</c>: the data source name its inputs are bound to.</summary>
        [JsonPropertyName("datasource")]
        public required string Datasource { get; init; }
    }

    /// <summary><c>prometheus</c>.</summary>
    internal sealed record PrometheusValues
    {
        /// <summary><c>prometheus.prometheusSpec</c>: the operator's Prometheus resource spec.</summary>
        [JsonPropertyName("prometheusSpec")]
        public required PrometheusSpecValues PrometheusSpec { get; init; }
    }

    /// <summary><c>prometheus.prometheusSpec</c>.</summary>
    internal sealed record PrometheusSpecValues
    {
        /// <summary><c>replicas</c>.</summary>
        [JsonPropertyName("replicas")]
        public required int Replicas { get; init; }

        /// <summary><c>retention</c>: how long data is kept (<c>15d</c>).</summary>
        [JsonPropertyName("retention")]
        public required string Retention { get; init; }

        /// <summary><c>retentionSize</c>: the most data kept (<c>85GB</c>), oldest blocks dropped first.</summary>
        [JsonPropertyName("retentionSize")]
        public required string RetentionSize { get; init; }

        /// <summary><c>resources</c>: the Prometheus container's requests and limits.</summary>
        [JsonPropertyName("resources")]
        public required ResourceRequirements Resources { get; init; }

        /// <summary><c>storageSpec</c>: each replica's volume.</summary>
        [JsonPropertyName("storageSpec")]
        public required StorageSpec StorageSpec { get; init; }

        /// <summary><c>serviceMonitorSelectorNilUsesHelmValues</c>: <c>false</c> selects every ServiceMonitor, not only the release's.</summary>
        [JsonPropertyName("serviceMonitorSelectorNilUsesHelmValues")]
        public required bool ServiceMonitorSelectorNilUsesHelmValues { get; init; }

        /// <summary><c>podMonitorSelectorNilUsesHelmValues</c>: likewise for PodMonitors.</summary>
        [JsonPropertyName("podMonitorSelectorNilUsesHelmValues")]
        public required bool PodMonitorSelectorNilUsesHelmValues { get; init; }

        /// <summary><c>ruleSelectorNilUsesHelmValues</c>: likewise for PrometheusRules.</summary>
        [JsonPropertyName("ruleSelectorNilUsesHelmValues")]
        public required bool RuleSelectorNilUsesHelmValues { get; init; }

        /// <summary><c>probeSelectorNilUsesHelmValues</c>: likewise for Probes.</summary>
        [JsonPropertyName("probeSelectorNilUsesHelmValues")]
        public required bool ProbeSelectorNilUsesHelmValues { get; init; }

        /// <summary><c>externalLabels</c>: labels added to every series and alert leaving this Prometheus.</summary>
        [JsonPropertyName("externalLabels")]
        public required IReadOnlyDictionary<string, string> ExternalLabels { get; init; }

        /// <summary><c>nodeSelector</c>.</summary>
        [JsonPropertyName("nodeSelector")]
        public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

        /// <summary><c>podAntiAffinity</c>: <c>hard</c> or <c>soft</c>; <c>null</c> (the chart's default, none) for one replica.</summary>
        [JsonPropertyName("podAntiAffinity")]
        public string? PodAntiAffinity { get; init; }

        /// <summary><c>tolerations</c>: the system nodes' taint when Prometheus runs there; <c>null</c> otherwise.</summary>
        [JsonPropertyName("tolerations")]
        public IReadOnlyList<HelmToleration>? Tolerations { get; init; }
    }

    /// <summary>A container's <c>resources</c> (Kubernetes ResourceRequirements).</summary>
    internal sealed record ResourceRequirements
    {
        /// <summary><c>requests</c>.</summary>
        [JsonPropertyName("requests")]
        public required ResourceQuantities Requests { get; init; }

        /// <summary><c>limits</c>; <c>null</c> for none.</summary>
        [JsonPropertyName("limits")]
        public ResourceQuantities? Limits { get; init; }
    }

    /// <summary>Kubernetes quantities by resource name (a ResourceList); a <c>null</c> resource is left out.</summary>
    internal sealed record ResourceQuantities
    {
        /// <summary><c>cpu</c> (<c>250m</c>, <c>1</c>).</summary>
        [JsonPropertyName("cpu")]
        public string? Cpu { get; init; }

        /// <summary><c>memory</c> (<c>1Gi</c>).</summary>
        [JsonPropertyName("memory")]
        public string? Memory { get; init; }

        /// <summary><c>storage</c> (<c>100Gi</c>), for a volume claim.</summary>
        [JsonPropertyName("storage")]
        public string? Storage { get; init; }
    }

    /// <summary><c>prometheusSpec.storageSpec</c>.</summary>
    internal sealed record StorageSpec
    {
        /// <summary><c>volumeClaimTemplate</c>: the claim each replica's StatefulSet pod gets.</summary>
        [JsonPropertyName("volumeClaimTemplate")]
        public required VolumeClaimTemplate VolumeClaimTemplate { get; init; }
    }

    /// <summary><c>storageSpec.volumeClaimTemplate</c>.</summary>
    internal sealed record VolumeClaimTemplate
    {
        /// <summary><c>spec</c>: a PersistentVolumeClaim spec.</summary>
        [JsonPropertyName("spec")]
        public required PersistentVolumeClaimSpec Spec { get; init; }
    }

    /// <summary>A PersistentVolumeClaim <c>spec</c>.</summary>
    internal sealed record PersistentVolumeClaimSpec
    {
        /// <summary><c>storageClassName</c>.</summary>
        [JsonPropertyName("storageClassName")]
        public required string StorageClassName { get; init; }

        /// <summary><c>accessModes</c> (<c>ReadWriteOnce</c>: an EBS volume attaches to one node).</summary>
        [JsonPropertyName("accessModes")]
        public required IReadOnlyList<string> AccessModes { get; init; }

        /// <summary><c>resources</c>: the requested <c>storage</c>.</summary>
        [JsonPropertyName("resources")]
        public required VolumeResourceRequirements Resources { get; init; }
    }

    /// <summary>A claim's <c>resources</c> (Kubernetes VolumeResourceRequirements).</summary>
    internal sealed record VolumeResourceRequirements
    {
        /// <summary><c>requests</c>.</summary>
        [JsonPropertyName("requests")]
        public required ResourceQuantities Requests { get; init; }
    }

    /// <summary><c>alertmanager</c>.</summary>
    internal sealed record AlertmanagerValues
    {
        /// <summary><c>alertmanager.serviceAccount</c>: the account its Pod Identity association names.</summary>
        [JsonPropertyName("serviceAccount")]
        public required HelmServiceAccount ServiceAccount { get; init; }

        /// <summary><c>alertmanager.alertmanagerSpec</c>: the operator's Alertmanager resource spec.</summary>
        [JsonPropertyName("alertmanagerSpec")]
        public required AlertmanagerSpecValues AlertmanagerSpec { get; init; }

        /// <summary><c>alertmanager.config</c>: Alertmanager's configuration file.</summary>
        [JsonPropertyName("config")]
        public required AlertmanagerConfig Config { get; init; }
    }

    /// <summary><c>alertmanager.alertmanagerSpec</c>.</summary>
    internal sealed record AlertmanagerSpecValues
    {
        /// <summary><c>replicas</c>.</summary>
        [JsonPropertyName("replicas")]
        public required int Replicas { get; init; }

        /// <summary><c>nodeSelector</c>.</summary>
        [JsonPropertyName("nodeSelector")]
        public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

        /// <summary><c>tolerations</c>: the system nodes' taint when Alertmanager runs there; <c>null</c> otherwise.</summary>
        [JsonPropertyName("tolerations")]
        public IReadOnlyList<HelmToleration>? Tolerations { get; init; }
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
