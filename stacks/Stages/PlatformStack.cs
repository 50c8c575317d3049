using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Infra.Components.Cost;
using Infra.Components.Kubernetes;
using Infra.Components.Mesh;
using Infra.Components.Observability;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The platform on the environment's cluster: kube-prometheus-stack (Prometheus, Alertmanager, Grafana) with its
/// alert topic, which the environment's budget and cost anomaly detection also notify, Grafana credentials and External Secrets, the Istio control plane with STRICT mTLS, and its ingress gateway behind an NLB from the AWS Load Balancer Controller. A stack of its own so a chart upgrade never touches the
/// cluster stack; it deploys after the cluster stack (the CDK adds the dependency through the cluster's references).
/// </summary>
public sealed class PlatformStack : EnvironmentStack
{
    /// <summary>Creates the platform stack on <paramref name="cluster"/>.</summary>
    public PlatformStack(Construct scope, string id, EnvironmentConfig config, ClusterStack cluster)
        : base(scope, id, config, config.PrimaryRegion, "platform")
    {
        Monitoring = new KubePrometheusStack(this, "Monitoring", MonitoringProps(config, cluster.Eks));
        PolicySuppressions.Add(Monitoring.GrafanaAdmin, "INFRA-SECRETS-1",
            "Grafana's admin is a break-glass login to a Grafana without a persistent database; a rotation Lambda cannot restart the pod that reads it. " +
            "Rotate by putting a new value and restarting the Grafana deployment (components/Observability/README.md).");
        LoadBalancerController = new AwsLoadBalancerController(this, "LoadBalancerController", new AwsLoadBalancerControllerProps { Cluster = cluster.Eks });
        PolicySuppressions.Add(LoadBalancerController.Ec2Policy, "INFRA-IAM-3",
            "Only reads (ec2/elasticloadbalancing Describe*, acm List/Describe) are on *, as those APIs have no resource-level permissions; the ELB service-linked role is limited by iam:AWSServiceName.",
            "Resource::*");
        PolicySuppressions.Add(LoadBalancerController.LoadBalancingPolicy, "INFRA-IAM-3",
            "CreateLoadBalancer and CreateTargetGroup have no ARN before they exist; the statement requires this cluster's elbv2.k8s.aws/cluster tag on the request.",
            "Resource::*");
        Mesh = new IstioMesh(this, "Mesh", MeshProps(config, cluster.Eks, Monitoring, LoadBalancerController));
        CostGuardrails = new CostGuardrails(this, "CostGuardrails", CostProps(config, Monitoring.AlertTopic, Monitoring.Key));
        AddDependency(cluster, "the charts install through the cluster's kubectl handler, after Karpenter can provision their nodes");
    }

    /// <summary>The cost guard rails' props from the environment file's cost section, alerting to <paramref name="alertTopic"/>.</summary>
    internal static CostGuardrailsProps CostProps(EnvironmentConfig config, ITopic alertTopic, IKey alertTopicKey) => new()
    {
        Name = config.ClusterName,
        MonthlyBudgetUsd = config.Cost.MonthlyBudgetUsd,
        ActualAlertPercents = config.Cost.ActualAlertPercents,
        ForecastAlertPercents = config.Cost.ForecastAlertPercents,
        AlertTopic = alertTopic,
        AlertTopicKey = alertTopicKey,
        AlertEmails = config.Cost.AlertEmails,
        AnomalyThresholdUsd = config.Cost.AnomalyThresholdUsd,
    };

    /// <summary>kube-prometheus-stack's props from the environment file.</summary>
    internal static KubePrometheusStackProps MonitoringProps(EnvironmentConfig config, EksCluster cluster)
    {
        var o = config.Observability;
        return new KubePrometheusStackProps
        {
            Cluster = cluster,
            PrometheusReplicas = o.PrometheusReplicas,
            Retention = o.Retention,
            StorageGiB = o.StorageGiB,
            PrometheusCpu = o.Cpu,
            PrometheusMemory = o.Memory,
            AlertmanagerReplicas = o.AlertmanagerReplicas,
            RunOnSystemNodes = config.Kubernetes.PlatformPlacement == PlatformPlacement.SystemNodes,
            RemovalPolicy = StatefulRemovalPolicyOf(config),
        };
    }

    /// <summary>The mesh's props from the environment file: istiod and the ingress gateway behind <paramref name="loadBalancerController"/>'s NLB.</summary>
    internal static IstioMeshProps MeshProps(EnvironmentConfig config, EksCluster cluster, KubePrometheusStack monitoring, AwsLoadBalancerController loadBalancerController) => new()
    {
        Cluster = cluster,
        Version = config.Mesh.IstioVersion,
        Revisioned = config.Mesh.Revisioned,
        IstiodReplicas = config.Mesh.IstiodReplicas,
        IstiodCpu = config.Mesh.IstiodCpu,
        IstiodMemory = config.Mesh.IstiodMemory,
        RunOnSystemNodes = config.Kubernetes.PlatformPlacement == PlatformPlacement.SystemNodes,
        Monitoring = monitoring,
        Gateway = new IstioGatewayProps
        {
            LoadBalancerController = loadBalancerController,
            InternetFacing = config.Mesh.GatewayInternetFacing,
            MinReplicas = config.Mesh.GatewayMinReplicas,
            MaxReplicas = config.Mesh.GatewayMaxReplicas,
            Cpu = config.Mesh.GatewayCpu,
            Memory = config.Mesh.GatewayMemory,
        },
    };

    /// <summary>The AWS Load Balancer Controller, which creates the ingress gateway's NLB.</summary>
    public AwsLoadBalancerController LoadBalancerController { get; }

    /// <summary>The Istio control plane, its mesh-wide policies and monitors.</summary>
    public IstioMesh Mesh { get; }

    /// <summary>Prometheus, Alertmanager and Grafana.</summary>
    public KubePrometheusStack Monitoring { get; }

    /// <summary>The environment's budget and cost anomaly detection, alerting to the monitoring alert topic.</summary>
    public CostGuardrails CostGuardrails { get; }
}
