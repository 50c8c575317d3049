using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Resilience;
using Infra.Stacks.Configuration;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

/// <summary>What each environment's recovery and chaos sections build: vaults, plans, copies, locks, restore tests, experiments.</summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class RecoveryInvariantTests
{
    private readonly SynthesizedEnvironments _env;

    public RecoveryInvariantTests(SynthesizedEnvironments environments) => _env = environments;

    private JsonObject Backup(string tier, string region) => _env.Json(_env.Stages[tier].BackupStacks[region]);

    private static JsonArray Rules(JsonObject template) => template.Single("AWS::Backup::BackupPlan")["Properties"]!["BackupPlan"]!["BackupPlanRule"]!.AsArray();

    private static IEnumerable<JsonNode> SnapshotRules(JsonObject template) => Rules(template).Where(r => r!["EnableContinuousBackup"] is null)!;

    private JsonObject Experiment(string tier, string region, ChaosExperiment experiment)
    {
        var stack = _env.Stages[tier].ResilienceStacks[region];
        var name = stack.Experiments[experiment].ExperimentName;
        return _env.Json(stack).Resources("AWS::FIS::ExperimentTemplate").Values.Single(t => (string?)t["Properties"]!["Tags"]![FaultInjectionExperiment.NameTag] == name)["Properties"]!.AsObject();
    }

    private string[] StopConditionAlarms(string tier, string region, ChaosExperiment experiment) =>
        Experiment(tier, region, experiment)["StopConditions"]!.AsArray().Select(c => ((string)c!["Value"]!["Fn::GetAtt"]![0]!)[..^8]).ToArray();

    [Fact]
    public void Prod_copies_every_snapshot_recovery_point_to_the_secondary_regions_vault()
    {
        var rules = SnapshotRules(Backup("prod", "us-east-1")).ToList();
        Assert.Equal(["daily", "monthly"], rules.Select(r => (string)r["RuleName"]!).ToArray());
        Assert.All(rules, r =>
        {
            var copy = r["CopyActions"]!.AsArray().Single()!;
            Assert.Equal("arn:aws:backup:us-west-2:333333333333:backup-vault:infra-prod-us-west-2", copy["DestinationBackupVaultArn"]!.Text());
            Assert.Equal(r["Lifecycle"]!.ToJsonString(), copy["Lifecycle"]!.ToJsonString());
        });
        Assert.Equal("infra-prod-us-west-2", (string?)Backup("prod", "us-west-2").Single("AWS::Backup::BackupVault")["Properties"]!["BackupVaultName"]);
        Assert.Contains(_env.Stages["prod"].BackupStacks["us-west-2"], _env.Stages["prod"].BackupStacks["us-east-1"].Dependencies);
    }

    [Fact]
    public void Prod_locks_both_vaults_in_compliance_mode_with_the_configured_grace_period_and_bounds()
    {
        foreach (var region in new[] { "us-east-1", "us-west-2" })
        {
            var vault = Backup("prod", region).Single("AWS::Backup::BackupVault");
            var lockConfiguration = vault["Properties"]!["LockConfiguration"]!;
            Assert.Equal((3, 7, 400), ((int)lockConfiguration["ChangeableForDays"]!, (int)lockConfiguration["MinRetentionDays"]!, (int)lockConfiguration["MaxRetentionDays"]!));
            Assert.Equal(("Retain", "Retain"), ((string?)vault["DeletionPolicy"], (string?)vault["UpdateReplacePolicy"]));
            Assert.True(_env.Stages["prod"].BackupStacks[region].TerminationProtection);
        }
    }

    [Fact]
    public void Staging_copies_without_a_lock_and_dev_keeps_a_week_in_its_one_region()
    {
        Assert.Null(Backup("staging", "us-east-1").Single("AWS::Backup::BackupVault")["Properties"]!["LockConfiguration"]);
        Assert.All(SnapshotRules(Backup("staging", "us-east-1")), r => Assert.Single(r["CopyActions"]!.AsArray()));
        Assert.Equal(["us-east-1"], _env.Stages["dev"].BackupStacks.Keys.ToArray());
        var daily = Rules(Backup("dev", "us-east-1")).Single()!;
        Assert.Equal(("daily", 7), ((string?)daily["RuleName"], (int)daily["Lifecycle"]!["DeleteAfterDays"]!));
        Assert.Null(daily["CopyActions"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Selects_the_database_the_data_bucket_and_the_volumes_tagged_by_the_ebs_csi_driver(string tier)
    {
        var stage = _env.Stages[tier];
        var name = stage.Config.Name;
        var selections = Backup(tier, "us-east-1").Resources("AWS::Backup::BackupSelection").Values.Select(s => s["Properties"]!["BackupSelection"]!).ToDictionary(s => (string)s["SelectionName"]!);
        var data = selections[$"infra-{name}-data"]["Resources"]!.AsArray();
        Assert.Equal($"arn:${{AWS::Partition}}:rds:us-east-1:{stage.Config.Account}:cluster:infra-{name}-us-east-1", data[0]!.TextWithRefs());
        Assert.StartsWith($"infra-{name}-storage:ExportsOutputFnGetAttData2D4B752FArn", (string?)data[1]!["Fn::ImportValue"], System.StringComparison.Ordinal);
        var tag = selections[$"infra-{name}-volumes"]["ListOfTags"]!.AsArray().Single()!;
        var addon = _env.Json(stage.Cluster).Resources("AWS::EKS::Addon").Values.Single(a => (string?)a["Properties"]!["AddonName"] == "aws-ebs-csi-driver");
        var volumeTags = JsonNode.Parse((string)addon["Properties"]!["ConfigurationValues"]!)!["controller"]!["extraVolumeTags"]!;
        Assert.Equal((string?)tag["ConditionValue"], (string?)volumeTags[(string)tag["ConditionKey"]!]);
    }

    [Fact]
    public void Staging_and_prod_test_restores_weekly_and_dev_does_not()
    {
        foreach (var tier in new[] { "staging", "prod" })
        {
            var json = Backup(tier, "us-east-1");
            Assert.Equal("cron(0 7 ? * SUN *)", (string?)json.Single("AWS::Backup::RestoreTestingPlan")["Properties"]!["ScheduleExpression"]);
            Assert.Equal(["Aurora", "EBS", "S3"], json.Resources("AWS::Backup::RestoreTestingSelection").Values.Select(s => (string)s["Properties"]!["ProtectedResourceType"]!).Order().ToArray());
        }

        Assert.Empty(Backup("dev", "us-east-1").Resources("AWS::Backup::RestoreTestingPlan"));
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Reports_failed_backups_copies_and_restores_to_the_platforms_alert_topic(string tier)
    {
        var json = Backup(tier, "us-east-1");
        var targets = json.Resources("AWS::Events::Rule").Values.Select(r => r["Properties"]!["Targets"]![0]!["Arn"]!["Fn::ImportValue"]!.GetValue<string>()).ToList();
        Assert.Equal(2, targets.Count);
        Assert.All(targets, t => Assert.StartsWith($"infra-{_env.Stages[tier].Config.Name}-platform:ExportsOutputRefMonitoringAlertTopic", t, System.StringComparison.Ordinal));
        var policy = _env.Json(_env.Stages[tier].Platform).Single("AWS::SNS::TopicPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
        Assert.Contains(policy, s => (string?)s!["Sid"] == "AllowBackupAlertsFromEventBridge");
    }

    [Theory]
    [InlineData("dev", new[] { ChaosExperiment.KarpenterCapacityLoss, ChaosExperiment.AvailabilityZoneLoss }, new ChaosExperiment[0])]
    [InlineData("staging", new[] { ChaosExperiment.KarpenterCapacityLoss, ChaosExperiment.AvailabilityZoneLoss }, new[] { ChaosExperiment.AuroraGlobalSwitchover })]
    [InlineData("prod", new[] { ChaosExperiment.KarpenterCapacityLoss, ChaosExperiment.AvailabilityZoneLoss }, new[] { ChaosExperiment.AuroraGlobalSwitchover })]
    public void Places_the_experiments_where_their_targets_are(string tier, ChaosExperiment[] primary, ChaosExperiment[] secondary)
    {
        var stacks = _env.Stages[tier].ResilienceStacks;
        Assert.Equal(primary, stacks["us-east-1"].Experiments.Keys.ToArray());
        Assert.Equal(secondary, stacks.TryGetValue("us-west-2", out var west) ? west.Experiments.Keys.ToArray() : []);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Stops_every_experiment_on_the_alarms_that_mean_customer_impact(string tier)
    {
        Assert.Equal(["WorkloadsUnschedulable"], StopConditionAlarms(tier, "us-east-1", ChaosExperiment.KarpenterCapacityLoss));
        Assert.Equal(["WorkloadsUnschedulable", "DatabaseWriterUnavailable"], StopConditionAlarms(tier, "us-east-1", ChaosExperiment.AvailabilityZoneLoss));
        var name = _env.Stages[tier].Config.Name;
        var alarms = _env.Json(_env.Stages[tier].ResilienceStacks["us-east-1"]).Resources("AWS::CloudWatch::Alarm");
        var unschedulable = alarms.Single(a => a.Key.StartsWith("WorkloadsUnschedulable", System.StringComparison.Ordinal)).Value["Properties"]!;
        Assert.Equal(("AWS/EKS", "scheduler_pending_pods_UNSCHEDULABLE", $"infra-{name}", 10), ((string?)unschedulable["Namespace"], (string?)unschedulable["MetricName"], (string?)unschedulable["Dimensions"]![0]!["Value"], (int)unschedulable["DatapointsToAlarm"]!));
        var writer = alarms.Single(a => a.Key.StartsWith("DatabaseWriterUnavailable", System.StringComparison.Ordinal)).Value["Properties"]!;
        Assert.Equal(
            [("DBClusterIdentifier", $"infra-{name}-us-east-1"), ("Role", "WRITER")],
            writer["Dimensions"]!.AsArray().Select(d => ((string)d!["Name"]!, (string)d["Value"]!)).ToArray());
        Assert.Equal(("SampleCount", "LessThanThreshold", "breaching"), ((string?)writer["Statistic"], (string?)writer["ComparisonOperator"], (string?)writer["TreatMissingData"]));
        if (tier != "dev")
        {
            Assert.Equal(["ReplicationLagHigh"], StopConditionAlarms(tier, "us-west-2", ChaosExperiment.AuroraGlobalSwitchover));
            var lag = _env.Json(_env.Stages[tier].ResilienceStacks["us-west-2"]).Single("AWS::CloudWatch::Alarm")["Properties"]!;
            Assert.Equal(("AuroraGlobalDBReplicationLag", $"infra-{name}-us-west-2"), ((string?)lag["MetricName"], (string?)lag["Dimensions"]![0]!["Value"]));
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Targets_only_resources_carrying_this_environments_tag(string tier)
    {
        var name = _env.Stages[tier].Config.Name;
        foreach (var experiment in new[] { ChaosExperiment.KarpenterCapacityLoss, ChaosExperiment.AvailabilityZoneLoss })
        {
            var targets = Experiment(tier, "us-east-1", experiment)["Targets"]!.AsObject();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.Equal(name, (string?)t.Value!["ResourceTags"]!["environment"]));
        }

        var zone = Experiment(tier, "us-east-1", ChaosExperiment.AvailabilityZoneLoss);
        Assert.Equal(("AvailabilityZone", "us-east-1b"), ((string?)zone["Targets"]!["zone-subnets"]!["Filters"]![0]!["Path"], (string?)zone["Targets"]!["zone-subnets"]!["Filters"]![0]!["Values"]![0]));
        Assert.Equal("us-east-1b", (string?)zone["Targets"]!["database-writer-in-zone"]!["Parameters"]!["writerAvailabilityZoneIdentifiers"]);
        var pool = _env.Stages[tier].Config.Kubernetes.Karpenter.NodePools.First(p => p.CapacityTypes.Contains(Components.Kubernetes.Karpenter.CapacityType.Spot)).Name;
        Assert.Equal(pool, (string?)Experiment(tier, "us-east-1", ChaosExperiment.KarpenterCapacityLoss)["Targets"]!["spot-nodes"]!["ResourceTags"]!["karpenter.sh/nodepool"]);
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Switches_the_global_writer_over_to_the_secondary_region_as_the_runbook_does(string tier)
    {
        var name = _env.Stages[tier].Config.Name;
        var action = Experiment(tier, "us-west-2", ChaosExperiment.AuroraGlobalSwitchover)["Actions"]!["move-writer"]!;
        var parameters = action["Parameters"]!["documentParameters"]!.TextWithRefs();
        Assert.Contains("\"Mode\":\"switchover\"", parameters, System.StringComparison.Ordinal);
        Assert.Contains($":rds:us-west-2:{_env.Stages[tier].Config.Account}:cluster:infra-{name}-us-west-2\"", parameters, System.StringComparison.Ordinal);
        var document = _env.Json(_env.Stages[tier].ResilienceStacks["us-west-2"]).Single("AWS::SSM::Document")["Properties"]!["Content"]!;
        Assert.Equal($"infra-{name}", (string?)document["mainSteps"]![1]!["inputs"]!["GlobalClusterIdentifier"]);
    }

    [Fact]
    public void Schedules_no_experiment_anywhere()
    {
        foreach (var stack in _env.Stages.Values.SelectMany(s => s.ResilienceStacks.Values))
        {
            var types = _env.Json(stack)["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!).ToList();
            Assert.DoesNotContain("AWS::Scheduler::Schedule", types);
            Assert.DoesNotContain("AWS::Events::Rule", types);
        }
    }
}
