using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Backup;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Backup;

[Collection(CdkCollection.Name)]
public sealed class BackupProtectionTests : IClassFixture<BackupScenario>
{
    private readonly BackupScenario _s;

    public BackupProtectionTests(BackupScenario scenario) => _s = scenario;

    private static JsonObject Properties(JsonObject template, string type) => template.Single(type)["Properties"]!.AsObject();

    private static JsonArray Rules(JsonObject template) => Properties(template, "AWS::Backup::BackupPlan")["BackupPlan"]!["BackupPlanRule"]!.AsArray();

    private static JsonObject Rule(JsonObject template, string name) => Rules(template).Single(r => (string?)r!["RuleName"] == name)!.AsObject();

    [Fact]
    public void Encrypts_the_vault_with_its_own_rotated_key_and_keeps_both()
    {
        var vault = _s.MinimalTemplate.Single("AWS::Backup::BackupVault");
        var (keyId, key) = _s.MinimalTemplate.Resources("AWS::KMS::Key").Single();
        Assert.Equal("infra-dev-us-east-1", (string?)vault["Properties"]!["BackupVaultName"]);
        Assert.Equal(keyId, (string?)vault["Properties"]!["EncryptionKeyArn"]!["Fn::GetAtt"]![0]);
        Assert.True((bool)key["Properties"]!["EnableKeyRotation"]!);
        Assert.Equal(("Retain", "Retain"), ((string?)vault["DeletionPolicy"], (string?)key["DeletionPolicy"]));
    }

    [Fact]
    public void Refuses_everyone_deleting_a_recovery_point_or_shortening_its_lifecycle()
    {
        var statement = Properties(_s.MinimalTemplate, "AWS::Backup::BackupVault")["AccessPolicy"]!["Statement"]!.AsArray().Single()!;
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("*", (string?)statement["Principal"]!["AWS"]);
        Assert.Equal(["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], statement["Action"]!.AsArray().Select(a => (string)a!).ToArray());
    }

    [Fact]
    public void Locks_the_vault_in_compliance_mode_with_the_grace_period_and_retention_bounds()
    {
        var lockConfiguration = Properties(_s.FullTemplate, "AWS::Backup::BackupVault")["LockConfiguration"]!;
        Assert.Equal((3, 7, 400), ((int)lockConfiguration["ChangeableForDays"]!, (int)lockConfiguration["MinRetentionDays"]!, (int)lockConfiguration["MaxRetentionDays"]!));
        Assert.True(_s.Full.Vault.Lock!.IsCompliance);
        Assert.Null(Properties(_s.MinimalTemplate, "AWS::Backup::BackupVault")["LockConfiguration"]);
    }

    [Fact]
    public void Locks_a_vault_in_governance_mode_without_a_grace_period_and_admits_copies_from_named_accounts()
    {
        var vault = Properties(_s.CopyVaultTemplate, "AWS::Backup::BackupVault");
        Assert.Equal(1, (int)vault["LockConfiguration"]!["MinRetentionDays"]!);
        Assert.Null(vault["LockConfiguration"]!["ChangeableForDays"]);
        var allow = vault["AccessPolicy"]!["Statement"]!.AsArray().Single(s => (string?)s!["Effect"] == "Allow")!;
        Assert.Equal(("AllowCopiesFromSourceAccounts", "backup:CopyIntoBackupVault"), ((string?)allow["Sid"], (string?)allow["Action"]));
        Assert.Contains("333333333333", allow["Principal"]!["AWS"]!.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Schedules_each_rule_in_utc_with_its_lifecycle_and_cold_storage()
    {
        var daily = Rule(_s.FullTemplate, "daily");
        Assert.Equal(("cron(0 5 * * ? *)", 35, 60), ((string?)daily["ScheduleExpression"], (int)daily["Lifecycle"]!["DeleteAfterDays"]!, (int)daily["StartWindowMinutes"]!));
        var monthly = Rule(_s.FullTemplate, "monthly");
        Assert.Equal(("cron(0 5 1 * ? *)", 365, 30), ((string?)monthly["ScheduleExpression"], (int)monthly["Lifecycle"]!["DeleteAfterDays"]!, (int)monthly["Lifecycle"]!["MoveToColdStorageAfterDays"]!));
    }

    [Fact]
    public void Copies_every_snapshot_recovery_point_to_each_destination_with_the_rules_lifecycle()
    {
        foreach (var name in new[] { "daily", "monthly" })
        {
            var rule = Rule(_s.FullTemplate, name);
            var copies = rule["CopyActions"]!.AsArray();
            Assert.Equal(
                ["arn:aws:backup:us-west-2:123456789012:backup-vault:infra-prod-us-west-2", "arn:aws:backup:us-east-1:444444444444:backup-vault:infra-prod-backup"],
                copies.Select(c => c!["DestinationBackupVaultArn"]!.Text()).ToArray());
            Assert.All(copies, c => Assert.Equal(rule["Lifecycle"]!.ToJsonString(), c!["Lifecycle"]!.ToJsonString()));
        }

        Assert.Null(Rule(_s.MinimalTemplate, "daily")["CopyActions"]);
    }

    [Fact]
    public void Keeps_continuous_backup_for_the_window_and_does_not_copy_it()
    {
        var continuous = Rule(_s.FullTemplate, "continuous");
        Assert.True((bool)continuous["EnableContinuousBackup"]!);
        Assert.Equal(35, (int)continuous["Lifecycle"]!["DeleteAfterDays"]!);
        Assert.Null(continuous["CopyActions"]);
        Assert.DoesNotContain(Rules(_s.MinimalTemplate), r => (string?)r!["RuleName"] == "continuous");
    }

    [Fact]
    public void Selects_by_arn_and_by_tag_with_a_role_carrying_only_the_backup_policies()
    {
        var selections = _s.FullTemplate.Resources("AWS::Backup::BackupSelection").Values.Select(s => s["Properties"]!["BackupSelection"]!).ToDictionary(s => (string)s["SelectionName"]!);
        Assert.Equal([BackupScenario.DatabaseArn, BackupScenario.BucketArn], selections["infra-prod-data"]["Resources"]!.AsArray().Select(r => (string)r!).ToArray());
        var tag = selections["infra-prod-volumes"]["ListOfTags"]!.AsArray().Single()!;
        Assert.Equal(("infra:backup", "infra-prod", "STRINGEQUALS"), ((string?)tag["ConditionKey"], (string?)tag["ConditionValue"], (string?)tag["ConditionType"]));
        var role = _s.FullTemplate.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("BackupBackupRole", System.StringComparison.Ordinal)).Value;
        Assert.Equal("backup.amazonaws.com", (string?)role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"]!["Service"]);
        Assert.Equal(
            ["arn:${AWS::Partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup", "arn:${AWS::Partition}:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup"],
            role["Properties"]!["ManagedPolicyArns"]!.AsArray().Select(p => p!.TextWithRefs()).ToArray());
    }

    [Fact]
    public void Tests_restores_of_the_vaults_recovery_points_snapshots_and_points_in_time()
    {
        var plan = Properties(_s.FullTemplate, "AWS::Backup::RestoreTestingPlan");
        Assert.Equal(("infra_prod_restore_tests", "cron(0 7 ? * SUN *)"), ((string?)plan["RestoreTestingPlanName"], (string?)plan["ScheduleExpression"]));
        var selection = plan["RecoveryPointSelection"]!;
        Assert.Equal(["SNAPSHOT", "CONTINUOUS"], selection["RecoveryPointTypes"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.StartsWith("BackupVault", (string?)selection["IncludeVaults"]![0]!["Fn::GetAtt"]![0], System.StringComparison.Ordinal);
        var tests = _s.FullTemplate.Resources("AWS::Backup::RestoreTestingSelection").Values.Select(s => s["Properties"]!).ToDictionary(p => (string)p["ProtectedResourceType"]!);
        Assert.Equal([BackupScenario.DatabaseArn], tests["Aurora"]["ProtectedResourceArns"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(["*"], tests["EBS"]["ProtectedResourceArns"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(("aws:ResourceTag/infra:backup", "infra-prod"), ((string?)tests["EBS"]["ProtectedResourceConditions"]!["StringEquals"]![0]!["Key"], (string?)tests["EBS"]["ProtectedResourceConditions"]!["StringEquals"]![0]!["Value"]));
        Assert.All(tests.Values, t => Assert.Equal(4, (int)t["ValidationWindowHours"]!));
        Assert.Empty(_s.MinimalTemplate.Resources("AWS::Backup::RestoreTestingPlan"));
    }

    [Fact]
    public void Sends_failed_jobs_and_restores_to_the_alert_topic_admitting_only_this_accounts_rules()
    {
        var rules = _s.FullTemplate.Resources("AWS::Events::Rule").Values.Select(r => r["Properties"]!).ToList();
        var restores = rules.Single(r => r["EventPattern"]!["detail-type"]![0]!.GetValue<string>() == "Restore Job State Change");
        Assert.Equal(["FAILED", "ABORTED"], restores["EventPattern"]!["detail"]!["status"]!.AsArray().Select(s => (string)s!).ToArray());
        var jobs = rules.Single(r => r["EventPattern"]!["detail-type"]![0]!.GetValue<string>() == "Backup Job State Change");
        Assert.Equal(["FAILED", "ABORTED", "EXPIRED"], jobs["EventPattern"]!["detail"]!["state"]!.AsArray().Select(s => (string)s!).ToArray());
        var statement = Properties(_s.FullTemplate, "AWS::SNS::TopicPolicy")["PolicyDocument"]!["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "AllowBackupAlertsFromEventBridge")!;
        Assert.Equal("123456789012", (string?)statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
        Assert.Equal("arn:aws:events:us-east-1:123456789012:rule/*", statement["Condition"]!["ArnLike"]!["aws:SourceArn"]!.Text());
        var alertKey = _s.FullTemplate.Resources("AWS::KMS::Key").Single(k => k.Key.StartsWith("AlertKey", System.StringComparison.Ordinal)).Value;
        var keyStatement = alertKey["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "AllowEventBridgeAlertEncryption")!;
        Assert.Equal("events.amazonaws.com", (string?)keyStatement["Principal"]!["Service"]);
        Assert.Empty(_s.MinimalTemplate.Resources("AWS::Events::Rule"));
    }

    [Theory]
    [InlineData(BackupFrequency.Hourly, 60, "cron(0 * * * ? *)")]
    [InlineData(BackupFrequency.Every6Hours, 360, "cron(0 5/6 * * ? *)")]
    [InlineData(BackupFrequency.Every2Hours, 120, "cron(0 1/2 * * ? *)")]
    [InlineData(BackupFrequency.Daily, 1440, "cron(0 5 * * ? *)")]
    [InlineData(BackupFrequency.Weekly, 10080, "cron(0 5 ? * SUN *)")]
    [InlineData(BackupFrequency.Monthly, 44640, "cron(0 5 1 * ? *)")]
    public void Knows_each_frequencys_interval_and_schedule(BackupFrequency frequency, int minutes, string cron) =>
        Assert.Equal((minutes, cron), (frequency.IntervalMinutes(), frequency.Cron(5)));

    [Fact]
    public void Names_the_restore_testing_plan_with_letters_digits_and_underscores_only() =>
        Assert.Equal("load_test_v2_restore_tests", BackupProtection.RestoreTestingPlanName("load-test.v2"));
}
