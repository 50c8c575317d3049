using System.Linq;
using Infra.Components.Backup;
using Infra.Components.Kubernetes.Karpenter;

namespace Infra.Stacks.Configuration;

/// <summary>
/// The rules of the <c>recovery</c> and <c>chaos</c> sections that span components, so they belong to the file: whether
/// the backups can keep the stated recovery point and time objectives (the schedule against the RPO, the restore time
/// and the copies against the RTO), what each profile must declare, and the experiments against the environment's shape
/// (regions, zones, node pools). Each message names the setting to change. Rules about one component's value (a
/// retention range, a lock's grace period) are the components' own (<see cref="ComponentRules"/>).
/// </summary>
internal static class RecoveryRules
{
    public static void Validate(EnvironmentConfig config, ConfigContext context)
    {
        ValidateRecovery(config, context);
        ValidateChaos(config, context);
    }

    private static void ValidateRecovery(EnvironmentConfig config, ConfigContext context)
    {
        if (config.Recovery is not { } recovery)
        {
            if (config.Profile != EnvironmentProfile.Development)
            {
                context.Add("recovery", $"is missing; a {EnvironmentConfigLoader.ProfileName(config.Profile)} environment states its recovery point and time objectives and backs up its database, data bucket and volumes (policy INFRA-DATA-4 checks every one is in a backup plan). Add recovery: (docs/configuration.md, recovery).");
            }

            return;
        }

        var backup = recovery.Backup;
        ValidateRecoveryPoint(recovery, context);
        if (recovery.RtoMinutes < recovery.RestoreEstimateMinutes)
        {
            context.Add("recovery.rtoMinutes",
                $"{recovery.RtoMinutes} minutes cannot be met: restoring the database from a recovery point takes about {recovery.RestoreEstimateMinutes} (recovery.restoreEstimateMinutes). Raise rtoMinutes to at least {recovery.RestoreEstimateMinutes}; lower restoreEstimateMinutes only when restore tests measure a faster restore.");
        }

        if (config.SecondaryRegion is { } secondary && !backup.CopyToSecondaryRegion)
        {
            context.Add("recovery.backup.copyToSecondaryRegion",
                $"is false, so after losing {config.PrimaryRegion.Name} the only recovery points would be in that region and the restore would wait for it: no rtoMinutes ({recovery.RtoMinutes}) can be promised. Set copyToSecondaryRegion: true to copy every recovery point to {secondary.Name}.");
        }
        // A missing secondary region is reported already where the profile needs one (with what it is for).
        else if (config.SecondaryRegion is null && backup.CopyToSecondaryRegion && !context.HasProblem("secondaryRegion"))
        {
            context.Add("recovery.backup.copyToSecondaryRegion", "is true but there is no secondaryRegion to copy to; add secondaryRegion or set it to false.");
        }

        if (config.Profile == EnvironmentProfile.Production)
        {
            if (backup.VaultLock is not { IsCompliance: true } && !context.HasProblem("recovery.backup.vaultLock"))
            {
                context.Add(backup.VaultLock is null ? "recovery.backup.vaultLock" : "recovery.backup.vaultLock.mode",
                    "production's recovery points must survive a compromised account: lock the vaults in compliance mode (vaultLock: mode: compliance, changeableForDays: 3 or more). Read docs/configuration.md first: after the grace period the lock cannot be undone.");
            }

            if (backup.RestoreTesting is null)
            {
                context.Add("recovery.backup.restoreTesting", "is missing; production tests that its recovery points restore, so a backup nobody can restore is noticed before it is needed. Add restoreTesting: (frequency: weekly).");
            }
        }
    }

    // The database and the data bucket support continuous backup; its recovery points are minutes old, a snapshot's as
    // old as the rule's interval. The objective is of the data: the platform's volumes follow the snapshot rules.
    private static void ValidateRecoveryPoint(RecoveryConfig recovery, ConfigContext context)
    {
        var backup = recovery.Backup;
        var fastest = backup.Rules.Select((rule, i) => (Rule: rule, Index: i)).OrderBy(r => r.Rule.Frequency.IntervalMinutes()).FirstOrDefault();
        var achievable = backup.ContinuousRetentionDays is not null
            ? RecoveryEstimates.ContinuousBackupRpoMinutes
            : fastest.Rule?.Frequency.IntervalMinutes();
        if (achievable is null || recovery.RpoMinutes >= achievable)
        {
            return;
        }

        if (backup.ContinuousRetentionDays is not null)
        {
            context.Add("recovery.rpoMinutes",
                $"{recovery.RpoMinutes} minutes cannot be met by any backup: continuous backup restores to within {RecoveryEstimates.ContinuousBackupRpoMinutes} minutes. Raise rpoMinutes to at least {RecoveryEstimates.ContinuousBackupRpoMinutes}.");
            return;
        }

        var name = RecoveryConfigReader.Frequencies.Single(f => f.Value == fastest.Rule!.Frequency).Key;
        context.Add("recovery.rpoMinutes",
            $"{recovery.RpoMinutes} minutes cannot be met: the most frequent recovery point is every {achievable} minutes (recovery.backup.rules[{fastest.Index}].frequency: {name}). Turn on continuous backup (recovery.backup.continuousRetentionDays, within {RecoveryEstimates.ContinuousBackupRpoMinutes} minutes), add a rule at least every {recovery.RpoMinutes} minutes, or raise rpoMinutes to {achievable}.");
    }

    private static void ValidateChaos(EnvironmentConfig config, ConfigContext context)
    {
        if (config.Chaos is not { } chaos)
        {
            return;
        }

        for (var i = 0; i < chaos.Experiments.Count; i++)
        {
            var at = $"chaos.experiments[{i}]";
            switch (chaos.Experiments[i])
            {
                case ChaosExperiment.AuroraGlobalSwitchover when config.SecondaryRegion is null && !context.HasProblem("secondaryRegion"):
                    context.Add(at, "auroraGlobalSwitchover needs a global database, which needs a secondaryRegion; add secondaryRegion or remove the experiment.");
                    break;
                case ChaosExperiment.KarpenterCapacityLoss when !config.Kubernetes.Karpenter.NodePools.Any(p => p.CapacityTypes.Contains(CapacityType.Spot)):
                    context.Add(at, "karpenterCapacityLoss interrupts Spot nodes, and no node pool allows spot; add spot to a pool's capacityTypes or remove the experiment.");
                    break;
                case ChaosExperiment.AvailabilityZoneLoss when chaos.OutageZone is null:
                    context.Add("chaos.zoneOutage", "is missing; availabilityZoneLoss needs the zone to take away (zoneOutage: zone: <one of primaryRegion.availabilityZones>).");
                    break;
            }

            if (chaos.Experiments.Take(i).Contains(chaos.Experiments[i]))
            {
                context.Add(at, $"{RecoveryConfigReader.Name(chaos.Experiments[i])} is listed twice; list each experiment once.");
            }
        }

        if (chaos.OutageZone is { } zone && !config.PrimaryRegion.AvailabilityZones.Contains(zone))
        {
            context.Add("chaos.zoneOutage.zone", $"'{zone}' is not a zone of this environment; use one of {string.Join(", ", config.PrimaryRegion.AvailabilityZones)} (primaryRegion.availabilityZones).");
        }
    }
}
