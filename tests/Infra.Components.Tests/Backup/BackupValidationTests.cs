using System.Collections.Generic;
using System.Linq;
using Infra.Components.Backup;
using Xunit;

namespace Infra.Components.Tests.Backup;

/// <summary>Every rule of the backup components, at its property path with its exact message (no construct is created).</summary>
public sealed class BackupValidationTests
{
    private static readonly BackupProtectionProps Valid = new()
    {
        PlanName = "infra-prod",
        Vault = new RecoveryVaultProps { VaultName = "infra-prod-us-east-1", Lock = new VaultLockOptions { MinRetentionDays = 7, MaxRetentionDays = 400, ChangeableForDays = 3 } },
        ContinuousBackupRetentionDays = 35,
        Rules = [new BackupRuleOptions { Name = "daily", Frequency = BackupFrequency.Daily, RetentionDays = 35 }],
        Selections = [new BackupResourceSelection { Name = "data", ResourceArns = ["arn:aws:rds:us-east-1:123456789012:cluster:c"] }],
    };

    private static List<string> Problems(BackupProtectionProps props) => BackupProtection.Validate(props).Select(p => p.ToString()).ToList();

    [Fact]
    public void Accepts_a_valid_plan() => Assert.Empty(Problems(Valid));

    [Fact]
    public void Refuses_a_retention_the_vault_lock_would_fail_every_job_of() =>
        Assert.Equal(
            [
                "Rules[0].RetentionDays: 500 days is longer than the vault lock's maximum retention (400 days): AWS Backup would fail every job of it. Shorten the retention or raise the lock's maximum.",
                "ContinuousBackupRetentionDays: 3 days is shorter than the vault lock's minimum retention (7 days): AWS Backup would fail every job of it. Keep recovery points at least 7 days or lower the lock's minimum.",
            ],
            Problems(Valid with { Rules = [Valid.Rules[0] with { RetentionDays = 500 }], ContinuousBackupRetentionDays = 3 }));

    [Fact]
    public void Refuses_a_compliance_lock_whose_grace_period_is_shorter_than_three_days() =>
        Assert.Equal(
            ["Vault.Lock.ChangeableForDays: 2 is shorter than the 3 days (72 hours) AWS Backup requires before a compliance lock becomes permanent."],
            Problems(Valid with { Vault = Valid.Vault with { Lock = Valid.Vault.Lock! with { ChangeableForDays = 2 } } }));

    [Fact]
    public void Refuses_lock_bounds_that_cross() =>
        Assert.Equal(
            [
                "Vault.Lock.MaxRetentionDays: 5 must be longer than the minimum (7 days) and at most 36500 days.",
                "Rules[0].RetentionDays: 35 days is longer than the vault lock's maximum retention (5 days): AWS Backup would fail every job of it. Shorten the retention or raise the lock's maximum.",
                "ContinuousBackupRetentionDays: 35 days is longer than the vault lock's maximum retention (5 days): AWS Backup would fail every job of it. Shorten the retention or raise the lock's maximum.",
            ],
            Problems(Valid with { Vault = Valid.Vault with { Lock = Valid.Vault.Lock! with { MaxRetentionDays = 5 } } }));

    [Fact]
    public void Refuses_cold_storage_that_would_not_last_its_90_day_minimum() =>
        Assert.Equal(
            ["Rules[0].ColdStorageAfterDays: 30 leaves 5 days in cold storage; it must be at least 1 and at most the retention (35) minus 90, cold storage's minimum."],
            Problems(Valid with { Rules = [Valid.Rules[0] with { ColdStorageAfterDays = 30 }] }));

    [Fact]
    public void Refuses_continuous_backup_beyond_35_days_and_a_plan_that_takes_nothing() =>
        Assert.Equal(
            [
                "Rules: is empty and there is no continuous backup: the plan would take no recovery point. Add a rule or turn on continuous backup.",
            ],
            Problems(Valid with { Rules = [], ContinuousBackupRetentionDays = null }));

    [Fact]
    public void Refuses_a_continuous_window_aws_backup_does_not_keep() =>
        Assert.Equal(
            ["ContinuousBackupRetentionDays: 40 is outside the 1 to 35 days continuous backup can reach back."],
            Problems(Valid with { ContinuousBackupRetentionDays = 40, Vault = Valid.Vault with { Lock = null } }));

    [Fact]
    public void Refuses_names_aws_backup_refuses_and_the_reserved_rule_name() =>
        Assert.Equal(
            [
                "PlanName: 'infra prod' is not a backup plan name: 1 to 50 letters, digits, '-', '_' and '.'.",
                "Vault.VaultName: 'v' is not a backup vault name: 2 to 50 letters, digits, hyphens and underscores.",
                "Rules[0].Name: 'continuous' is not a rule name: 1 to 50 letters, digits, '-', '_' and '.', other than 'continuous' (the continuous rule's).",
            ],
            Problems(Valid with { PlanName = "infra prod", Vault = Valid.Vault with { VaultName = "v" }, Rules = [Valid.Rules[0] with { Name = "continuous" }] }));

    [Fact]
    public void Refuses_a_selection_of_nothing_and_duplicate_names() =>
        Assert.Equal(
            [
                "Selections[0]: 'data' selects nothing; give resource ARNs or a tag.",
                "Selections[0].Name: 'data' is used by another selection; names must be unique.",
                "Selections[1].Name: 'data' is used by another selection; names must be unique.",
            ],
            Problems(Valid with { Selections = [new BackupResourceSelection { Name = "data" }, Valid.Selections[0]] }));

    [Fact]
    public void Refuses_a_copy_destination_that_is_not_a_vault() =>
        Assert.Equal(
            [
                "CopyTo[0].Account: '4444' is not an AWS account id; use its 12 digits.",
                "CopyTo[0].Region: 'west' is not a region name such as us-west-2.",
                "CopyTo[0].Name: 'a b' is not a backup vault name: 2 to 50 letters, digits, hyphens and underscores.",
            ],
            Problems(Valid with { CopyTo = [new BackupVaultReference("4444", "west", "a b")] }));

    [Fact]
    public void Refuses_restore_tests_aws_backup_would_refuse() =>
        Assert.Equal(
            [
                "RestoreTesting.Frequency: Hourly is more often than restore testing runs; use Daily, Weekly or Monthly.",
                "RestoreTesting.ValidationWindowHours: 200 must be 1 to 168 hours.",
                "RestoreTesting.SelectionWindowDays: 0 must be 1 to 365 days.",
                "RestoreTesting.Targets[0]: selects Aurora resources by nothing; give ARNs or a tag, not both.",
            ],
            Problems(Valid with
            {
                RestoreTesting = new RestoreTestingOptions
                {
                    Frequency = BackupFrequency.Hourly,
                    ValidationWindowHours = 200,
                    SelectionWindowDays = 0,
                    Targets = [new RestoreTestTarget { ResourceType = RestoreTestResourceType.Aurora }],
                },
            }));

    [Fact]
    public void Refuses_a_copy_source_that_is_not_an_account() =>
        Assert.Equal(
            ["CopySourceAccounts[0]: 'me' is not an AWS account id; use its 12 digits."],
            RecoveryVault.Validate(new RecoveryVaultProps { VaultName = "vault", CopySourceAccounts = ["me"] }).Select(p => p.ToString()));
}
