using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SecretsManager;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Infra.Components.Cost;
using Infra.Components.Internal;
using Infra.Components.Kubernetes;
using Infra.Components.Observability.Internal;

namespace Infra.Components.Observability;

/// <summary>
/// Prometheus, Alertmanager and Grafana (kube-prometheus-stack) on an <see cref="EksCluster"/>: Prometheus on encrypted
/// gp3 volumes with retention and a size bound, requests set and, with two replicas, hard anti-affinity; the
/// control-plane targets EKS does not expose turned off; every ServiceMonitor, PodMonitor, rule and probe selected,
/// not only the release's; Alertmanager routing to SNS through SigV4 with its own Pod Identity role; Grafana's admin
/// credentials generated in Secrets Manager and synced into the cluster by External Secrets (never in a template);
/// Karpenter and Istio dashboards; everything on on-demand capacity, or on the system nodes. The operator's CRDs are upgraded by the chart's
/// server-side-apply job, never through a KubernetesManifest.
/// </summary>
public sealed class KubePrometheusStack : Construct
{
    /// <summary>The chart's repository.</summary>
    public const string ChartRepository = "https://prometheus-community.github.io/helm-charts";

    /// <summary>The pinned kube-prometheus-stack version.</summary>
    public const string ChartVersion = KubePrometheusStackVersions.Chart;

    /// <summary>The namespace everything runs in.</summary>
    public const string Namespace = "monitoring";

    /// <summary>The release name (prefix of every resource the chart creates).</summary>
    public const string Release = "kps";

    /// <summary>Alertmanager's service account (named so its Pod Identity association can find it).</summary>
    public const string AlertmanagerServiceAccount = "kps-alertmanager";

    /// <summary>The Kubernetes secret Grafana reads its admin credentials from.</summary>
    public const string GrafanaAdminSecret = "grafana-admin";

    /// <summary>Installs the stack, validating every prop first.</summary>
    public KubePrometheusStack(Construct scope, string id, KubePrometheusStackProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        Validate(scope, id, props);
        var cluster = props.Cluster;

        Key = CustomerManagedKey.Create(this, $"Encrypts the monitoring secrets and alert topic of EKS cluster {cluster.ClusterName}", props.RemovalPolicy);
        AlertTopic = props.AlertTopic ?? TlsOnlyTopic.Create(this, "AlertTopic", $"Alerts of EKS cluster {cluster.ClusterName}", Key);
        GrafanaAdmin = new Secret(this, "GrafanaAdmin", new SecretProps
        {
            Description = $"Grafana admin of EKS cluster {cluster.ClusterName} (synced into the cluster by External Secrets)",
            EncryptionKey = Key,
            GenerateSecretString = new SecretStringGenerator
            {
                SecretStringTemplate = "{\"admin-user\":\"admin\"}",
                GenerateStringKey = "admin-password",
                ExcludePunctuation = true,
                PasswordLength = 32,
            },
            RemovalPolicy = props.RemovalPolicy,
        });

        var secrets = InstallExternalSecrets(cluster);
        var alertmanager = cluster.AddPodIdentityRole(this, "AlertmanagerRole", Namespace, AlertmanagerServiceAccount, $"Alertmanager of EKS cluster {cluster.ClusterName}: publishes alerts to SNS");
        AlertTopic.GrantPublish(alertmanager.Role);
        if (props.AlertTopic is null)
        {
            // SNS encrypts each message with the topic's key as the publisher: without these, every publish is refused.
            Key.Grant(alertmanager.Role, "kms:Decrypt", "kms:GenerateDataKey*");
        }

        Chart = new HelmChart(this, "Chart", new HelmChartProps
        {
            Cluster = cluster.Cluster,
            Chart = "kube-prometheus-stack",
            Repository = ChartRepository,
            Version = ChartVersion,
            Namespace = Namespace,
            Release = Release,
            CreateNamespace = true,
            // Prometheus' volumes may take a while to bind; waiting could outlast the handler's 15-minute window.
            Wait = false,
            Timeout = Duration.Minutes(10),
            Values = Values(props, Stack.Of(this).Region),
        });
        Chart.Node.AddDependency(alertmanager.Association);
        Chart.Node.AddDependency(secrets);
        DeclareRuntimeResources(props);
    }

    /// <summary>The chart.</summary>
    public HelmChart Chart { get; }

    /// <summary>Where alerts go.</summary>
    public ITopic AlertTopic { get; }

    /// <summary>Grafana's admin credentials in Secrets Manager.</summary>
    public ISecret GrafanaAdmin { get; }

    /// <summary>The key of the topic and the secret.</summary>
    public IKey Key { get; }

    private static void Validate(Construct scope, string id, KubePrometheusStackProps props)
    {
        var v = new ValidationCollector();
        v.Require(props.PrometheusReplicas is >= 1 and <= 3, $"PrometheusReplicas: {props.PrometheusReplicas} must be 1 to 3.");
        v.Require(props.AlertmanagerReplicas is >= 1 and <= 3, $"AlertmanagerReplicas: {props.AlertmanagerReplicas} must be 1 to 3.");
        v.Require(System.Text.RegularExpressions.Regex.IsMatch(props.Retention, "^[0-9]+(h|d|w|y)$"),
            $"Retention: '{props.Retention}' is not a Prometheus retention such as 2d, 15d or 4w.");
        v.Require(props.StorageGiB is >= 10 and <= 2000, $"StorageGiB: {props.StorageGiB} must be 10 to 2000.");
        v.ThrowIfAny(scope, id, nameof(KubePrometheusStackProps));
    }

    // Where every pod of the chart runs: the system nodes (label and taint), or the props' node selector.
    private static HelmPlacement Placement(KubePrometheusStackProps props) =>
        props.RunOnSystemNodes ? HelmPlacement.SystemNodes : HelmPlacement.On(props.NodeSelector);

    // What the chart makes the cluster create, for the cost estimate: Prometheus' volumes (Alertmanager keeps its state
    // in an emptyDir, so it claims none) and the pods that need capacity where the node selector puts them. Only
    // Prometheus has requests; the chart's other pods request nothing, but still need a node to run on.
    private void DeclareRuntimeResources(KubePrometheusStackProps props)
    {
        var nodeSelector = Placement(props).NodeSelector;
        RuntimeResources.Declare(this, new RuntimeVolume { Purpose = "Prometheus data", Count = props.PrometheusReplicas, SizeGiB = props.StorageGiB });
        RuntimeResources.Declare(this, new RuntimePods
        {
            Purpose = "Prometheus",
            Replicas = props.PrometheusReplicas,
            Cpu = props.PrometheusCpu,
            Memory = props.PrometheusMemory,
            NodeSelector = nodeSelector,
            SpreadOverNodes = props.PrometheusReplicas > 1,
        });
        RuntimeResources.Declare(this, new RuntimePods { Purpose = "Alertmanager", Replicas = props.AlertmanagerReplicas, NodeSelector = nodeSelector });
        RuntimeResources.Declare(this, new RuntimePods { Purpose = "Grafana, the operator and kube-state-metrics", Replicas = 3, NodeSelector = nodeSelector });
    }

    // External Secrets reads the admin secret with its Pod Identity role and writes the Kubernetes secret Grafana uses.
    private KubernetesManifest InstallExternalSecrets(EksCluster cluster)
    {
        const string externalSecretsNamespace = "external-secrets";
        var role = cluster.AddPodIdentityRole(this, "ExternalSecretsRole", externalSecretsNamespace, "external-secrets", $"External Secrets of EKS cluster {cluster.ClusterName}: reads the monitoring secrets");
        GrafanaAdmin.GrantRead(role.Role);
        var chart = new HelmChart(this, "ExternalSecrets", new HelmChartProps
        {
            Cluster = cluster.Cluster,
            Chart = "external-secrets",
            Repository = KubePrometheusStackVersions.ExternalSecretsRepository,
            Version = KubePrometheusStackVersions.ExternalSecretsChart,
            Namespace = externalSecretsNamespace,
            Release = "external-secrets",
            CreateNamespace = true,
            Wait = true,
            Timeout = Duration.Minutes(10),
            // Every pod of the chart (controller, webhook, cert controller) on the system nodes: the webhook and the cert
            // controller ignore the top-level placement keys and read their own, or global's.
            Values = HelmValues.From(ExternalSecretsValues.On(HelmPlacement.SystemNodes, "external-secrets")),
        });
        chart.Node.AddDependency(role.Association);

        var region = Stack.Of(this).Region;
        var store = new KubernetesManifest(this, "SecretStore", new KubernetesManifestProps
        {
            Cluster = cluster.Cluster,
            // The namespace comes first: the ExternalSecret lives in it, and the chart that would create it installs later.
            Manifest =
            [
                new Dictionary<string, object>
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = Namespace },
                },
                new Dictionary<string, object>
                {
                    ["apiVersion"] = KubePrometheusStackVersions.ExternalSecretsApi,
                    ["kind"] = "ClusterSecretStore",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = "aws-secrets-manager" },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["provider"] = new Dictionary<string, object>
                        {
                            ["aws"] = new Dictionary<string, object> { ["service"] = "SecretsManager", ["region"] = region },
                        },
                    },
                },
                new Dictionary<string, object>
                {
                    ["apiVersion"] = KubePrometheusStackVersions.ExternalSecretsApi,
                    ["kind"] = "ExternalSecret",
                    ["metadata"] = new Dictionary<string, object> { ["name"] = GrafanaAdminSecret, ["namespace"] = Namespace },
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["refreshInterval"] = "1h",
                        ["secretStoreRef"] = new Dictionary<string, object> { ["kind"] = "ClusterSecretStore", ["name"] = "aws-secrets-manager" },
                        ["target"] = new Dictionary<string, object> { ["name"] = GrafanaAdminSecret },
                        ["dataFrom"] = new object[] { new Dictionary<string, object> { ["extract"] = new Dictionary<string, object> { ["key"] = GrafanaAdmin.SecretArn } } },
                    },
                },
            ],
            Overwrite = true,
        });
        store.Node.AddDependency(chart);
        return store;
    }

    private Dictionary<string, object> Values(KubePrometheusStackProps props, string region)
    {
        var placement = Placement(props);
        var nodeSelector = EksClusterDefaults.ToValues(placement.NodeSelector);
        var retentionSizeGb = (int)Math.Floor(props.StorageGiB * 0.85);
        var prometheusSpec = new Dictionary<string, object>
        {
            ["replicas"] = props.PrometheusReplicas,
            ["retention"] = props.Retention,
            ["retentionSize"] = $"{retentionSizeGb}GB",
            ["resources"] = new Dictionary<string, object>
            {
                ["requests"] = new Dictionary<string, object> { ["cpu"] = props.PrometheusCpu, ["memory"] = props.PrometheusMemory },
                ["limits"] = new Dictionary<string, object> { ["memory"] = props.PrometheusMemory },
            },
            ["storageSpec"] = new Dictionary<string, object>
            {
                ["volumeClaimTemplate"] = new Dictionary<string, object>
                {
                    ["spec"] = new Dictionary<string, object>
                    {
                        ["storageClassName"] = EksCluster.DefaultStorageClass,
                        ["accessModes"] = new object[] { "ReadWriteOnce" },
                        ["resources"] = new Dictionary<string, object> { ["requests"] = new Dictionary<string, object> { ["storage"] = $"{props.StorageGiB}Gi" } },
                    },
                },
            },
            // Select every ServiceMonitor, PodMonitor, rule and probe, not only those labelled with this release.
            ["serviceMonitorSelectorNilUsesHelmValues"] = false,
            ["podMonitorSelectorNilUsesHelmValues"] = false,
            ["ruleSelectorNilUsesHelmValues"] = false,
            ["probeSelectorNilUsesHelmValues"] = false,
            ["externalLabels"] = new Dictionary<string, object> { ["cluster"] = props.Cluster.ClusterName },
            ["nodeSelector"] = nodeSelector,
        };
        if (props.PrometheusReplicas > 1)
        {
            prometheusSpec["podAntiAffinity"] = "hard";
        }

        var alertmanagerSpec = new Dictionary<string, object>
        {
            ["replicas"] = props.AlertmanagerReplicas,
            ["nodeSelector"] = nodeSelector,
        };
        if (props.RunOnSystemNodes)
        {
            prometheusSpec["tolerations"] = EksClusterDefaults.SystemTolerations();
            alertmanagerSpec["tolerations"] = EksClusterDefaults.SystemTolerations();
        }

        return HelmValues.From(new KubePrometheusStackValues
        {
            // Operator CRDs: the chart installs them first time and upgrades them with a server-side-apply hook job.
            Crds = new KubePrometheusStackValues.CrdsValues
            {
                UpgradeJob = new KubePrometheusStackValues.UpgradeJobValues { Enabled = true, NodeSelector = placement.NodeSelector, Tolerations = placement.Tolerations },
            },
            // EKS does not expose these control-plane components: their alerts would fire forever.
            KubeControllerManager = new KubePrometheusStackValues.Toggle { Enabled = false },
            KubeScheduler = new KubePrometheusStackValues.Toggle { Enabled = false },
            KubeEtcd = new KubePrometheusStackValues.Toggle { Enabled = false },
            KubeProxy = new KubePrometheusStackValues.Toggle { Enabled = false },
            Prometheus = new Dictionary<string, object> { ["prometheusSpec"] = prometheusSpec },
            Alertmanager = new Dictionary<string, object>
            {
                ["serviceAccount"] = new Dictionary<string, object> { ["create"] = true, ["name"] = AlertmanagerServiceAccount },
                ["alertmanagerSpec"] = alertmanagerSpec,
                ["config"] = new Dictionary<string, object>
                {
                    ["route"] = new Dictionary<string, object>
                    {
                        ["receiver"] = "sns",
                        ["group_by"] = new object[] { "alertname", "namespace" },
                        ["routes"] = new object[] { new Dictionary<string, object> { ["receiver"] = "null", ["matchers"] = new object[] { "alertname = \"Watchdog\"" } } },
                    },
                    ["receivers"] = new object[]
                    {
                        new Dictionary<string, object> { ["name"] = "null" },
                        new Dictionary<string, object>
                        {
                            ["name"] = "sns",
                            ["sns_configs"] = new object[]
                            {
                                new Dictionary<string, object>
                                {
                                    ["topic_arn"] = AlertTopic.TopicArn,
                                    ["sigv4"] = new Dictionary<string, object> { ["region"] = region },
                                    ["subject"] = "{{ .CommonLabels.alertname }} on " + props.Cluster.ClusterName,
                                },
                            },
                        },
                    },
                },
            },
            Grafana = new KubePrometheusStackValues.GrafanaValues
            {
                Admin = new KubePrometheusStackValues.GrafanaAdminValues { ExistingSecret = GrafanaAdminSecret, UserKey = "admin-user", PasswordKey = "admin-password" },
                NodeSelector = placement.NodeSelector,
                Tolerations = placement.Tolerations,
                DashboardProviders = new Dictionary<string, object>
                {
                    ["dashboardproviders.yaml"] = new Dictionary<string, object>
                    {
                        ["apiVersion"] = 1,
                        ["providers"] = new object[]
                        {
                            new Dictionary<string, object>
                            {
                                ["name"] = "platform",
                                ["folder"] = "Platform",
                                ["type"] = "file",
                                ["options"] = new Dictionary<string, object> { ["path"] = "/var/lib/grafana/dashboards/platform" },
                            },
                        },
                    },
                },
                Dashboards = new Dictionary<string, object>
                {
                    ["platform"] = KubePrometheusStackVersions.Dashboards.ToDictionary(
                        d => d.Key,
                        d => (object)new Dictionary<string, object> { ["gnetId"] = d.Value.Id, ["revision"] = d.Value.Revision, ["datasource"] = "Prometheus" }),
                },
            },
            // The operator, and the hook jobs that create the admission webhook's certificate and patch it in.
            PrometheusOperator = new KubePrometheusStackValues.PrometheusOperatorValues
            {
                NodeSelector = placement.NodeSelector,
                Tolerations = placement.Tolerations,
                AdmissionWebhooks = new KubePrometheusStackValues.AdmissionWebhooksValues { Patch = placement },
            },
            KubeStateMetrics = placement,
            // A DaemonSet that must see every node: it tolerates every taint (the system nodes' and any Karpenter pool's).
            NodeExporter = new KubePrometheusStackValues.NodeExporterValues { Tolerations = HelmPlacement.EveryTaint },
        });
    }
}
