using Infra.Components.Backup;
using Infra.Components.Resilience;
using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>The recovery and chaos sections: what they load to, and every message about a promise the backups cannot keep.</summary>
public sealed class RecoveryConfigTests
{
    [Fact]
    public void Loads_the_objectives_and_the_backups()
    {
        var recovery = EnvironmentConfigLoader.Load(Prod, "prod.yaml").Recovery!;
        Assert.Equal((15, 240, RecoveryEstimates.DefaultRestoreMinutes), (recovery.RpoMinutes, recovery.RtoMinutes, recovery.RestoreEstimateMinutes));
        Assert.Equal(35, recovery.Backup.ContinuousRetentionDays);
        Assert.Equal([new BackupRuleOptions { Name = "daily", Frequency = BackupFrequency.Daily, RetentionDays = 35 }], recovery.Backup.Rules);
        Assert.Equal(new VaultLockOptions { MinRetentionDays = 7, MaxRetentionDays = 400, ChangeableForDays = 3 }, recovery.Backup.VaultLock);
        Assert.Equal(new RestoreTestingConfig { Frequency = BackupFrequency.Weekly }, recovery.Backup.RestoreTesting);
        Assert.True(recovery.Backup.CopyToSecondaryRegion);
    }

    [Fact]
    public void Loads_the_experiments_with_their_defaults()
    {
        var chaos = EnvironmentConfigLoader.Load(Prod, "prod.yaml").Chaos!;
        Assert.Equal([ChaosExperiment.KarpenterCapacityLoss, ChaosExperiment.AvailabilityZoneLoss, ChaosExperiment.AuroraGlobalSwitchover], chaos.Experiments);
        Assert.Equal((25, "us-east-1b", 10, GlobalFailoverMode.Switchover), (chaos.CapacityLossPercent, chaos.OutageZone, chaos.OutageMinutes, chaos.GlobalDatabaseMode));
    }

    [Fact]
    public void Dev_may_declare_neither_backups_nor_experiments()
    {
        var dev = EnvironmentConfigLoader.Load(Dev, "dev.yaml");
        Assert.Null(dev.Recovery);
        Assert.Null(dev.Chaos);
    }

    [Fact]
    public void Preproduction_must_state_its_objectives() =>
        Assert.Equal(
            "staging.yaml: recovery: is missing; a preproduction environment states its recovery point and time objectives and backs up its database, data bucket and volumes (policy INFRA-DATA-4 checks every one is in a backup plan). Add recovery: (docs/configuration.md, recovery).",
            Assert.Single(Problems(RemoveBlock(Staging, "recovery:"), "staging.yaml")));

    [Fact]
    public void Rejects_a_recovery_point_objective_shorter_than_the_most_frequent_snapshot_and_says_what_to_change() =>
        Assert.Equal(
            "prod.yaml:93: recovery.rpoMinutes: 15 minutes cannot be met: the most frequent recovery point is every 1440 minutes (recovery.backup.rules[0].frequency: daily). Turn on continuous backup (recovery.backup.continuousRetentionDays, within 5 minutes), add a rule at least every 15 minutes, or raise rpoMinutes to 1440.",
            Assert.Single(Problems(Replace(Prod, "    continuousRetentionDays: 35", ""), "prod.yaml")));

    [Fact]
    public void Accepts_a_recovery_point_objective_an_hourly_rule_meets() =>
        Assert.Equal(60, EnvironmentConfigLoader.Load(Replace(Replace(Replace(Prod, "    continuousRetentionDays: 35", ""), "  rpoMinutes: 15", "  rpoMinutes: 60"),
            "        frequency: daily", "        frequency: hourly"), "prod.yaml").Recovery!.RpoMinutes);

    [Fact]
    public void Rejects_a_recovery_point_objective_no_backup_can_meet() =>
        Assert.Equal(
            "prod.yaml:93: recovery.rpoMinutes: 2 minutes cannot be met by any backup: continuous backup restores to within 5 minutes. Raise rpoMinutes to at least 5.",
            Assert.Single(Problems(Replace(Prod, "  rpoMinutes: 15", "  rpoMinutes: 2"), "prod.yaml")));

    [Fact]
    public void Rejects_a_recovery_time_objective_shorter_than_a_restore() =>
        Assert.Equal(
            "prod.yaml:94: recovery.rtoMinutes: 30 minutes cannot be met: restoring the database from a recovery point takes about 60 (recovery.restoreEstimateMinutes). Raise rtoMinutes to at least 60; lower restoreEstimateMinutes only when restore tests measure a faster restore.",
            Assert.Single(Problems(Replace(Prod, "  rtoMinutes: 240", "  rtoMinutes: 30"), "prod.yaml")));

    [Fact]
    public void Rejects_recovery_points_kept_only_in_the_region_whose_loss_the_objectives_cover() =>
        Assert.Equal(
            "staging.yaml:101: recovery.backup.copyToSecondaryRegion: is false, so after losing us-east-1 the only recovery points would be in that region and the restore would wait for it: no rtoMinutes (240) can be promised. Set copyToSecondaryRegion: true to copy every recovery point to us-west-2.",
            Assert.Single(Problems(Replace(Staging, "    copyToSecondaryRegion: true", "    copyToSecondaryRegion: false"), "staging.yaml")));

    [Fact]
    public void Production_locks_its_vaults_in_compliance_mode()
    {
        Assert.Equal(
            "prod.yaml:95: recovery.backup.vaultLock: production's recovery points must survive a compromised account: lock the vaults in compliance mode (vaultLock: mode: compliance, changeableForDays: 3 or more). Read docs/configuration.md first: after the grace period the lock cannot be undone.",
            Assert.Single(Problems(RemoveBlock(Prod, "    vaultLock:"), "prod.yaml")));
        Assert.Equal(
            "prod.yaml:103: recovery.backup.vaultLock.mode: production's recovery points must survive a compromised account: lock the vaults in compliance mode (vaultLock: mode: compliance, changeableForDays: 3 or more). Read docs/configuration.md first: after the grace period the lock cannot be undone.",
            Assert.Single(Problems(Replace(Replace(Prod, "      mode: compliance", "      mode: governance"), "      changeableForDays: 3", ""), "prod.yaml")));
    }

    [Fact]
    public void Rejects_every_retention_the_vault_lock_would_refuse() =>
        Assert.Equal(
            [
                "prod.yaml:96: recovery.backup.continuousRetentionDays: 35 days is longer than the vault lock's maximum retention (30 days): AWS Backup would fail every job of it. Shorten the retention or raise the lock's maximum.",
                "prod.yaml:100: recovery.backup.rules[0].retentionDays: 35 days is longer than the vault lock's maximum retention (30 days): AWS Backup would fail every job of it. Shorten the retention or raise the lock's maximum.",
            ],
            Problems(Replace(Prod, "      maxRetentionDays: 400", "      maxRetentionDays: 30"), "prod.yaml"));

    [Fact]
    public void Production_tests_its_restores() =>
        Assert.Equal(
            "prod.yaml:95: recovery.backup.restoreTesting: is missing; production tests that its recovery points restore, so a backup nobody can restore is noticed before it is needed. Add restoreTesting: (frequency: weekly).",
            Assert.Single(Problems(RemoveBlock(Prod, "    restoreTesting:"), "prod.yaml")));

    [Fact]
    public void Staging_may_keep_unlocked_untested_backups() =>
        Assert.Null(EnvironmentConfigLoader.Load(RemoveBlock(RemoveBlock(Staging, "    vaultLock:"), "    restoreTesting:"), "staging.yaml").Recovery!.Backup.VaultLock);

    [Theory]
    [InlineData("      changeableForDays: 3", "      changeableForDays: 2",
        "prod.yaml:104: recovery.backup.vaultLock.changeableForDays: 2 is shorter than the 3 days (72 hours) AWS Backup requires before a compliance lock becomes permanent.")]
    [InlineData("        retentionDays: 35", "        retentionDays: 35\n        coldStorageAfterDays: 10",
        "prod.yaml:101: recovery.backup.rules[0].coldStorageAfterDays: 10 leaves 25 days in cold storage; it must be at least 1 and at most the retention (35) minus 90, cold storage's minimum.")]
    [InlineData("    continuousRetentionDays: 35", "    continuousRetentionDays: 36",
        "prod.yaml:96: recovery.backup.continuousRetentionDays: 36 is outside the 1 to 35 days continuous backup can reach back.")]
    [InlineData("    copyToSecondaryRegion: true", "    copyToSecondaryRegion: true\n    backupAccount: { account: \"4444\", vaultName: infra-prod-backup }",
        "prod.yaml:102: recovery.backup.backupAccount.account: '4444' is not an AWS account id; use its 12 digits.")]
    [InlineData("      frequency: weekly", "      frequency: weekly\n      validationWindowHours: 200",
        "prod.yaml:109: recovery.backup.restoreTesting.validationWindowHours: 200 must be 1 to 168 hours.")]
    public void Reports_the_components_rules_at_the_key_that_set_the_value(string line, string replacement, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(Replace(Prod, line, replacement), "prod.yaml")));

    [Theory]
    [InlineData("      mode: compliance", "      mode: permanent",
        "prod.yaml:103: recovery.backup.vaultLock.mode: 'permanent' is not allowed; use one of: governance, compliance.")]
    [InlineData("      mode: compliance", "      mode: governance",
        "prod.yaml:104: recovery.backup.vaultLock.changeableForDays: applies to compliance mode only; governance mode can be removed at any time. Remove it, or set mode: compliance.")]
    [InlineData("        frequency: daily", "        frequency: fortnightly",
        "prod.yaml:99: recovery.backup.rules[0].frequency: 'fortnightly' is not allowed; use one of: hourly, every2Hours, every3Hours, every4Hours, every6Hours, every8Hours, every12Hours, daily, weekly, monthly.")]
    [InlineData("  rtoMinutes: 240", "  rtoMinutes: 240\n  rtoHours: 4",
        "prod.yaml:95: recovery.rtoHours: is not a known key; allowed keys here: backup, restoreEstimateMinutes, rpoMinutes, rtoMinutes.")]
    public void Reads_the_sections_strictly(string line, string replacement, string expected) =>
        Assert.Contains(expected, Problems(Replace(Prod, line, replacement), "prod.yaml"));

    [Theory]
    [InlineData("    zone: us-east-1b", "    zone: us-west-2a",
        "prod.yaml:112: chaos.zoneOutage.zone: 'us-west-2a' is not a zone of this environment; use one of us-east-1a, us-east-1b, us-east-1c (primaryRegion.availabilityZones).")]
    [InlineData("  experiments: [karpenterCapacityLoss, availabilityZoneLoss, auroraGlobalSwitchover]", "  experiments: [karpenterCapacityLoss, karpenterCapacityLoss]",
        "prod.yaml:110: chaos.experiments[1]: karpenterCapacityLoss is listed twice; list each experiment once.")]
    [InlineData("  experiments: [karpenterCapacityLoss, availabilityZoneLoss, auroraGlobalSwitchover]", "  experiments: [regionLoss]",
        "prod.yaml:110: chaos.experiments[0]: 'regionLoss' is not allowed; use one of: karpenterCapacityLoss, availabilityZoneLoss, auroraGlobalSwitchover.")]
    [InlineData("  zoneOutage:", "  capacityLossPercent: 0\n  zoneOutage:",
        "prod.yaml:111: chaos.capacityLossPercent: PERCENT(0) must select at least one resource (COUNT from 1, PERCENT 1 to 100).")]
    [InlineData("  zoneOutage:", "  zoneOutage:\n    minutes: 0",
        "prod.yaml:112: chaos.zoneOutage.minutes: 0 must be 1 to 720 minutes.")]
    public void Rejects_an_experiment_the_environment_cannot_run(string line, string replacement, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(Replace(Prod, line, replacement), "prod.yaml")));

    [Fact]
    public void Rejects_a_zone_experiment_without_a_zone_and_a_switchover_without_a_secondary_region() =>
        Assert.Equal(
            [
                "dev.yaml:83: chaos.zoneOutage: is missing; availabilityZoneLoss needs the zone to take away (zoneOutage: zone: <one of primaryRegion.availabilityZones>).",
                "dev.yaml:84: chaos.experiments[1]: auroraGlobalSwitchover needs a global database, which needs a secondaryRegion; add secondaryRegion or remove the experiment.",
            ],
            Problems(Dev + "\nchaos:\n  experiments: [availabilityZoneLoss, auroraGlobalSwitchover]\n", "dev.yaml"));
}
