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
public sealed partial class KubePrometheusStack : Construct
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

    // The ClusterSecretStore External Secrets reads Secrets Manager through.
    private const string SecretStore = "aws-secrets-manager";

    // Grafana's dashboard provider: its name keys grafana.dashboards and names the folder the chart writes them to.
    private const string DashboardProvider = "platform";

    /// <summary>Installs the stack, validating every prop first.</summary>
    public KubePrometheusStack(Construct scope, string id, KubePrometheusStackProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(KubePrometheusStackProps), Validate(props));
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

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(KubePrometheusStackProps props)
    {
        var v = new ValidationCollector();
        v.Require(props.PrometheusReplicas is >= 1 and <= 3, nameof(props.PrometheusReplicas), $"{props.PrometheusReplicas} must be 1 to 3.");
        v.Require(props.AlertmanagerReplicas is >= 1 and <= 3, nameof(props.AlertmanagerReplicas), $"{props.AlertmanagerReplicas} must be 1 to 3.");
        v.Require(Retention().IsMatch(props.Retention), nameof(props.Retention),
            $"'{props.Retention}' is not a Prometheus retention; use a whole number of h, d, w or y such as 2d or 15d.");
        v.Require(props.StorageGiB is >= 10 and <= 2000, nameof(props.StorageGiB), $"{props.StorageGiB} must be 10 to 2000 (GiB per replica).");
        v.Require(KubernetesQuantities.IsCpu(props.PrometheusCpu), nameof(props.PrometheusCpu), $"'{props.PrometheusCpu}' is not a CPU quantity such as 250m or 1.");
        v.Require(KubernetesQuantities.IsMemory(props.PrometheusMemory), nameof(props.PrometheusMemory), $"'{props.PrometheusMemory}' is not a memory quantity such as 1Gi or 512Mi.");
        return v.Problems;
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
                NamespaceObject.Named(Namespace).ToManifest(),
                ExternalSecretsManifests.SecretsManagerStore(SecretStore, region),
                ExternalSecretsManifests.ExtractAll(GrafanaAdminSecret, Namespace, SecretStore, GrafanaAdmin.SecretArn),
            ],
            Overwrite = true,
        });
        store.Node.AddDependency(chart);
        return store;
    }

    private Dictionary<string, object> Values(KubePrometheusStackProps props, string region)
    {
        var placement = Placement(props);
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
            Prometheus = new KubePrometheusStackValues.PrometheusValues { PrometheusSpec = PrometheusSpec(props, placement) },
            Alertmanager = new KubePrometheusStackValues.AlertmanagerValues
            {
                ServiceAccount = new HelmServiceAccount { Create = true, Name = AlertmanagerServiceAccount },
                AlertmanagerSpec = new KubePrometheusStackValues.AlertmanagerSpecValues { Replicas = props.AlertmanagerReplicas, NodeSelector = placement.NodeSelector, Tolerations = SystemTolerations(props) },
                Config = AlertRouting(props.Cluster.ClusterName, region),
            },
            Grafana = new KubePrometheusStackValues.GrafanaValues
            {
                Admin = new KubePrometheusStackValues.GrafanaAdminValues { ExistingSecret = GrafanaAdminSecret, UserKey = "admin-user", PasswordKey = "admin-password" },
                NodeSelector = placement.NodeSelector,
                Tolerations = placement.Tolerations,
                DashboardProviders = new KubePrometheusStackValues.GrafanaDashboardProviders
                {
                    File = new KubePrometheusStackValues.DashboardProvidersFile
                    {
                        Providers =
                        [
                            new KubePrometheusStackValues.DashboardProvider
                            {
                                Name = DashboardProvider,
                                Folder = "Platform",
                                Options = new KubePrometheusStackValues.DashboardProviderOptions { Path = $"/var/lib/grafana/dashboards/{DashboardProvider}" },
                            },
                        ],
                    },
                },
                Dashboards = new Dictionary<string, IReadOnlyDictionary<string, KubePrometheusStackValues.GrafanaDashboard>>
                {
                    [DashboardProvider] = KubePrometheusStackVersions.Dashboards.ToDictionary(
                        d => d.Key,
                        d => new KubePrometheusStackValues.GrafanaDashboard { GnetId = d.Value.Id, Revision = d.Value.Revision, Datasource = "Prometheus" }),
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

    // Prometheus: bounded by time and by 85% of its volume, so a busy cluster never fills the disk.
    private static KubePrometheusStackValues.PrometheusSpecValues PrometheusSpec(KubePrometheusStackProps props, HelmPlacement placement) => new()
    {
        Replicas = props.PrometheusReplicas,
        Retention = props.Retention,
        RetentionSize = $"{(int)Math.Floor(props.StorageGiB * 0.85)}GB",
        Resources = new KubePrometheusStackValues.ResourceRequirements
        {
            Requests = new KubePrometheusStackValues.ResourceQuantities { Cpu = props.PrometheusCpu, Memory = props.PrometheusMemory },
            Limits = new KubePrometheusStackValues.ResourceQuantities { Memory = props.PrometheusMemory },
        },
        StorageSpec = new KubePrometheusStackValues.StorageSpec
        {
            VolumeClaimTemplate = new KubePrometheusStackValues.VolumeClaimTemplate
            {
                Spec = new KubePrometheusStackValues.PersistentVolumeClaimSpec
                {
                    StorageClassName = EksCluster.DefaultStorageClass,
                    AccessModes = ["ReadWriteOnce"],
                    Resources = new KubePrometheusStackValues.VolumeResourceRequirements
                    {
                        Requests = new KubePrometheusStackValues.ResourceQuantities { Storage = $"{props.StorageGiB}Gi" },
                    },
                },
            },
        },
        // Select every ServiceMonitor, PodMonitor, rule and probe, not only those labelled with this release.
        ServiceMonitorSelectorNilUsesHelmValues = false,
        PodMonitorSelectorNilUsesHelmValues = false,
        RuleSelectorNilUsesHelmValues = false,
        ProbeSelectorNilUsesHelmValues = false,
        ExternalLabels = new Dictionary<string, string> { ["cluster"] = props.Cluster.ClusterName },
        NodeSelector = placement.NodeSelector,
        PodAntiAffinity = props.PrometheusReplicas > 1 ? "hard" : null,
        Tolerations = SystemTolerations(props),
    };

    // The custom resources' pods tolerate the system nodes' taint only when they run there (the chart's keys are absent otherwise).
    private static IReadOnlyList<HelmToleration>? SystemTolerations(KubePrometheusStackProps props) =>
        props.RunOnSystemNodes ? HelmPlacement.SystemNodes.Tolerations : null;

    // Every alert to the SNS topic, signed with Alertmanager's Pod Identity role; the always-firing Watchdog to nowhere.
    private AlertmanagerConfig AlertRouting(string clusterName, string region) => new()
    {
        Route = new AlertmanagerRoute
        {
            Receiver = "sns",
            GroupBy = ["alertname", "namespace"],
            Routes = [new AlertmanagerRoute { Receiver = "null", Matchers = ["alertname = \"Watchdog\""] }],
        },
        Receivers =
        [
            new AlertmanagerReceiver { Name = "null" },
            new AlertmanagerReceiver
            {
                Name = "sns",
                SnsConfigs =
                [
                    new SnsConfig
                    {
                        TopicArn = AlertTopic.TopicArn,
                        SigV4 = new SigV4Config { Region = region },
                        Subject = "{{ .CommonLabels.alertname }} on " + clusterName,
                    },
                ],
            },
        ],
    };

    // A retention the chart passes to --storage.tsdb.retention.time: a positive whole number of h, d, w or y (0 would keep data forever).
    [System.Text.RegularExpressions.GeneratedRegex("^[1-9][0-9]*(h|d|w|y)$")]
    private static partial System.Text.RegularExpressions.Regex Retention();
}
