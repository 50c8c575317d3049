using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.SNS;
using Infra.Components.Kubernetes;

namespace Infra.Components.Observability;

/// <summary>Properties of a <see cref="KubePrometheusStack"/>.</summary>
public sealed record KubePrometheusStackProps
{
    /// <summary>The cluster to install into (its default StorageClass provides the encrypted gp3 volumes).</summary>
    public required EksCluster Cluster { get; init; }

    /// <summary>Prometheus replicas; with two or more they are spread over nodes (hard anti-affinity).</summary>
    /// <value>1.</value>
    public int PrometheusReplicas { get; init; } = 1;

    /// <summary>How long Prometheus keeps samples (a Prometheus duration such as <c>2d</c> or <c>15d</c>).</summary>
    /// <value><c>2d</c>.</value>
    public string Retention { get; init; } = "2d";

    /// <summary>Each Prometheus volume's size in GiB; <c>retentionSize</c> is set to 85% of it so the disk never fills.</summary>
    /// <value>20.</value>
    public int StorageGiB { get; init; } = 20;

    /// <summary>Prometheus CPU request.</summary>
    /// <value><c>250m</c>.</value>
    public string PrometheusCpu { get; init; } = "250m";

    /// <summary>Prometheus memory request (and limit).</summary>
    /// <value><c>1Gi</c>.</value>
    public string PrometheusMemory { get; init; } = "1Gi";

    /// <summary>Alertmanager replicas.</summary>
    /// <value>1.</value>
    public int AlertmanagerReplicas { get; init; } = 1;

    /// <summary>Where Alertmanager sends alerts (through SigV4 with its Pod Identity role).</summary>
    /// <value>Omitted: an encrypted topic is created.</value>
    public ITopic? AlertTopic { get; init; }

    /// <summary>Node labels the monitoring pods must run on: on-demand capacity, never Spot.</summary>
    /// <value><c>karpenter.sh/capacity-type: on-demand</c>.</value>
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = EksClusterDefaults.OnDemandNodeSelector;

    /// <summary>
    /// Run every pod of the stack on the system node group (its label selected, its <c>CriticalAddonsOnly</c> taint
    /// tolerated) instead of <see cref="NodeSelector"/>: small environments then need no Karpenter node for monitoring.
    /// Size the system nodes and the Prometheus requests for it.
    /// </summary>
    /// <value><c>false</c>.</value>
    public bool RunOnSystemNodes { get; init; }

    /// <summary>What the key and the Grafana secret do when they leave the stack; give <see cref="RemovalPolicy.RETAIN"/> in prod.</summary>
    /// <value><see cref="RemovalPolicy.DESTROY"/>.</value>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.DESTROY;
}
