using System.Linq;
using System.Text.Json.Nodes;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

[Collection(EnvironmentsCollection.Name)]
public sealed class DatabaseInvariantTests
{
    private readonly SynthesizedEnvironments _env;

    public DatabaseInvariantTests(SynthesizedEnvironments environments) => _env = environments;

    private JsonObject Json(string tier, string region) => _env.Json(_env.Stages[tier].DatabaseStacks[region]);

    private JsonObject Cluster(string tier, string region) => Json(tier, region).Single("AWS::RDS::DBCluster");

    [Fact]
    public void Dev_runs_one_pausing_serverless_cluster_that_is_deleted_with_its_stack()
    {
        Assert.Equal(["us-east-1"], _env.Stages["dev"].DatabaseStacks.Keys.ToArray());
        var cluster = Cluster("dev", "us-east-1");
        var scaling = cluster["Properties"]!["ServerlessV2ScalingConfiguration"]!;
        Assert.Equal(0, (double)scaling["MinCapacity"]!);
        Assert.Equal(600, (int)scaling["SecondsUntilAutoPause"]!);
        Assert.Equal("Delete", (string?)cluster["DeletionPolicy"]);
        Assert.Empty(Json("dev", "us-east-1").Resources("AWS::RDS::GlobalCluster"));
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Staging_and_prod_run_a_global_database_across_both_regions_on_one_engine_version(string tier)
    {
        var name = _env.Stages[tier].Config.Name;
        var global = Json(tier, "us-east-1").Single("AWS::RDS::GlobalCluster")["Properties"]!;
        Assert.Equal($"infra-{name}", (string?)global["GlobalClusterIdentifier"]);
        var home = Cluster(tier, "us-east-1")["Properties"]!;
        var secondary = Cluster(tier, "us-west-2")["Properties"]!;
        Assert.Equal($"infra-{name}", (string?)home["GlobalClusterIdentifier"]);
        Assert.Equal($"infra-{name}", (string?)secondary["GlobalClusterIdentifier"]);
        Assert.Equal("17.7", (string?)home["EngineVersion"]);
        Assert.Equal((string?)home["EngineVersion"], (string?)secondary["EngineVersion"]);
        Assert.Equal((string?)global["EngineVersion"], (string?)home["EngineVersion"]);
        Assert.False(secondary.AsObject().ContainsKey("MasterUsername"));
        Assert.False(secondary.AsObject().ContainsKey("MasterUserPassword"));
        Assert.Contains(_env.Stages[tier].DatabaseStacks["us-east-1"], _env.Stages[tier].DatabaseStacks["us-west-2"].Dependencies);
    }

    [Fact]
    public void Prod_protects_retains_and_keeps_two_weeks_of_backups_in_both_regions()
    {
        foreach (var region in new[] { "us-east-1", "us-west-2" })
        {
            var cluster = Cluster("prod", region);
            Assert.True((bool)cluster["Properties"]!["DeletionProtection"]!);
            Assert.Equal("Retain", (string?)cluster["DeletionPolicy"]);
            Assert.Equal(14, (int)cluster["Properties"]!["BackupRetentionPeriod"]!);
            Assert.True(_env.Stages["prod"].DatabaseStacks[region].TerminationProtection);
        }

        Assert.True((bool)Json("prod", "us-east-1").Single("AWS::RDS::GlobalCluster")["Properties"]!["DeletionProtection"]!);
    }

    [Fact]
    public void Prod_runs_a_graviton_writer_and_a_reader_in_another_az_and_forwards_writes_from_the_secondary()
    {
        var instances = Json("prod", "us-east-1").Resources("AWS::RDS::DBInstance").Values.Select(i => i["Properties"]!).ToList();
        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal("db.r7g.large", (string?)i["DBInstanceClass"]));
        Assert.Equal(2, instances.Select(i => (string?)i["AvailabilityZone"]).Distinct().Count());
        Assert.True((bool)Cluster("prod", "us-west-2")["Properties"]!["EnableGlobalWriteForwarding"]!);
        Assert.Null(Cluster("prod", "us-east-1")["Properties"]!["EnableGlobalWriteForwarding"]);
    }

    [Fact]
    public void Replicates_the_prod_secret_to_the_secondary_region_and_rotates_it()
    {
        var json = Json("prod", "us-east-1");
        Assert.Equal("us-west-2", (string?)json.Single("AWS::SecretsManager::Secret")["Properties"]!["ReplicaRegions"]![0]!["Region"]);
        Assert.Single(json.Resources("AWS::SecretsManager::RotationSchedule"));
    }

    [Theory]
    [InlineData("dev", "us-east-1")]
    [InlineData("staging", "us-east-1")]
    [InlineData("staging", "us-west-2")]
    [InlineData("prod", "us-east-1")]
    [InlineData("prod", "us-west-2")]
    public void Admits_only_its_regions_database_client_group_and_its_own_rotation_function(string tier, string region)
    {
        var stage = _env.Stages[tier];
        var clients = $"{stage.NetworkStacks[region].StackName}:ExportsOutputFnGetAttDatabaseClients";
        var sources = Json(tier, region).Resources("AWS::EC2::SecurityGroupIngress").Values
            .Select(i => i["Properties"]!)
            .Select(p => ((int?)p["FromPort"], (int?)p["ToPort"], p["SourceSecurityGroupId"]!.ToJsonString(), p["CidrIp"]))
            .ToList();

        Assert.All(sources, s => Assert.Equal((5432, 5432), (s.Item1, s.Item2)));
        Assert.All(sources, s => Assert.Null(s.Item4));
        var peer = Assert.Single(sources, s => s.Item3.Contains("Fn::ImportValue", System.StringComparison.Ordinal));
        Assert.Contains(clients, peer.Item3, System.StringComparison.Ordinal);
        Assert.DoesNotContain(sources, s => s.Item3.Contains("ClusterSecurityGroupId", System.StringComparison.Ordinal));
        var rotation = sources.Where(s => s.Item3.Contains("DatabaseRotationSecurityGroup", System.StringComparison.Ordinal)).ToList();
        Assert.Equal(region == stage.Config.PrimaryRegion.Name ? 1 : 0, rotation.Count);
        Assert.Equal(sources.Count, 1 + rotation.Count);
    }

    [Theory]
    [InlineData("dev", "us-east-1", false)]
    [InlineData("prod", "us-east-1", true)]
    [InlineData("prod", "us-west-2", false)]
    public void Keeps_the_logical_ids_of_the_database_its_key_and_credentials(string tier, string region, bool global)
    {
        var json = Json(tier, region);
        Assert.Equal(["DatabaseClusterC6094C50"], json.Resources("AWS::RDS::DBCluster").Keys.ToArray());
        Assert.Contains("DatabaseKey5E5D9547", json.Resources("AWS::KMS::Key").Keys);
        Assert.Equal(global ? ["DatabaseGlobalCluster4A226354"] : [], json.Resources("AWS::RDS::GlobalCluster").Keys.ToArray());
        Assert.Equal(region == "us-east-1" ? ["DatabaseSecret3B817195"] : [], json.Resources("AWS::SecretsManager::Secret").Keys.ToArray());
    }

    [Fact]
    public void Suppresses_only_rds_enhanced_monitorings_own_policy_in_the_database_stacks()
    {
        var suppressed = _env.Policy.Suppressions.Where(s => s.StackName.Contains("-database-", System.StringComparison.Ordinal))
            .Select(s => $"{s.Suppression.RuleId} {string.Join(",", s.Suppression.AppliesTo)}").Distinct().ToArray();
        Assert.Equal(["INFRA-IAM-4 Policy::service-role/AmazonRDSEnhancedMonitoringRole"], suppressed);
    }
}
