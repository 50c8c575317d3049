using System;
using System.Collections.Generic;
using System.Linq;
using Infra.Components.Backup;
using Infra.Components.Resilience;

namespace Infra.Stacks.Configuration;

/// <summary>Reads the <c>recovery</c> and <c>chaos</c> sections of an environment file (both optional).</summary>
internal static class RecoveryConfigReader
{
    /// <summary>The backup frequencies, as the YAML spells them.</summary>
    internal static readonly IReadOnlyDictionary<string, BackupFrequency> Frequencies = new Dictionary<string, BackupFrequency>(StringComparer.Ordinal)
    {
        ["hourly"] = BackupFrequency.Hourly, ["every2Hours"] = BackupFrequency.Every2Hours, ["every3Hours"] = BackupFrequency.Every3Hours,
        ["every4Hours"] = BackupFrequency.Every4Hours, ["every6Hours"] = BackupFrequency.Every6Hours, ["every8Hours"] = BackupFrequency.Every8Hours,
        ["every12Hours"] = BackupFrequency.Every12Hours, ["daily"] = BackupFrequency.Daily, ["weekly"] = BackupFrequency.Weekly, ["monthly"] = BackupFrequency.Monthly,
    };

    /// <summary>The restore testing frequencies, as the YAML spells them.</summary>
    internal static readonly IReadOnlyDictionary<string, BackupFrequency> TestFrequencies = new Dictionary<string, BackupFrequency>(StringComparer.Ordinal)
    {
        ["daily"] = BackupFrequency.Daily, ["weekly"] = BackupFrequency.Weekly, ["monthly"] = BackupFrequency.Monthly,
    };

    /// <summary>The vault lock modes, as the YAML spells them.</summary>
    internal static readonly IReadOnlyDictionary<string, bool> LockModes = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["governance"] = false, ["compliance"] = true,
    };

    /// <summary>The experiments, as the YAML spells them (and <c>make chaos EXPERIMENT=</c> names them).</summary>
    public static readonly IReadOnlyDictionary<string, ChaosExperiment> Experiments = new Dictionary<string, ChaosExperiment>(StringComparer.Ordinal)
    {
        ["karpenterCapacityLoss"] = ChaosExperiment.KarpenterCapacityLoss,
        ["availabilityZoneLoss"] = ChaosExperiment.AvailabilityZoneLoss,
        ["auroraGlobalSwitchover"] = ChaosExperiment.AuroraGlobalSwitchover,
    };

    /// <summary>How the global database experiment moves the writer, as the YAML spells it.</summary>
    internal static readonly IReadOnlyDictionary<string, GlobalFailoverMode> GlobalModes = new Dictionary<string, GlobalFailoverMode>(StringComparer.Ordinal)
    {
        ["switchover"] = GlobalFailoverMode.Switchover, ["failover"] = GlobalFailoverMode.Failover,
    };

    /// <summary>The file's name of <paramref name="experiment"/> (<c>karpenterCapacityLoss</c>).</summary>
    public static string Name(ChaosExperiment experiment) => Experiments.Single(e => e.Value == experiment).Key;

    public static RecoveryConfig? ReadRecovery(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var config = new RecoveryConfig
        {
            RpoMinutes = r.Int("rpoMinutes") ?? 0,
            RtoMinutes = r.Int("rtoMinutes") ?? 0,
            RestoreEstimateMinutes = r.Int("restoreEstimateMinutes", required: false) ?? RecoveryEstimates.DefaultRestoreMinutes,
            Backup = ReadBackup(r.Map("backup")),
        };
        r.Done();
        return config;
    }

    public static ChaosConfig? ReadChaos(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var outage = r.Map("zoneOutage", required: false);
        var config = new ChaosConfig
        {
            Experiments = r.EnumList("experiments", Experiments) ?? [],
            CapacityLossPercent = r.Int("capacityLossPercent", required: false) ?? 25,
            OutageZone = outage?.String("zone"),
            OutageMinutes = outage?.Int("minutes", required: false) ?? 10,
            GlobalDatabaseMode = r.Enum("globalDatabaseMode", GlobalModes, required: false) ?? GlobalFailoverMode.Switchover,
        };
        outage?.Done();
        r.Done();
        return config;
    }

    private static BackupConfig ReadBackup(YamlMapReader? r)
    {
        var account = r?.Map("backupAccount", required: false);
        var lockMap = r?.Map("vaultLock", required: false);
        var testing = r?.Map("restoreTesting", required: false);
        var config = new BackupConfig
        {
            ContinuousRetentionDays = r?.Int("continuousRetentionDays", required: false),
            Rules = r?.MapList("rules", required: false)?.Select(ReadRule).ToArray() ?? [],
            CopyToSecondaryRegion = r?.Bool("copyToSecondaryRegion", required: false) ?? false,
            BackupAccount = account is null ? null : new BackupAccountConfig
            {
                Account = account.String("account") ?? "",
                VaultName = account.String("vaultName") ?? "",
            },
            VaultLock = ReadLock(lockMap),
            RestoreTesting = testing is null ? null : new RestoreTestingConfig
            {
                Frequency = testing.Enum("frequency", TestFrequencies) ?? BackupFrequency.Weekly,
                ValidationWindowHours = testing.Int("validationWindowHours", required: false) ?? 4,
                SelectionWindowDays = testing.Int("selectionWindowDays", required: false) ?? 7,
            },
        };
        account?.Done();
        testing?.Done();
        r?.Done();
        return config;
    }

    private static VaultLockOptions? ReadLock(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var compliance = r.Enum("mode", LockModes);
        var grace = r.Int("changeableForDays", required: compliance == true);
        if (compliance == false && grace is not null)
        {
            r.Context.Add(r.At("changeableForDays"), "applies to compliance mode only; governance mode can be removed at any time. Remove it, or set mode: compliance.");
        }

        var options = new VaultLockOptions
        {
            MinRetentionDays = r.Int("minRetentionDays") ?? 0,
            MaxRetentionDays = r.Int("maxRetentionDays", required: false),
            ChangeableForDays = compliance == true ? grace ?? 0 : null,
        };
        r.Done();
        return options;
    }

    private static BackupRuleOptions ReadRule(YamlMapReader r)
    {
        var rule = new BackupRuleOptions
        {
            Name = r.String("name") ?? "",
            Frequency = r.Enum("frequency", Frequencies) ?? BackupFrequency.Daily,
            RetentionDays = r.Int("retentionDays") ?? 0,
            ColdStorageAfterDays = r.Int("coldStorageAfterDays", required: false),
        };
        r.Done();
        return rule;
    }
}
