using System.Collections.Generic;
using Infra.Components.Backup;
using Infra.Components.Resilience;

namespace Infra.Stacks.Configuration;

/// <summary>
/// What the environment promises when data is lost (a bad migration, a deleted table or prefix, a compromised account)
/// and how its backups keep the promise: the file's <c>recovery</c> section. Absent, the environment has no backups.
/// </summary>
public sealed record RecoveryConfig
{
    /// <summary>Recovery point objective: the most writes, in minutes, a restore from backup may lose.</summary>
    public required int RpoMinutes { get; init; }

    /// <summary>Recovery time objective: the longest, in minutes, from deciding to restore to the data being back.</summary>
    public required int RtoMinutes { get; init; }

    /// <summary>
    /// How long a restore of the database from a recovery point takes, in minutes: a planning figure until restore tests
    /// measure it (AWS Backup reports each restore job's duration), then their measure.
    /// </summary>
    public int RestoreEstimateMinutes { get; init; } = RecoveryEstimates.DefaultRestoreMinutes;

    /// <summary>The backups.</summary>
    public required BackupConfig Backup { get; init; }
}

/// <summary>The AWS Backup plan of an environment (<c>recovery.backup</c>).</summary>
public sealed record BackupConfig
{
    /// <summary>Continuous backup (point-in-time recovery of the database and the data bucket), days it reaches back; <c>null</c> is off.</summary>
    public int? ContinuousRetentionDays { get; init; }

    /// <summary>The snapshot rules.</summary>
    public IReadOnlyList<BackupRuleOptions> Rules { get; init; } = [];

    /// <summary>Copy every snapshot recovery point to a vault in the secondary region.</summary>
    public bool CopyToSecondaryRegion { get; init; }

    /// <summary>A vault in a separate backup account that every snapshot recovery point is also copied to; <c>null</c> for none.</summary>
    public BackupAccountConfig? BackupAccount { get; init; }

    /// <summary>Vault Lock of the environment's vaults; <c>null</c> for none.</summary>
    public VaultLockOptions? VaultLock { get; init; }

    /// <summary>Restore tests; <c>null</c> for none.</summary>
    public RestoreTestingConfig? RestoreTesting { get; init; }
}

/// <summary>A vault in another account that recovery points are copied to (<c>recovery.backup.backupAccount</c>).</summary>
public sealed record BackupAccountConfig
{
    /// <summary>The backup account's 12-digit id.</summary>
    public required string Account { get; init; }

    /// <summary>The vault's name in that account (in the primary region).</summary>
    public required string VaultName { get; init; }
}

/// <summary>Restore tests of the environment's recovery points (<c>recovery.backup.restoreTesting</c>).</summary>
public sealed record RestoreTestingConfig
{
    /// <summary>How often (daily, weekly, monthly).</summary>
    public required BackupFrequency Frequency { get; init; }

    /// <summary>Hours the restored copies are kept for validation.</summary>
    public int ValidationWindowHours { get; init; } = 4;

    /// <summary>Only recovery points of the last this many days are tested.</summary>
    public int SelectionWindowDays { get; init; } = 7;
}

/// <summary>The fault injection experiments an environment holds (the file's <c>chaos</c> section). Absent, none.</summary>
public sealed record ChaosConfig
{
    /// <summary>Which experiments.</summary>
    public required IReadOnlyList<ChaosExperiment> Experiments { get; init; }

    /// <summary>The share (percent) of the workload nodes that get a Spot interruption notice, then of those left that are terminated.</summary>
    public int CapacityLossPercent { get; init; } = 25;

    /// <summary>The zone the availability-zone experiment takes away.</summary>
    public string? OutageZone { get; init; }

    /// <summary>Minutes the zone's subnets stay cut off.</summary>
    public int OutageMinutes { get; init; } = 10;

    /// <summary>How the global database experiment moves the writer.</summary>
    public GlobalFailoverMode GlobalDatabaseMode { get; init; } = GlobalFailoverMode.Switchover;
}

/// <summary>The experiments an environment may hold.</summary>
public enum ChaosExperiment
{
    /// <summary><c>karpenterCapacityLoss</c>: Spot interruption notices to a share of the workload nodes, then terminations.</summary>
    KarpenterCapacityLoss,

    /// <summary><c>availabilityZoneLoss</c>: one zone's subnets cut off and the database failed over out of it.</summary>
    AvailabilityZoneLoss,

    /// <summary><c>auroraGlobalSwitchover</c>: the global database's writer moved to the other region (staging, prod).</summary>
    AuroraGlobalSwitchover,
}

/// <summary>The planning figures the recovery objectives are judged with, in one place (docs/configuration.md explains each).</summary>
public static class RecoveryEstimates
{
    /// <summary>
    /// How far back from now continuous backup can restore, in minutes: Aurora's latest restorable time trails by up to
    /// about 5 minutes (S3's point-in-time restore is finer); no backup promises less.
    /// </summary>
    public const int ContinuousBackupRpoMinutes = 5;

    /// <summary>
    /// The restore estimate when the file gives none: an Aurora restore creates a new cluster and writer instance (tens of
    /// minutes, more for large volumes), then applications are pointed at it. Replace it with the restore tests' measure.
    /// </summary>
    public const int DefaultRestoreMinutes = 60;
}
