using System.Collections.Generic;
using System.Linq;
using Amazon.CDK.AWS.CloudWatch;
using Infra.Components.Backup;
using Infra.Components.Resilience;
using Infra.Stacks.Stages;

namespace Infra.Stacks.Configuration;

/// <summary>The components of the <c>recovery</c> and <c>chaos</c> sections, judged by their own rules, at the file's keys.</summary>
internal static partial class ComponentRules
{
    // Stand-ins for what only exists at synth: the data bucket's ARN (another stack's token) and the automation role.
    private const string DataBucketArn = "arn:aws:s3:::data-bucket";

    private static readonly Dictionary<string, string> LockKeys = new()
    {
        ["Vault.Lock"] = "recovery.backup.vaultLock",
        ["Vault.Lock.MinRetentionDays"] = "recovery.backup.vaultLock.minRetentionDays",
        ["Vault.Lock.MaxRetentionDays"] = "recovery.backup.vaultLock.maxRetentionDays",
        ["Vault.Lock.ChangeableForDays"] = "recovery.backup.vaultLock.changeableForDays",
    };

    private static readonly PropertyKeys Backup = new("recovery.backup", new Dictionary<string, string>(LockKeys)
    {
        [nameof(BackupProtectionProps.Rules)] = "recovery.backup.rules",
        ["Rules[]"] = "recovery.backup.rules[]",
        ["Rules[].Name"] = "recovery.backup.rules[].name",
        ["Rules[].Frequency"] = "recovery.backup.rules[].frequency",
        ["Rules[].RetentionDays"] = "recovery.backup.rules[].retentionDays",
        ["Rules[].ColdStorageAfterDays"] = "recovery.backup.rules[].coldStorageAfterDays",
        [nameof(BackupProtectionProps.ContinuousBackupRetentionDays)] = "recovery.backup.continuousRetentionDays",
        // The secondary region's vault comes first; the backup account's is last.
        ["CopyTo[]"] = "recovery.backup.backupAccount",
        ["CopyTo[].Account"] = "recovery.backup.backupAccount.account",
        ["CopyTo[].Name"] = "recovery.backup.backupAccount.vaultName",
        [nameof(BackupProtectionProps.PlanName)] = "(file name)",
        ["Vault.VaultName"] = "(file name)",
        [nameof(BackupProtectionProps.RestoreTesting)] = "recovery.backup.restoreTesting",
        ["RestoreTesting.Frequency"] = "recovery.backup.restoreTesting.frequency",
        ["RestoreTesting.ValidationWindowHours"] = "recovery.backup.restoreTesting.validationWindowHours",
        ["RestoreTesting.SelectionWindowDays"] = "recovery.backup.restoreTesting.selectionWindowDays",
    });

    private static readonly PropertyKeys CopyVault = new("recovery.backup", new Dictionary<string, string>
    {
        ["Lock"] = "recovery.backup.vaultLock",
        ["Lock.MinRetentionDays"] = "recovery.backup.vaultLock.minRetentionDays",
        ["Lock.MaxRetentionDays"] = "recovery.backup.vaultLock.maxRetentionDays",
        ["Lock.ChangeableForDays"] = "recovery.backup.vaultLock.changeableForDays",
        [nameof(RecoveryVaultProps.VaultName)] = "(file name)",
    });

    private static PropertyKeys ExperimentKeys(string section) => new(section, new Dictionary<string, string>
    {
        [nameof(FaultInjectionExperimentProps.ExperimentName)] = "(file name)",
        ["Actions[].SpotInstances.Selection"] = "chaos.capacityLossPercent",
        ["Actions[].Instances.Selection"] = "chaos.capacityLossPercent",
        ["Actions[].DurationMinutes"] = "chaos.zoneOutage.minutes",
        ["Actions[].Subnets"] = "chaos.zoneOutage.zone",
        [nameof(FaultInjectionExperimentProps.Hypothesis)] = "chaos",
    });

    private static void CheckRecovery(EnvironmentConfig config, ConfigContext context)
    {
        if (config.Recovery is not null)
        {
            Backup.Report(BackupProtection.Validate(BackupStack.ProtectionProps(config, DataBucketArn, null, null)), context);
            if (config.SecondaryRegion is { } secondary && config.Recovery.Backup.CopyToSecondaryRegion)
            {
                CopyVault.Report(RecoveryVault.Validate(BackupStack.VaultProps(config, secondary)), context);
            }
        }

        foreach (var region in config.Regions)
        {
            foreach (var experiment in ResilienceStack.ExperimentsIn(config, region))
            {
                var at = $"chaos.experiments[{config.Chaos!.Experiments.ToList().IndexOf(experiment)}]";
                StartAutomationAction? switchover = null;
                if (experiment == ChaosExperiment.AuroraGlobalSwitchover)
                {
                    ExperimentKeys(at).Report(AuroraGlobalFailover.Validate(ResilienceStack.FailoverProps(config)), context);
                    switchover = new StartAutomationAction
                    {
                        Name = "move-writer", DocumentName = "document", AutomationRole = null!, DocumentParameters = "{}",
                        MaxDurationMinutes = ResilienceStack.SwitchoverMaxMinutes,
                    };
                }

                var props = ResilienceStack.ExperimentProps(config, region, experiment, [(IAlarm)null!], switchover, null);
                ExperimentKeys(at).Report(FaultInjectionExperiment.Validate(props), context);
            }
        }
    }
}
