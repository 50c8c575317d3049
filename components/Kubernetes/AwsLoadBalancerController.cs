using System;
using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Infra.Components.Internal;
using Infra.Components.Kubernetes.Internal;

namespace Infra.Components.Kubernetes;

/// <summary>
/// The AWS Load Balancer Controller on an <see cref="EksCluster"/>: it turns <c>LoadBalancer</c> Services into NLBs
/// with IP targets. Installed from its chart with a Pod Identity role whose policies are our own rather than CDK 2.160's
/// bundled one (v2.8). They are tighter than the upstream reference policy: every write names this account and
/// region and needs the <c>elbv2.k8s.aws/cluster</c> tag with this cluster's name, on the request when the controller
/// creates something and on the resource when it changes or deletes it, so one cluster's controller cannot touch
/// another's load balancers. Ingress rules may be added only to the security groups the controller created and to the
/// cluster security group its targets (the nodes and pods) carry; every other group in the region, the database's
/// included, is out of reach. The WAF, Shield and Cognito permissions the upstream policy carries for ALB Ingress are
/// left out and those features turned off, since it serves NLBs here. The permissions are split in two managed
/// policies (EC2 and Elastic Load Balancing), each well under IAM's 6,144-character limit.
/// </summary>
public sealed class AwsLoadBalancerController : Construct
{
    /// <summary>The chart repository.</summary>
    public const string Repository = "https://aws.github.io/eks-charts";

    /// <summary>The pinned chart version.</summary>
    public const string ChartVersion = "3.5.0";

    /// <summary>The controller's service account (in <c>kube-system</c>).</summary>
    public const string ServiceAccount = "aws-load-balancer-controller";

    /// <summary>The tag the controller puts on everything it creates, with the cluster name as its value.</summary>
    public const string ClusterTag = "elbv2.k8s.aws/cluster";

    /// <summary>Installs the controller, validating every prop first.</summary>
    public AwsLoadBalancerController(Construct scope, string id, AwsLoadBalancerControllerProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        ComponentMetadata.Mark(this);
        ValidationCollector.ThrowIfAny(scope, id, nameof(AwsLoadBalancerControllerProps), Validate(props));
        var cluster = props.Cluster;
        var stack = Stack.Of(this);
        var identity = cluster.AddPodIdentityRole(this, "Role", "kube-system", ServiceAccount, $"AWS Load Balancer Controller of EKS cluster {cluster.ClusterName}");
        var grants = new PolicyScope(stack.Partition, stack.Region, stack.Account, cluster.ClusterName);
        Ec2Policy = new ManagedPolicy(this, "Ec2Policy", new ManagedPolicyProps
        {
            Description = $"AWS Load Balancer Controller of EKS cluster {cluster.ClusterName}: discovery and the security groups it creates or its targets carry",
            Statements = Ec2Statements(grants, cluster.Cluster.Vpc.VpcId, cluster.Cluster.ClusterSecurityGroupId),
            Roles = [identity.Role],
        });
        LoadBalancingPolicy = new ManagedPolicy(this, "LoadBalancingPolicy", new ManagedPolicyProps
        {
            Description = $"AWS Load Balancer Controller of EKS cluster {cluster.ClusterName}: the load balancers, listeners and target groups it tags as its own",
            Statements = LoadBalancingStatements(grants),
            Roles = [identity.Role],
        });
        Role = identity.Role;

        Chart = new HelmChart(this, "Chart", new HelmChartProps
        {
            Cluster = cluster.Cluster,
            Chart = "aws-load-balancer-controller",
            Repository = Repository,
            Version = ChartVersion,
            Namespace = "kube-system",
            Release = "aws-load-balancer-controller",
            Wait = true,
            Timeout = Duration.Minutes(10),
            Values = HelmValues.From(new AwsLoadBalancerControllerValues
            {
                ClusterName = cluster.ClusterName,
                Region = stack.Region,
                VpcId = cluster.Cluster.Vpc.VpcId,
                ReplicaCount = props.Replicas,
                ServiceAccount = new HelmServiceAccount { Create = true, Name = ServiceAccount },
                NodeSelector = HelmPlacement.SystemNodes.NodeSelector,
                Tolerations = HelmPlacement.SystemNodes.Tolerations,
            }),
        });
        Chart.Node.AddDependency(identity.Association);
        Chart.Node.AddDependency(Ec2Policy);
        Chart.Node.AddDependency(LoadBalancingPolicy);
    }

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(AwsLoadBalancerControllerProps props)
    {
        var v = new ValidationCollector();
        v.Require(props.Cluster is not null, "Cluster", "give the EksCluster the controller runs on.");
        v.Require(props.Replicas is >= 1 and <= AwsLoadBalancerControllerDefaults.MaxReplicas,
            "Replicas", $"{props.Replicas} must be 1 to {AwsLoadBalancerControllerDefaults.MaxReplicas} (one leader, the others on standby).");
        return v.Problems;
    }

    /// <summary>The chart; install Services of type LoadBalancer after it, or their NLB is never created.</summary>
    public HelmChart Chart { get; }

    /// <summary>The controller's role.</summary>
    public IRole Role { get; }

    /// <summary>The controller's EC2 permissions: discovery, and the security groups it creates or adds its targets' rules to.</summary>
    public ManagedPolicy Ec2Policy { get; }

    /// <summary>The controller's Elastic Load Balancing permissions: the load balancers, listeners, rules and target groups it owns.</summary>
    public ManagedPolicy LoadBalancingPolicy { get; }

    /// <summary>The controller's managed policies.</summary>
    public IReadOnlyList<ManagedPolicy> Policies => [Ec2Policy, LoadBalancingPolicy];

    /// <summary>Where the statements may act: this account and region, and resources tagged for this cluster.</summary>
    private sealed record PolicyScope(string Partition, string Region, string Account, string ClusterName)
    {
        public string Arn(string service, string resource) => $"arn:{Partition}:{service}:{Region}:{Account}:{resource}";

        public string Elb(string resource) => Arn("elasticloadbalancing", resource);

        /// <summary>The resource carries this cluster's tag: the controller created it.</summary>
        public Dictionary<string, object> TaggedForCluster() => Condition("StringEquals", new() { [$"aws:ResourceTag/{ClusterTag}"] = ClusterName });

        /// <summary>The request tags the new resource for this cluster.</summary>
        public Dictionary<string, object> CreatedForCluster() => Condition("StringEquals", new() { [$"aws:RequestTag/{ClusterTag}"] = ClusterName });

        /// <summary>Tags for this cluster, set by the create call itself (<paramref name="createActionKey"/> names it).</summary>
        public Dictionary<string, object> TaggedAtCreation(string createActionKey, params string[] createActions) => Condition("StringEquals", new()
        {
            [createActionKey] = createActions.Length == 1 ? createActions[0] : createActions,
            [$"aws:RequestTag/{ClusterTag}"] = ClusterName,
        });

        /// <summary>Other tags may change on a resource of this cluster; the cluster tag itself may not.</summary>
        public Dictionary<string, object> RetagOwn() => new()
        {
            ["StringEquals"] = new Dictionary<string, object> { [$"aws:ResourceTag/{ClusterTag}"] = ClusterName },
            ["Null"] = new Dictionary<string, object> { [$"aws:RequestTag/{ClusterTag}"] = "true" },
        };

        private static Dictionary<string, object> Condition(string @operator, Dictionary<string, object> keys) => new() { [@operator] = keys };
    }

    private static PolicyStatement[] Ec2Statements(PolicyScope at, string vpcId, string clusterSecurityGroupId)
    {
        var anySecurityGroup = at.Arn("ec2", "security-group/*");
        return
        [
            IamStatements.Allow("CreateElbServiceLinkedRole", ["iam:CreateServiceLinkedRole"], ["*"],
                new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["iam:AWSServiceName"] = "elasticloadbalancing.amazonaws.com" } }),
            IamStatements.Allow("Discover",
            [
                "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones", "ec2:DescribeInternetGateways",
                "ec2:DescribeVpcs", "ec2:DescribeVpcPeeringConnections", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
                "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:DescribeRouteTables",
                "ec2:GetSecurityGroupsForVpc", "ec2:DescribeIpamPools", "ec2:GetCoipPoolUsage", "ec2:DescribeCoipPools",
                "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerAttributes", "elasticloadbalancing:DescribeListenerCertificates",
                "elasticloadbalancing:DescribeSSLPolicies", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeTrustStores", "elasticloadbalancing:DescribeCapacityReservation",
                "acm:ListCertificates", "acm:DescribeCertificate",
            ], ["*"]),
            // CreateSecurityGroup is authorized on the VPC and on the new group: only in the cluster's VPC, only tagged for this cluster.
            IamStatements.Allow("CreateSecurityGroupsInClusterVpc", ["ec2:CreateSecurityGroup"], [at.Arn("ec2", $"vpc/{vpcId}")]),
            IamStatements.Allow("CreateTaggedSecurityGroups", ["ec2:CreateSecurityGroup"], [anySecurityGroup], at.CreatedForCluster()),
            IamStatements.Allow("TagSecurityGroupsAtCreation", ["ec2:CreateTags"], [anySecurityGroup], at.TaggedAtCreation("ec2:CreateAction", "CreateSecurityGroup")),
            IamStatements.Allow("RetagOwnSecurityGroups", ["ec2:CreateTags", "ec2:DeleteTags"], [anySecurityGroup], at.RetagOwn()),
            // The frontend and backend groups the controller creates for its NLBs.
            IamStatements.Allow("ManageOwnSecurityGroups", ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"],
                [anySecurityGroup], at.TaggedForCluster()),
            // The targets' group: EKS's cluster security group, which the system nodes and Karpenter's nodes carry and
            // which the controller did not create. No other group in the region can be opened.
            IamStatements.Allow("ManageTargetsSecurityGroupRules", ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
                [at.Arn("ec2", $"security-group/{clusterSecurityGroupId}")]),
        ];
    }

    private static PolicyStatement[] LoadBalancingStatements(PolicyScope at)
    {
        var balancers = new[] { at.Elb("targetgroup/*/*"), at.Elb("loadbalancer/net/*/*"), at.Elb("loadbalancer/app/*/*") };
        var listeners = new[] { at.Elb("listener/net/*/*/*"), at.Elb("listener/app/*/*/*"), at.Elb("listener-rule/net/*/*/*/*"), at.Elb("listener-rule/app/*/*/*/*") };
        return
        [
            IamStatements.Allow("CreateTaggedBalancers", ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"], ["*"], at.CreatedForCluster()),
            IamStatements.Allow("TagAtCreation", ["elasticloadbalancing:AddTags"], [.. balancers, .. listeners],
                at.TaggedAtCreation("elasticloadbalancing:CreateAction", "CreateTargetGroup", "CreateLoadBalancer", "CreateListener", "CreateRule")),
            IamStatements.Allow("RetagOwn", ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"], [.. balancers, .. listeners], at.RetagOwn()),
            IamStatements.Allow("ModifyOwnBalancers",
            [
                "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType", "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyCapacityReservation", "elasticloadbalancing:ModifyIpPools",
                "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
                // CreateListener is authorized on the load balancer (CreateRule, below, on the listener).
                "elasticloadbalancing:CreateListener",
            ], balancers, at.TaggedForCluster()),
            // Listener and rule actions apply to listener and listener-rule ARNs, never to load balancers or target groups.
            IamStatements.Allow("ModifyOwnListeners",
            [
                "elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:CreateRule", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:SetRulePriorities",
            ], listeners, at.TaggedForCluster()),
        ];
    }
}
