using System.Linq;
using System.Text.Json.Nodes;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

[Collection(EnvironmentsCollection.Name)]
public sealed class ClusterInvariantTests
{
    private readonly SynthesizedEnvironments _env;

    public ClusterInvariantTests(SynthesizedEnvironments environments) => _env = environments;

    private JsonObject Cluster(string tier) => _env.Json(_env.Stages[tier].Cluster);

    private JsonNode Config(string tier) => Cluster(tier).Single("Custom::AWSCDK-EKS-Cluster")["Properties"]!["Config"]!;

    private static string Text(JsonNode node) => node.Text();

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Runs_kubernetes_1_35_in_the_primary_region_on_the_private_subnets(string tier)
    {
        var stack = _env.Stages[tier].Cluster;
        Assert.Equal("us-east-1", stack.Region);
        Assert.Equal("1.35", (string?)Config(tier)["version"]);
        Assert.Equal($"infra-{stack.Config.Name}", (string?)Config(tier)["name"]);
        Assert.All(Config(tier)["resourcesVpcConfig"]!["subnetIds"]!.AsArray(), s => Assert.Contains("PrivateSubnet", s!.ToJsonString(), System.StringComparison.Ordinal));
    }

    [Fact]
    public void Dev_reaches_the_api_from_its_listed_cidrs_while_staging_and_prod_stay_private()
    {
        var dev = Config("dev")["resourcesVpcConfig"]!;
        Assert.True((bool)dev["endpointPublicAccess"]!);
        Assert.Equal(["203.0.113.0/24"], dev["publicAccessCidrs"]!.AsArray().Select(c => (string)c!).ToArray());
        foreach (var tier in new[] { "staging", "prod" })
        {
            Assert.False((bool)Config(tier)["resourcesVpcConfig"]!["endpointPublicAccess"]!);
        }
    }

    [Fact]
    public void Prod_keeps_a_year_of_control_plane_logs_and_dev_a_week()
    {
        int Retention(string tier) => (int)Cluster(tier).Resources("AWS::Logs::LogGroup").Single(l => l.Key.StartsWith("EksControlPlaneLogs", System.StringComparison.Ordinal)).Value["Properties"]!["RetentionInDays"]!;
        Assert.Equal(7, Retention("dev"));
        Assert.Equal(365, Retention("prod"));
    }

    [Fact]
    public void Prod_retains_and_protects_the_cluster_while_dev_deletes_it()
    {
        Assert.Equal("Retain", (string?)Cluster("prod").Single("Custom::AWSCDK-EKS-Cluster")["DeletionPolicy"]);
        Assert.Equal("Delete", (string?)Cluster("dev").Single("Custom::AWSCDK-EKS-Cluster")["DeletionPolicy"]);
        Assert.True(_env.Stages["prod"].Cluster.TerminationProtection);
        // A retained cluster keeps what it cannot run without: its service role and control-plane security group.
        var prod = Cluster("prod");
        Assert.Equal("Retain", (string?)prod.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("EksClusterRole", System.StringComparison.Ordinal)).Value["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)prod.Resources("AWS::EC2::SecurityGroup").Single(r => r.Key.StartsWith("EksClusterControlPlaneSecurityGroup", System.StringComparison.Ordinal)).Value["DeletionPolicy"]);
        Assert.False(_env.Stages["dev"].Cluster.TerminationProtection);
    }

    [Fact]
    public void Prod_pins_its_node_ami_and_runs_two_controllers_while_dev_follows_latest_with_one()
    {
        string NodeClass(string tier) => Text(Cluster(tier).Resources("Custom::AWSCDK-EKS-KubernetesResource")
            .Single(r => r.Key.StartsWith("KarpenterNodeClassdefault", System.StringComparison.Ordinal)).Value["Properties"]!["Manifest"]!);
        string Values(string tier) => Text(Cluster(tier).Resources("Custom::AWSCDK-EKS-HelmChart").Values
            .Single(c => (string?)c["Properties"]!["Release"] == "karpenter")["Properties"]!["Values"]!);
        Assert.Contains("\"alias\":\"al2023@v20260818\"", NodeClass("prod"), System.StringComparison.Ordinal);
        Assert.Contains("\"alias\":\"al2023@latest\"", NodeClass("dev"), System.StringComparison.Ordinal);
        foreach (var tier in new[] { "dev", "prod" })
        {
            Assert.Contains("\"ebs\":{\"volumeSize\":\"50Gi\",\"volumeType\":\"gp3\",\"encrypted\":true,\"deleteOnTermination\":true},\"rootVolume\":true", NodeClass(tier), System.StringComparison.Ordinal);
            Assert.Contains("\"httpTokens\":\"required\"", NodeClass(tier), System.StringComparison.Ordinal);
            Assert.Contains("\"cost-center\":", NodeClass(tier), System.StringComparison.Ordinal);
        }
        Assert.Contains("\"replicas\":2", Values("prod"), System.StringComparison.Ordinal);
        Assert.Contains("\"replicas\":1", Values("dev"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Dev_has_one_spot_first_pool_and_prod_a_spot_pool_plus_an_on_demand_pool_for_critical_work()
    {
        string[] Pools(string tier) => Cluster(tier).Resources("Custom::AWSCDK-EKS-KubernetesResource")
            .Where(r => r.Key.StartsWith("KarpenterNodePool", System.StringComparison.Ordinal))
            .Select(r => Text(r.Value["Properties"]!["Manifest"]!)).ToArray();
        var dev = Assert.Single(Pools("dev"));
        Assert.Contains("\"values\":[\"spot\",\"on-demand\"]", dev, System.StringComparison.Ordinal);
        var prod = Pools("prod");
        Assert.Equal(2, prod.Length);
        Assert.Contains(prod, p => p.Contains("\"name\":\"general\"", System.StringComparison.Ordinal) && p.Contains("\"values\":[\"spot\"]", System.StringComparison.Ordinal));
        Assert.Contains(prod, p => p.Contains("\"name\":\"critical\"", System.StringComparison.Ordinal) && p.Contains("\"values\":[\"on-demand\"]", System.StringComparison.Ordinal)
            && p.Contains("\"workload-class\":\"critical\"", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Keeps_the_logical_ids_of_the_cluster_and_its_data(string tier)
    {
        var json = Cluster(tier);
        Assert.Equal(["EksCluster0BEF757C"], json.Resources("Custom::AWSCDK-EKS-Cluster").Keys.ToArray());
        Assert.Equal(["EksKey7AD6C889"], json.Resources("AWS::KMS::Key").Keys.ToArray());
        Assert.Contains("EksControlPlaneLogsDB7AEF19", json.Resources("AWS::Logs::LogGroup").Keys);
        Assert.Equal(["KarpenterInterruptionQueue5E4495D7"], json.Resources("AWS::SQS::Queue").Keys.ToArray());
    }

    [Fact]
    public void Acknowledges_the_cdk_provider_framework_s_log_delivery_statement_in_its_nested_stack()
    {
        var nested = _env.Policy.Suppressions.Where(s => s.StackName.Contains("ClusterResourceProvider", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(3, nested.Count);
        Assert.All(nested, s =>
        {
            Assert.Equal("INFRA-IAM-12", s.Suppression.RuleId);
            Assert.Equal(["Statement::1"], s.Suppression.AppliesTo);
            Assert.EndsWith("/waiter-state-machine/Role/DefaultPolicy/Resource", s.Path, System.StringComparison.Ordinal);
        });
        Assert.DoesNotContain(_env.Policy.Findings, f => f.Rule.Id == "INFRA-IAM-12" && !f.IsSuppressed);
    }

    [Fact]
    public void Suppresses_only_the_eks_managed_policies_and_unscopable_statements_it_names()
    {
        var suppressed = _env.Policy.Suppressions.Where(s => s.StackName.EndsWith("-cluster", System.StringComparison.Ordinal))
            .Select(s => $"{s.Suppression.RuleId} {string.Join(",", s.Suppression.AppliesTo)}").Distinct().Order().ToArray();
        Assert.Equal(
            [
                "INFRA-IAM-12 Statement::3",
                "INFRA-IAM-12 Statement::AllowScopedEC2InstanceAccessActions",
                "INFRA-IAM-3 Resource::*",
                "INFRA-IAM-4 Policy::AmazonEKSClusterPolicy",
                "INFRA-IAM-4 Policy::AmazonEKSWorkerNodePolicy,Policy::AmazonEKS_CNI_Policy,Policy::AmazonEC2ContainerRegistryPullOnly,Policy::AmazonSSMManagedInstanceCore",
                "INFRA-IAM-4 Policy::AmazonEKSWorkerNodePolicy,Policy::AmazonEKS_CNI_Policy,Policy::AmazonEC2ContainerRegistryReadOnly",
                "INFRA-IAM-4 Policy::service-role/AmazonEBSCSIDriverPolicy",
            ],
            suppressed);
    }

    [Fact]
    public void Dev_buys_its_system_node_on_spot_across_three_pools_while_staging_and_prod_stay_on_demand()
    {
        var dev = _env.Json(_env.Stages["dev"].Cluster).Single("AWS::EKS::Nodegroup")["Properties"]!;
        Assert.Equal("SPOT", (string?)dev["CapacityType"]);
        Assert.Equal(["t4g.large", "m7g.large", "m6g.large"], dev["InstanceTypes"]!.AsArray().Select(t => (string)t!));
        // One AZ: a replacement node lands where Prometheus' volume is.
        Assert.Single(dev["Subnets"]!.AsArray());
        foreach (var tier in new[] { "staging", "prod" })
        {
            // Unset is on-demand; writing ON_DEMAND would replace the existing node groups.
            var nodes = _env.Json(_env.Stages[tier].Cluster).Single("AWS::EKS::Nodegroup")["Properties"]!;
            Assert.Null(nodes["CapacityType"]);
            Assert.Equal(3, nodes["Subnets"]!.AsArray().Count);
        }
    }
}
