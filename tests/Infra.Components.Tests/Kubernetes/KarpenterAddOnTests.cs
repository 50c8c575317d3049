using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Network;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

[Collection(CdkCollection.Name)]
public sealed class KarpenterAddOnTests
{
    private const string Owned = "aws:ResourceTag/kubernetes.io/cluster/test-cluster";

    private readonly ClusterScenario _s;

    public KarpenterAddOnTests(ClusterScenario scenario) => _s = scenario;

    private IEnumerable<JsonObject> Statements(string policyIdPrefix) =>
        _s.Resource("AWS::IAM::ManagedPolicy", policyIdPrefix)["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray().Select(s => s!.AsObject());

    private JsonObject Statement(string policyIdPrefix, string sid) => Statements(policyIdPrefix).Single(s => (string?)s["Sid"] == sid);

    private JsonObject Chart(string release) =>
        _s.Json.Resources("Custom::AWSCDK-EKS-HelmChart").Values.Single(c => (string?)c["Properties"]!["Release"] == release);

    [Fact]
    public void Lets_only_eks_pod_identity_assume_the_controller_role_with_session_tags()
    {
        var trust = _s.Resource("AWS::IAM::Role", "KarpenterControllerRole")["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("pods.eks.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal(["sts:AssumeRole", "sts:TagSession"], trust["Action"]!.AsArray().Select(a => (string)a!).Order().ToArray());
        var association = _s.Resource("AWS::EKS::PodIdentityAssociation", "KarpenterControllerRoleAssociation")["Properties"]!;
        Assert.Equal("kube-system", (string?)association["Namespace"]);
        Assert.Equal("karpenter", (string?)association["ServiceAccount"]);
    }

    [Fact]
    public void Splits_the_controller_permissions_into_upstreams_managed_policies()
    {
        var attached = _s.Resource("AWS::IAM::Role", "KarpenterControllerRole")["Properties"]!["ManagedPolicyArns"]!.AsArray().Select(p => p!.ToJsonString()).ToList();
        Assert.Equal(5, attached.Count);
        foreach (var policy in new[] { "KarpenterNodeLifecyclePolicy", "KarpenterIamIntegrationPolicy", "KarpenterEksIntegrationPolicy", "KarpenterInterruptionPolicy", "KarpenterResourceDiscoveryPolicy" })
        {
            Assert.Contains(attached, a => a.Contains(policy, System.StringComparison.Ordinal));
        }

        Assert.Equal(
            ["AllowScopedDeletion", "AllowScopedEC2InstanceAccessActions", "AllowScopedEC2InstanceActionsWithTags", "AllowScopedEC2LaunchTemplateAccessActions", "AllowScopedResourceCreationTagging", "AllowScopedResourceTagging"],
            Statements("KarpenterNodeLifecyclePolicy").Select(s => (string)s["Sid"]!).Order().ToArray());
    }

    [Fact]
    public void Scopes_instance_writes_to_this_clusters_tags_by_its_literal_name()
    {
        var launch = Statement("KarpenterNodeLifecyclePolicy", "AllowScopedEC2InstanceActionsWithTags");
        Assert.Equal("owned", (string?)launch["Condition"]!["StringEquals"]!["aws:RequestTag/kubernetes.io/cluster/test-cluster"]);
        Assert.Equal("test-cluster", (string?)launch["Condition"]!["StringEquals"]!["aws:RequestTag/eks:eks-cluster-name"]);
        Assert.Equal("*", (string?)launch["Condition"]!["StringLike"]!["aws:RequestTag/karpenter.sh/nodepool"]);

        var delete = Statement("KarpenterNodeLifecyclePolicy", "AllowScopedDeletion");
        Assert.Equal(["ec2:DeleteLaunchTemplate", "ec2:TerminateInstances"], delete["Action"]!.AsArray().Select(a => (string)a!).Order().ToArray());
        Assert.Equal("owned", (string?)delete["Condition"]!["StringEquals"]![Owned]);
    }

    [Fact]
    public void Lets_the_controller_pass_only_the_node_role_and_only_to_ec2()
    {
        var pass = Statement("KarpenterIamIntegrationPolicy", "AllowPassingInstanceRole");
        Assert.Contains("NodeRole", pass["Resource"]!.ToJsonString(), System.StringComparison.Ordinal);
        Assert.Equal(["ec2.amazonaws.com", "ec2.amazonaws.com.cn"], pass["Condition"]!["StringEquals"]!["iam:PassedToService"]!.AsArray().Select(a => (string)a!).ToArray());
    }

    [Fact]
    public void Limits_discovery_reads_to_the_region_and_queue_actions_to_the_queue()
    {
        var reads = Statement("KarpenterResourceDiscoveryPolicy", "AllowRegionalReadActions");
        Assert.Equal("us-east-1", (string?)reads["Condition"]!["StringEquals"]!["aws:RequestedRegion"]);
        Assert.Contains("ec2:DescribeInstanceStatus", reads["Action"]!.AsArray().Select(a => (string)a!));
        var queue = Statement("KarpenterInterruptionPolicy", "AllowInterruptionQueueActions");
        Assert.Contains("KarpenterInterruptionQueue", queue["Resource"]!.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Registers_the_node_role_with_an_ec2_linux_access_entry_and_no_policies()
    {
        var entry = _s.Resource("AWS::EKS::AccessEntry", "KarpenterNodeAccessEntry")["Properties"]!;
        Assert.Equal("EC2_LINUX", (string?)entry["Type"]);
        Assert.Empty(entry["AccessPolicies"]!.AsArray());
        var role = _s.Resource("AWS::IAM::Role", "NodeRole")["Properties"]!;
        Assert.Equal("ec2.amazonaws.com", (string?)role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
        var policies = role["ManagedPolicyArns"]!.ToJsonString();
        foreach (var name in new[] { "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore" })
        {
            Assert.Contains(name, policies, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Keeps_interruption_messages_300_seconds_encrypted_and_tls_only()
    {
        var queue = _s.Json.Single("AWS::SQS::Queue")["Properties"]!;
        Assert.Equal(300, (int)queue["MessageRetentionPeriod"]!);
        Assert.True((bool)queue["SqsManagedSseEnabled"]!);
        var statements = _s.Json.Single("AWS::SQS::QueuePolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(statements, s => (string?)s!["Effect"] == "Deny" && (string?)s["Condition"]?["Bool"]?["aws:SecureTransport"] == "false");
        Assert.Contains(statements, s => s!["Principal"]?["Service"]?.ToJsonString() == "\"events.amazonaws.com\""
            && s["Action"]!.ToJsonString().Contains("sqs:SendMessage", System.StringComparison.Ordinal)
            && s["Condition"]!.ToJsonString().Contains("aws:SourceArn", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aws.health", "AWS Health Event")]
    [InlineData("aws.ec2", "EC2 Spot Instance Interruption Warning")]
    [InlineData("aws.ec2", "EC2 Instance Rebalance Recommendation")]
    [InlineData("aws.ec2", "EC2 Instance State-change Notification")]
    [InlineData("aws.ec2", "EC2 Capacity Reservation Instance Interruption Warning")]
    public void Feeds_the_queue_from_each_of_the_five_interruption_events(string source, string detailType)
    {
        var rules = _s.Json.Resources("AWS::Events::Rule").Values.ToList();
        Assert.Equal(5, rules.Count);
        var rule = rules.Single(r => (string?)r["Properties"]!["EventPattern"]!["detail-type"]![0] == detailType)["Properties"]!;
        Assert.Equal([source], rule["EventPattern"]!["source"]!.AsArray().Select(s => (string)s!).ToArray());
        Assert.Contains("KarpenterInterruptionQueue", rule["Targets"]![0]!["Arn"]!.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Installs_the_crd_and_controller_charts_at_the_pinned_version_in_kube_system()
    {
        foreach (var (release, repository) in new[] { ("karpenter-crd", KarpenterAddOn.CrdChartRepository), ("karpenter", KarpenterAddOn.ChartRepository) })
        {
            var chart = Chart(release)["Properties"]!;
            Assert.Equal(repository, (string?)chart["Repository"]);
            Assert.Equal("1.14.1", (string?)chart["Version"]);
            Assert.Equal("kube-system", (string?)chart["Namespace"]);
        }
    }

    [Fact]
    public void Configures_the_controller_for_this_cluster_its_queue_and_the_system_nodes()
    {
        var values = ClusterScenario.ManifestText(Chart("karpenter")["Properties"]!["Values"]!);
        Assert.Contains("\"clusterName\":\"test-cluster\"", values, System.StringComparison.Ordinal);
        Assert.Contains("\"interruptionQueue\":\"<token>\"", values, System.StringComparison.Ordinal);
        Assert.Contains("\"replicas\":2", values, System.StringComparison.Ordinal);
        Assert.Contains("\"key\":\"CriticalAddonsOnly\"", values, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Uninstalls_the_controller_only_after_its_pools_and_before_its_iam_and_queue()
    {
        var chart = Chart("karpenter");
        var dependsOn = chart["DependsOn"]!.AsArray().Select(d => (string)d!).ToList();
        foreach (var prefix in new[] { "KarpenterControllerRole", "KarpenterControllerRoleAssociation", "KarpenterNodeLifecyclePolicy", "KarpenterIamIntegrationPolicy", "KarpenterInterruptionQueue", "KarpenterNodeAccessEntry", "EksClusterNodegroupSystemNodes", "EksClusterchartKarpenterCrds" })
        {
            Assert.Contains(dependsOn, d => d.StartsWith(prefix, System.StringComparison.Ordinal));
        }

        var chartId = _s.Json.Resources("Custom::AWSCDK-EKS-HelmChart").Single(c => (string?)c.Value["Properties"]!["Release"] == "karpenter").Key;
        var pool = _s.Resource("Custom::AWSCDK-EKS-KubernetesResource", "KarpenterNodePooldefault");
        Assert.Contains(chartId, pool["DependsOn"]!.AsArray().Select(d => (string)d!));
        Assert.Contains(pool["DependsOn"]!.AsArray(), d => ((string)d!).StartsWith("KarpenterNodeClassdefault", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Names_each_pool_and_class_by_its_name_so_reordering_replaces_nothing()
    {
        Assert.Single(_s.Json.Resources("Custom::AWSCDK-EKS-KubernetesResource").Keys, k => k.StartsWith("KarpenterNodePooldefault", System.StringComparison.Ordinal));
        Assert.Single(_s.Json.Resources("Custom::AWSCDK-EKS-KubernetesResource").Keys, k => k.StartsWith("KarpenterNodeClassdefault", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Applies_the_node_pool_and_node_class_as_v1_manifests()
    {
        var pool = ClusterScenario.ManifestText(_s.Resource("Custom::AWSCDK-EKS-KubernetesResource", "KarpenterNodePooldefault")["Properties"]!["Manifest"]!);
        Assert.Contains("\"apiVersion\":\"karpenter.sh/v1\",\"kind\":\"NodePool\"", pool, System.StringComparison.Ordinal);
        Assert.Contains("\"nodeClassRef\":{\"group\":\"karpenter.k8s.aws\",\"kind\":\"EC2NodeClass\",\"name\":\"default\"}", pool, System.StringComparison.Ordinal);
        var nodeClass = ClusterScenario.ManifestText(_s.Resource("Custom::AWSCDK-EKS-KubernetesResource", "KarpenterNodeClassdefault")["Properties"]!["Manifest"]!);
        Assert.Contains("\"apiVersion\":\"karpenter.k8s.aws/v1\",\"kind\":\"EC2NodeClass\"", nodeClass, System.StringComparison.Ordinal);
        Assert.Contains("\"httpTokens\":\"required\"", nodeClass, System.StringComparison.Ordinal);
        Assert.Contains("\"alias\":\"al2023@latest\"", nodeClass, System.StringComparison.Ordinal);
    }
}

[Collection(CdkCollection.Name)]
public sealed class KarpenterAddOnValidationTests
{
    [Fact]
    public void Refuses_a_karpenter_too_old_for_the_cluster_and_a_bad_replica_count()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"] });
        var cluster = new Infra.Components.Kubernetes.EksCluster(stack, "Eks", ClusterScenario.Props(network));
        var e = Assert.Throws<ConstructValidationException>(() => new KarpenterAddOn(stack, "Karpenter", new KarpenterAddOnProps
        {
            Cluster = cluster,
            Version = KarpenterVersion.Of("1.8.3"),
            Replicas = 0,
            NodeRole = KarpenterAddOn.CreateNodeRole(stack, "NodeRole", cluster.ClusterName),
            NodeClasses = [],
            NodePools = [],
        }));
        Assert.Equal(
            [
                "Version: Karpenter 1.8.3 does not support Kubernetes 1.35; use 1.9.0 or later.",
                "Replicas: 0 must be 1 to 3.",
                "NodeClasses: give at least one EC2NodeClass.",
                "NodePools: give at least one NodePool.",
            ],
            e.Problems);
    }

    [Theory]
    [InlineData("1.14.1", "1.36", null)]
    [InlineData("1.12.0", "1.36", "Karpenter 1.12.0 does not support Kubernetes 1.36; use 1.13.0 or later.")]
    [InlineData("1.14.1", "1.37", "Kubernetes 1.37 is not in Karpenter's compatibility matrix here (1.33, 1.34, 1.35, 1.36).")]
    [InlineData("0.37.0", "1.35", "'0.37.0' is not a Karpenter 1.x version (for example 1.14.1).")]
    [InlineData("1.14", "1.35", "'1.14' is not a Karpenter 1.x version (for example 1.14.1).")]
    [InlineData("1.14.1.0", "1.35", "'1.14.1.0' is not a Karpenter 1.x version (for example 1.14.1).")]
    public void Checks_the_compatibility_matrix(string karpenter, string kubernetes, string? expected) =>
        Assert.Equal(expected, KarpenterVersion.Of(karpenter).CompatibilityProblem(kubernetes));
}
