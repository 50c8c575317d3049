using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SQS;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// The Karpenter controller's permissions, split like upstream's CloudFormation template (1.9 and later) into separate
/// managed policies so none exceeds IAM's 6,144-character limit. Every write is scoped to this cluster through tags
/// that embed its literal name.
/// </summary>
internal static class KarpenterIam
{
    public static ManagedPolicy[] CreatePolicies(Construct scope, string clusterName, string clusterArn, IRole nodeRole, IQueue queue)
    {
        var stack = Stack.Of(scope);
        string Arn(string service, string resource) => $"arn:{stack.Partition}:{service}:{stack.Region}:*:{resource}";
        var owned = $"aws:ResourceTag/kubernetes.io/cluster/{clusterName}";
        var requestOwned = $"aws:RequestTag/kubernetes.io/cluster/{clusterName}";
        string[] taggedTypes = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"];

        var nodeLifecycle = Policy(scope, "NodeLifecyclePolicy", clusterName,
            IamStatements.Allow("AllowScopedEC2InstanceAccessActions", ["ec2:RunInstances", "ec2:CreateFleet"],
                [$"arn:{stack.Partition}:ec2:{stack.Region}::image/*", $"arn:{stack.Partition}:ec2:{stack.Region}::snapshot/*", Arn("ec2", "security-group/*"), Arn("ec2", "subnet/*"), Arn("ec2", "capacity-reservation/*"), Arn("ec2", "placement-group/*")]),
            IamStatements.Allow("AllowScopedEC2LaunchTemplateAccessActions", ["ec2:RunInstances", "ec2:CreateFleet"], [Arn("ec2", "launch-template/*")],
                new() { ["StringEquals"] = Map(owned, "owned"), ["StringLike"] = Map("aws:ResourceTag/karpenter.sh/nodepool", "*") }),
            IamStatements.Allow("AllowScopedEC2InstanceActionsWithTags", ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"], Arns(Arn, taggedTypes),
                new() { ["StringEquals"] = Map(requestOwned, "owned", "aws:RequestTag/eks:eks-cluster-name", clusterName), ["StringLike"] = Map("aws:RequestTag/karpenter.sh/nodepool", "*") }),
            IamStatements.Allow("AllowScopedResourceCreationTagging", ["ec2:CreateTags"], Arns(Arn, taggedTypes),
                new()
                {
                    ["StringEquals"] = new Dictionary<string, object>
                    {
                        [requestOwned] = "owned",
                        ["aws:RequestTag/eks:eks-cluster-name"] = clusterName,
                        ["ec2:CreateAction"] = new[] { "RunInstances", "CreateFleet", "CreateLaunchTemplate" },
                    },
                    ["StringLike"] = Map("aws:RequestTag/karpenter.sh/nodepool", "*"),
                }),
            IamStatements.Allow("AllowScopedResourceTagging", ["ec2:CreateTags"], [Arn("ec2", "instance/*")],
                new()
                {
                    ["StringEquals"] = Map(owned, "owned"),
                    ["StringLike"] = Map("aws:ResourceTag/karpenter.sh/nodepool", "*"),
                    ["StringEqualsIfExists"] = Map("aws:RequestTag/eks:eks-cluster-name", clusterName),
                    ["ForAllValues:StringEquals"] = new Dictionary<string, object> { ["aws:TagKeys"] = new[] { "eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name" } },
                }),
            IamStatements.Allow("AllowScopedDeletion", ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"], [Arn("ec2", "instance/*"), Arn("ec2", "launch-template/*")],
                new() { ["StringEquals"] = Map(owned, "owned"), ["StringLike"] = Map("aws:ResourceTag/karpenter.sh/nodepool", "*") }));

        var instanceProfileTags = new Dictionary<string, object>
        {
            [requestOwned] = "owned",
            ["aws:RequestTag/eks:eks-cluster-name"] = clusterName,
            ["aws:RequestTag/topology.kubernetes.io/region"] = stack.Region,
        };
        var instanceProfile = $"arn:{stack.Partition}:iam::{stack.Account}:instance-profile/*";
        var iamIntegration = Policy(scope, "IamIntegrationPolicy", clusterName,
            IamStatements.Allow("AllowPassingInstanceRole", ["iam:PassRole"], [nodeRole.RoleArn],
                new() { ["StringEquals"] = Map("iam:PassedToService", new[] { "ec2.amazonaws.com", "ec2.amazonaws.com.cn" }) }),
            IamStatements.Allow("AllowScopedInstanceProfileCreationActions", ["iam:CreateInstanceProfile"], [instanceProfile],
                new() { ["StringEquals"] = instanceProfileTags, ["StringLike"] = Map("aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "*") }),
            IamStatements.Allow("AllowScopedInstanceProfileTagActions", ["iam:TagInstanceProfile"], [instanceProfile],
                new()
                {
                    ["StringEquals"] = new Dictionary<string, object>(instanceProfileTags)
                    {
                        [owned] = "owned",
                        ["aws:ResourceTag/topology.kubernetes.io/region"] = stack.Region,
                    },
                    ["StringLike"] = Map("aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "*", "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "*"),
                }),
            IamStatements.Allow("AllowScopedInstanceProfileActions", ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], [instanceProfile],
                new()
                {
                    ["StringEquals"] = Map(owned, "owned", "aws:ResourceTag/topology.kubernetes.io/region", stack.Region),
                    ["StringLike"] = Map("aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "*"),
                }));

        var eksIntegration = Policy(scope, "EksIntegrationPolicy", clusterName,
            IamStatements.Allow("AllowAPIServerEndpointDiscovery", ["eks:DescribeCluster"], [clusterArn]));

        var interruption = Policy(scope, "InterruptionPolicy", clusterName,
            IamStatements.Allow("AllowInterruptionQueueActions", ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], [queue.QueueArn]));

        var discovery = Policy(scope, "ResourceDiscoveryPolicy", clusterName,
            IamStatements.Allow("AllowRegionalReadActions",
                [
                    "ec2:DescribeCapacityReservations", "ec2:DescribeImages", "ec2:DescribeInstances", "ec2:DescribeInstanceStatus",
                    "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplates",
                    "ec2:DescribePlacementGroups", "ec2:DescribeSecurityGroups", "ec2:DescribeSpotPriceHistory", "ec2:DescribeSubnets",
                ],
                ["*"],
                new() { ["StringEquals"] = Map("aws:RequestedRegion", stack.Region) }),
            IamStatements.Allow("AllowSSMReadActions", ["ssm:GetParameter"], [$"arn:{stack.Partition}:ssm:{stack.Region}::parameter/aws/service/*"]),
            IamStatements.Allow("AllowPricingReadActions", ["pricing:GetProducts"], ["*"]),
            IamStatements.Allow("AllowUnscopedInstanceProfileListAction", ["iam:ListInstanceProfiles"], ["*"]),
            IamStatements.Allow("AllowInstanceProfileReadActions", ["iam:GetInstanceProfile"], [instanceProfile]));

        return [nodeLifecycle, iamIntegration, eksIntegration, interruption, discovery];
    }

    private static string[] Arns(System.Func<string, string, string> arn, string[] resources) =>
        System.Array.ConvertAll(resources, r => arn("ec2", r));

    private static Dictionary<string, object> Map(string key, object value) => new() { [key] = value };

    private static Dictionary<string, object> Map(string key1, object value1, string key2, object value2) => new() { [key1] = value1, [key2] = value2 };


    private static ManagedPolicy Policy(Construct scope, string id, string clusterName, params PolicyStatement[] statements) =>
        new(scope, id, new ManagedPolicyProps
        {
            Description = $"Karpenter controller of EKS cluster {clusterName}: {id}",
            Statements = statements,
        });
}
