using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Kubernetes;

/// <summary>
/// The AWS Load Balancer Controller on an <see cref="EksCluster"/>: it turns <c>LoadBalancer</c> Services into NLBs
/// with IP targets. Installed from its chart with a Pod Identity role whose policy is our own rather than CDK 2.160's
/// bundled one (v2.8): every write is limited to load balancers, target groups and security groups the controller
/// tagged <c>elbv2.k8s.aws/cluster</c> itself, in this account and region. The WAF, Shield and Cognito permissions
/// the upstream policy carries for ALB Ingress are left out and those features turned off, since it serves NLBs here.
/// </summary>
public sealed class AwsLoadBalancerController : Construct
{
    /// <summary>The chart repository.</summary>
    public const string Repository = "https://aws.github.io/eks-charts";

    /// <summary>The pinned chart version.</summary>
    public const string ChartVersion = "3.5.0";

    /// <summary>The controller's service account (in <c>kube-system</c>).</summary>
    public const string ServiceAccount = "aws-load-balancer-controller";

    private const string ClusterTag = "elbv2.k8s.aws/cluster";

    /// <summary>Installs the controller.</summary>
    public AwsLoadBalancerController(Construct scope, string id, EksCluster cluster)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        var stack = Stack.Of(this);
        var identity = cluster.AddPodIdentityRole(this, "Role", "kube-system", ServiceAccount, $"AWS Load Balancer Controller of EKS cluster {cluster.ClusterName}");
        Policy = new ManagedPolicy(this, "Policy", new ManagedPolicyProps
        {
            Description = $"AWS Load Balancer Controller of EKS cluster {cluster.ClusterName}: NLBs it tags as its own",
            Statements = Statements(stack.Partition, stack.Region, stack.Account),
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
            Values = new Dictionary<string, object>
            {
                ["clusterName"] = cluster.ClusterName,
                ["region"] = stack.Region,
                // Pods cannot reach IMDS (hop limit 1), so the controller is told its VPC.
                ["vpcId"] = cluster.Cluster.Vpc.VpcId,
                ["replicaCount"] = 2,
                ["serviceAccount"] = new Dictionary<string, object> { ["create"] = true, ["name"] = ServiceAccount },
                ["enableShield"] = false,
                ["enableWaf"] = false,
                ["enableWafv2"] = false,
                ["nodeSelector"] = EksClusterDefaults.SystemNodeSelector(),
                ["tolerations"] = EksClusterDefaults.SystemTolerations(),
            },
        });
        Chart.Node.AddDependency(identity.Association);
        Chart.Node.AddDependency(Policy);
    }

    /// <summary>The chart; install Services of type LoadBalancer after it, or their NLB is never created.</summary>
    public HelmChart Chart { get; }

    /// <summary>The controller's role.</summary>
    public IRole Role { get; }

    /// <summary>The controller's policy.</summary>
    public ManagedPolicy Policy { get; }

    private static PolicyStatement[] Statements(string partition, string region, string account)
    {
        string Elb(string resource) => $"arn:{partition}:elasticloadbalancing:{region}:{account}:{resource}";
        var securityGroups = $"arn:{partition}:ec2:{region}:{account}:security-group/*";
        var taggedByController = new Dictionary<string, object> { ["Null"] = new Dictionary<string, object> { [$"aws:ResourceTag/{ClusterTag}"] = "false" } };
        var balancers = new[] { Elb("targetgroup/*/*"), Elb("loadbalancer/net/*/*"), Elb("loadbalancer/app/*/*") };
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
            IamStatements.Allow("CreateSecurityGroups", ["ec2:CreateSecurityGroup"], [securityGroups, $"arn:{partition}:ec2:{region}:{account}:vpc/*"]),
            IamStatements.Allow("TagSecurityGroupsAtCreation", ["ec2:CreateTags"], [securityGroups], new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["ec2:CreateAction"] = "CreateSecurityGroup" },
                ["Null"] = new Dictionary<string, object> { [$"aws:RequestTag/{ClusterTag}"] = "false" },
            }),
            IamStatements.Allow("RetagOwnSecurityGroups", ["ec2:CreateTags", "ec2:DeleteTags"], [securityGroups], new Dictionary<string, object>
            {
                ["Null"] = new Dictionary<string, object> { [$"aws:RequestTag/{ClusterTag}"] = "true", [$"aws:ResourceTag/{ClusterTag}"] = "false" },
            }),
            // Rules are added to the node security group (EKS's cluster group), which the controller did not create.
            IamStatements.Allow("ManageSecurityGroupRules", ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], [securityGroups]),
            IamStatements.Allow("DeleteOwnSecurityGroups", ["ec2:DeleteSecurityGroup"], [securityGroups], taggedByController),
            IamStatements.Allow("CreateTaggedBalancers", ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"], ["*"],
                new Dictionary<string, object> { ["Null"] = new Dictionary<string, object> { [$"aws:RequestTag/{ClusterTag}"] = "false" } }),
            IamStatements.Allow("ManageListeners", ["elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule"],
                [Elb("loadbalancer/net/*/*"), Elb("loadbalancer/app/*/*"), Elb("listener/net/*/*/*"), Elb("listener/app/*/*/*"), Elb("listener-rule/net/*/*/*/*"), Elb("listener-rule/app/*/*/*/*")]),
            IamStatements.Allow("RetagOwnBalancers", ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"], balancers, new Dictionary<string, object>
            {
                ["Null"] = new Dictionary<string, object> { [$"aws:RequestTag/{ClusterTag}"] = "true", [$"aws:ResourceTag/{ClusterTag}"] = "false" },
            }),
            IamStatements.Allow("TagListeners", ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
                [Elb("listener/net/*/*/*"), Elb("listener/app/*/*/*"), Elb("listener-rule/net/*/*/*/*"), Elb("listener-rule/app/*/*/*/*")]),
            IamStatements.Allow("ModifyOwnBalancers",
            [
                "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType", "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets", "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:ModifyCapacityReservation", "elasticloadbalancing:ModifyIpPools",
            ], balancers, taggedByController),
            IamStatements.Allow("TagBalancersAtCreation", ["elasticloadbalancing:AddTags"], balancers, new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["elasticloadbalancing:CreateAction"] = new[] { "CreateTargetGroup", "CreateLoadBalancer" } },
                ["Null"] = new Dictionary<string, object> { [$"aws:RequestTag/{ClusterTag}"] = "false" },
            }),
            IamStatements.Allow("RegisterTargets", ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], [Elb("targetgroup/*/*")]),
            IamStatements.Allow("ModifyListeners",
            [
                "elasticloadbalancing:ModifyListener", "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities",
            ], [Elb("listener/net/*/*/*"), Elb("listener/app/*/*/*"), Elb("listener-rule/net/*/*/*/*"), Elb("listener-rule/app/*/*/*/*")]),
        ];
    }

}
