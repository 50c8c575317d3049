using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Infra.Components.Internal;
using Infra.Components.Kubernetes.Karpenter.Internal;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// Karpenter on an <see cref="EksCluster"/>: the controller role for EKS Pod Identity with the upstream policies split
/// and scoped to this cluster, a node role with an <c>EC2_LINUX</c> access entry, the interruption queue (300 s,
/// encrypted, TLS only) fed by the five EventBridge rules, the <c>karpenter-crd</c> and <c>karpenter</c> charts in
/// <c>kube-system</c>, and typed NodePools and EC2NodeClasses. Dependencies are declared so that CloudFormation deletes
/// the NodePools first (Karpenter drains and terminates its nodes), then the controller, then its IAM and queue:
/// teardown never orphans instances.
/// </summary>
public sealed class KarpenterAddOn : Construct
{
    /// <summary>The OCI repository of the Karpenter chart.</summary>
    public const string ChartRepository = "oci://public.ecr.aws/karpenter/karpenter";

    /// <summary>The OCI repository of the Karpenter CRD chart (Helm never upgrades a chart's own CRDs).</summary>
    public const string CrdChartRepository = "oci://public.ecr.aws/karpenter/karpenter-crd";

    /// <summary>The namespace Karpenter runs in (API Priority and Fairness favours kube-system).</summary>
    public const string Namespace = "kube-system";

    /// <summary>The controller's service account.</summary>
    public const string ServiceAccount = "karpenter";

    /// <summary>The EventBridge events Karpenter handles, by rule id: (source, detail-type).</summary>
    public static IReadOnlyDictionary<string, (string Source, string DetailType)> InterruptionEvents { get; } = new Dictionary<string, (string, string)>
    {
        ["ScheduledChangeRule"] = ("aws.health", "AWS Health Event"),
        ["SpotInterruptionRule"] = ("aws.ec2", "EC2 Spot Instance Interruption Warning"),
        ["RebalanceRule"] = ("aws.ec2", "EC2 Instance Rebalance Recommendation"),
        ["InstanceStateChangeRule"] = ("aws.ec2", "EC2 Instance State-change Notification"),
        ["CapacityReservationInterruptionRule"] = ("aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning"),
    };

    /// <summary>Installs Karpenter, validating every prop first.</summary>
    public KarpenterAddOn(Construct scope, string id, KarpenterAddOnProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(KarpenterAddOnProps), Validate(props, props.Cluster.Version));
        var cluster = props.Cluster;
        _cluster = cluster.Cluster;

        NodeRole = props.NodeRole;
        var nodeAccess = new AccessEntry(this, "NodeAccessEntry", new AccessEntryProps
        {
            Cluster = cluster.Cluster,
            Principal = NodeRole.RoleArn,
            AccessEntryType = AccessEntryType.EC2_LINUX,
            AccessPolicies = [],
        });
        InterruptionQueue = CreateInterruptionQueue(cluster.ClusterName);
        var controller = cluster.AddPodIdentityRole(this, "ControllerRole", Namespace, ServiceAccount, $"Karpenter controller of EKS cluster {cluster.ClusterName}");
        ControllerRole = controller.Role;
        ControllerPolicies = KarpenterIam.CreatePolicies(this, cluster.ClusterName, cluster.Cluster.ClusterArn, NodeRole, InterruptionQueue)
            .ToDictionary(p => p.Node.Id, p => p);
        foreach (var policy in ControllerPolicies.Values)
        {
            ControllerRole.AddManagedPolicy(policy);
        }

        var crds = cluster.Cluster.AddHelmChart("KarpenterCrds", new HelmChartOptions
        {
            Chart = "karpenter-crd",
            Repository = CrdChartRepository,
            Version = props.Version.Version,
            Namespace = Namespace,
            Release = "karpenter-crd",
            Wait = true,
            Timeout = Duration.Minutes(10),
        });
        Chart = cluster.Cluster.AddHelmChart("Karpenter", new HelmChartOptions
        {
            Chart = "karpenter",
            Repository = ChartRepository,
            Version = props.Version.Version,
            Namespace = Namespace,
            Release = "karpenter",
            Wait = true,
            Timeout = Duration.Minutes(10),
            Values = ChartValues(cluster.ClusterName, InterruptionQueue.QueueName, props.Replicas),
        });

        // Uninstall order: pools, then controller, then everything the controller needs to clean up after itself.
        Chart.Node.AddDependency(crds);
        Chart.Node.AddDependency(ControllerRole);
        Chart.Node.AddDependency(controller.Association);
        foreach (var policy in ControllerPolicies.Values)
        {
            Chart.Node.AddDependency(policy);
        }

        Chart.Node.AddDependency(InterruptionQueue);
        Chart.Node.AddDependency(nodeAccess);
        Chart.Node.AddDependency(cluster.SystemNodeGroup);

        // Construct ids come from the names, not list positions: reordering or removing one pool never replaces another.
        NodeClassManifests = props.NodeClasses.Select(nc => AddManifest($"NodeClass-{nc.Name}", nc.ToManifest(), Chart)).ToList();
        NodePoolManifests = props.NodePools.Select(np => AddManifest($"NodePool-{np.Name}", np.ToManifest(), Chart)).ToList();
        foreach (var pool in NodePoolManifests)
        {
            foreach (var nodeClass in NodeClassManifests)
            {
                pool.Node.AddDependency(nodeClass);
            }
        }
    }

    /// <summary>The role Karpenter's nodes run as; EC2NodeClasses name it.</summary>
    public IRole NodeRole { get; }

    /// <summary>The controller's role (EKS Pod Identity, <c>kube-system/karpenter</c>).</summary>
    public Role ControllerRole { get; }

    /// <summary>The interruption queue.</summary>
    public Queue InterruptionQueue { get; }

    /// <summary>The Karpenter chart.</summary>
    public HelmChart Chart { get; }

    /// <summary>The EC2NodeClass manifests.</summary>
    public IReadOnlyList<KubernetesManifest> NodeClassManifests { get; }

    /// <summary>The NodePool manifests.</summary>
    public IReadOnlyList<KubernetesManifest> NodePoolManifests { get; }

    private readonly Cluster _cluster;

    /// <summary>The controller's managed policies, by construct id (NodeLifecyclePolicy, IamIntegrationPolicy, ...).</summary>
    public IReadOnlyDictionary<string, ManagedPolicy> ControllerPolicies { get; }

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    /// <param name="props">The props; <see cref="KarpenterAddOnProps.Cluster"/> is not read.</param>
    /// <param name="kubernetesVersion">The cluster's Kubernetes version, which the Karpenter version must support.</param>
    public static IReadOnlyList<PropertyProblem> Validate(KarpenterAddOnProps props, string kubernetesVersion)
    {
        var v = new ValidationCollector();
        if (props.Version.CompatibilityProblem(kubernetesVersion) is { } problem)
        {
            v.Require(false, "Version", $"{problem}");
        }

        v.Require(props.Replicas is >= 1 and <= 3, "Replicas", $"{props.Replicas} must be 1 to 3.");
        v.Require(props.NodeClasses.Count > 0, "NodeClasses", "give at least one EC2NodeClass.");
        v.Require(props.NodePools.Count > 0, "NodePools", "give at least one NodePool.");
        v.AddRange(KarpenterManifestValidator.Validate(props.NodePools, props.NodeClasses));
        return v.Problems;
    }

    /// <summary>
    /// Creates the role Karpenter's nodes run as: EC2 trust, the worker, CNI, ECR pull-only and SSM managed policies.
    /// Never reuse a managed node group's role: EKS gives that one its own access entry.
    /// </summary>
    public static Role CreateNodeRole(Construct scope, string id, string clusterName) => new(scope, id, new RoleProps
    {
        AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
        Description = $"Nodes Karpenter launches for EKS cluster {clusterName}",
        ManagedPolicies =
        [
            ManagedPolicy.FromAwsManagedPolicyName("AmazonEKSWorkerNodePolicy"),
            ManagedPolicy.FromAwsManagedPolicyName("AmazonEKS_CNI_Policy"),
            ManagedPolicy.FromAwsManagedPolicyName("AmazonEC2ContainerRegistryPullOnly"),
            ManagedPolicy.FromAwsManagedPolicyName("AmazonSSMManagedInstanceCore"),
        ],
    });

    private Queue CreateInterruptionQueue(string clusterName)
    {
        var queue = new Queue(this, "InterruptionQueue", new QueueProps
        {
            RetentionPeriod = Duration.Seconds(300),
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
        });
        foreach (var (ruleId, (source, detailType)) in InterruptionEvents)
        {
            new Rule(this, ruleId, new RuleProps
            {
                Description = $"Karpenter interruption handling for {clusterName}: {detailType}",
                EventPattern = new EventPattern { Source = [source], DetailType = [detailType] },
                Targets = [new SqsQueue(queue)],
            });
        }

        return queue;
    }

    private static Dictionary<string, object> ChartValues(string clusterName, string queueName, int replicas) => HelmValues.From(new KarpenterChartValues
    {
        Settings = new KarpenterChartValues.SettingsValues { ClusterName = clusterName, InterruptionQueue = queueName },
        ServiceAccount = new HelmServiceAccount { Name = ServiceAccount },
        Replicas = replicas,
        Controller = KarpenterChartValues.ControllerValues.Sized("1", "1Gi"),
        // The system nodes carry this taint; Karpenter must run there, never on nodes it manages.
        Tolerations = HelmPlacement.SystemNodes.Tolerations,
        NodeSelector = HelmPlacement.SystemNodes.NodeSelector,
    });

    private KubernetesManifest AddManifest(string id, IDictionary<string, object> manifest, HelmChart chart)
    {
        var resource = new KubernetesManifest(this, id, new KubernetesManifestProps
        {
            Cluster = _cluster,
            Manifest = [manifest],
            Overwrite = true,
        });
        resource.Node.AddDependency(chart);
        return resource;
    }
}
