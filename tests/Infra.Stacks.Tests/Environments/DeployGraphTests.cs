using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Infra.Policies;
using Infra.Stacks.Deploy;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

/// <summary>
/// The deploy graph of every environment, read from the synthesized assembly: which stack waits for which. A new
/// import that serializes the deploy (a database waiting for the cluster) changes a pinned edge and fails here.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed partial class DeployGraphTests
{
    private readonly SynthesizedEnvironments _env;

    public DeployGraphTests(SynthesizedEnvironments environments) => _env = environments;

    // The backup plan selects the database and the data bucket, alerts to the platform's topic and copies to the other
    // region's vault: it comes last, in a minute or two. The resilience stacks' alarms and role need only the network.
    private static readonly string[] TwoRegionGraph =
    [
        "Backup-us-east-1 -> Backup-us-west-2",
        "Backup-us-east-1 -> Database-us-east-1",
        "Backup-us-east-1 -> Platform",
        "Backup-us-east-1 -> Storage",
        "Cluster -> Network-us-east-1",
        "Database-us-east-1 -> Network-us-east-1",
        "Database-us-west-2 -> Database-us-east-1",
        "Database-us-west-2 -> Network-us-west-2",
        "Platform -> Cluster",
        "Platform -> Network-us-east-1",
        "Resilience-us-east-1 -> Network-us-east-1",
        "Storage -> StorageReplica",
    ];

    public static TheoryData<string, string[]> Graphs => new()
    {
        {
            "dev",
            [
                "Backup-us-east-1 -> Database-us-east-1", "Backup-us-east-1 -> Platform", "Backup-us-east-1 -> Storage", "Cluster -> Network-us-east-1",
                "Database-us-east-1 -> Network-us-east-1", "Platform -> Cluster", "Platform -> Network-us-east-1", "Resilience-us-east-1 -> Network-us-east-1",
            ]
        },
        { "staging", TwoRegionGraph },
        { "prod", TwoRegionGraph },
    };

    private EnvironmentDeployPlan Plan(string environment) => DeployPlan.FirstDeploy(_env.OutDir, environment).Single();

    // "Platform -> Cluster": the stacks' construct ids, the names the stage gives them.
    private string[] Edges(string environment)
    {
        var ids = _env.Stages[environment].Stacks.ToDictionary(s => s.StackName, s => s.Node.Id, StringComparer.Ordinal);
        return Plan(environment).Edges.Select(e => $"{ids[e.Stack]} -> {ids[e.DependsOn]}").Order(StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [MemberData(nameof(Graphs))]
    public void Pins_which_stack_deploys_after_which(string environment, string[] expected) =>
        Assert.Equal(expected, Edges(environment));

    [Fact]
    public void No_database_waits_for_a_cluster_or_the_platform_on_it_in_any_environment()
    {
        foreach (var (name, stage) in _env.Stages)
        {
            var plan = Plan(name);
            var byName = plan.Stacks.ToDictionary(s => s.StackName, StringComparer.Ordinal);
            IEnumerable<string> Upstream(string stack) => byName[stack].DependsOn.SelectMany(d => Upstream(d).Prepend(d));
            var forbidden = new HashSet<string>([stage.Cluster.StackName, stage.Platform.StackName], StringComparer.Ordinal);
            foreach (var database in stage.DatabaseStacks.Values)
            {
                Assert.DoesNotContain(Upstream(database.StackName), forbidden.Contains);
            }
        }
    }

    [Fact]
    public void Prod_deploys_in_four_waves_with_the_cluster_and_the_primary_database_side_by_side()
    {
        var prod = _env.Stages["prod"];
        var waves = Plan("prod").Waves.Select(w => w.Select(s => s.StackName).Order(StringComparer.Ordinal).ToArray()).ToArray();

        Assert.Equal(
            [
                new[] { "infra-prod-backup-us-west-2", prod.NetworkStacks["us-east-1"].StackName, prod.NetworkStacks["us-west-2"].StackName, "infra-prod-resilience-us-west-2", prod.StorageReplica!.StackName },
                new[] { prod.Cluster.StackName, prod.DatabaseStacks["us-east-1"].StackName, "infra-prod-resilience-us-east-1", prod.Storage.StackName },
                new[] { prod.DatabaseStacks["us-west-2"].StackName, prod.Platform.StackName },
                new[] { "infra-prod-backup-us-east-1" },
            ],
            waves.Select(w => w.Order(StringComparer.Ordinal).ToArray()).ToArray());
    }

    [Fact]
    public void Prods_first_deploy_waits_for_the_data_chain_only_not_the_cluster()
    {
        var prod = _env.Stages["prod"];
        var plan = Plan("prod");
        var byName = plan.Stacks.ToDictionary(s => s.StackName, StringComparer.Ordinal);

        Assert.Equal(
            [prod.NetworkStacks["us-east-1"].StackName, prod.DatabaseStacks["us-east-1"].StackName, prod.DatabaseStacks["us-west-2"].StackName],
            plan.CriticalPath.Select(s => s.StackName).ToArray());
        Assert.Equal(plan.CriticalPath.Sum(s => s.Minutes), plan.CriticalMinutes, 6);
        // The cluster and the platform on it finish inside the database chain's time; in series they would add to it.
        Assert.True(byName[prod.Platform.StackName].Finish < plan.CriticalMinutes);
        Assert.Equal(byName[prod.NetworkStacks["us-east-1"].StackName].Finish, byName[prod.Cluster.StackName].Start, 6);
        Assert.Equal(byName[prod.NetworkStacks["us-east-1"].StackName].Finish, byName[prod.DatabaseStacks["us-east-1"].StackName].Start, 6);
        Assert.True(plan.CriticalMinutes < byName[prod.Cluster.StackName].Minutes + byName[prod.DatabaseStacks["us-east-1"].StackName].Minutes
            + byName[prod.DatabaseStacks["us-west-2"].StackName].Minutes);
        Assert.True(plan.SerialMinutes > 1.5 * plan.CriticalMinutes);
    }

    [Fact]
    public void Every_resource_type_the_app_synthesizes_has_a_row_in_the_duration_table()
    {
        var listed = ResourceDurations.Table.Select(r => r.ResourceType).ToHashSet(StringComparer.Ordinal);
        var types = TemplateLoader.Load(_env.OutDir).SelectMany(t => t.Resources).Select(r => r.Type).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Contains("AWS::CloudFormation::Stack", types);
        Assert.DoesNotContain(types, t => !listed.Contains(t));
    }

    [Fact]
    public void The_deploy_workflow_runs_as_many_stacks_at_once_as_the_widest_wave_of_any_environment()
    {
        var workflow = File.ReadAllText(Path.Combine(RepoPaths.Root, ".github", "workflows", "deploy.yml"));
        var concurrency = int.Parse(Concurrency().Match(workflow).Groups["n"].Value, CultureInfo.InvariantCulture);

        Assert.All(_env.Stages.Keys, e => Assert.True(concurrency >= Plan(e).WidestWave, $"{e}'s widest wave has {Plan(e).WidestWave} stacks; the workflow deploys {concurrency} at once."));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void The_workload_nodes_carry_the_database_client_group_and_the_system_nodes_do_not(string environment)
    {
        var stage = _env.Stages[environment];
        var cluster = _env.Json(stage.Cluster);
        var nodeClass = cluster.Resources("Custom::AWSCDK-EKS-KubernetesResource").Values
            .Select(r => r["Properties"]!["Manifest"]!.ToJsonString())
            .Single(m => m.Contains("securityGroupSelectorTerms", StringComparison.Ordinal));
        var terms = nodeClass[nodeClass.IndexOf("securityGroupSelectorTerms", StringComparison.Ordinal)..nodeClass.IndexOf("metadataOptions", StringComparison.Ordinal)];

        Assert.Contains("ClusterSecurityGroupId", terms, StringComparison.Ordinal);
        Assert.Contains($"{stage.NetworkStacks[stage.Config.PrimaryRegion.Name].StackName}:ExportsOutputFnGetAttDatabaseClients", terms, StringComparison.Ordinal);
        var template = cluster.Single("AWS::EC2::LaunchTemplate")["Properties"]!["LaunchTemplateData"]!.AsObject();
        Assert.False(template.ContainsKey("SecurityGroupIds"));
        Assert.False(template.ContainsKey("NetworkInterfaces"));
    }

    [Theory]
    [InlineData("dev", "us-east-1")]
    [InlineData("prod", "us-east-1")]
    [InlineData("prod", "us-west-2")]
    public void Each_network_owns_a_database_client_group_that_admits_nothing(string environment, string region)
    {
        var network = _env.Json(_env.Stages[environment].NetworkStacks[region]);
        var group = network["Resources"]!.AsObject().Single(r => r.Key.StartsWith("DatabaseClients", StringComparison.Ordinal)).Value!["Properties"]!;

        Assert.Null(group["SecurityGroupIngress"]);
        Assert.DoesNotContain(network.Resources("AWS::EC2::SecurityGroupIngress").Values, i => i.ToJsonString().Contains("DatabaseClients", StringComparison.Ordinal));
        Assert.Equal($"Database clients of infra-{environment} in {region}: carried by whatever may reach the databases", (string?)group["GroupDescription"]);
        Assert.Contains(network["Outputs"]!.AsObject(), o => o.Key.Contains("DatabaseClients", StringComparison.Ordinal) && o.Value!["Export"] is not null);
    }

    [GeneratedRegex(@"cdk deploy [^\n]*--concurrency (?<n>[0-9]+)")]
    private static partial Regex Concurrency();
}
