using System.Collections.Generic;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;

namespace Infra.Components.Backup;

/// <summary>Properties of a <see cref="BackupProtection"/>.</summary>
public sealed record BackupProtectionProps
{
    /// <summary>The backup plan's name (letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, up to 50); the restore testing plan is named after it.</summary>
    public required string PlanName { get; init; }

    /// <summary>The vault the plan writes to, created with the plan (key, access policy, optional lock).</summary>
    public required RecoveryVaultProps Vault { get; init; }

    /// <summary>The snapshot rules: how often, and how long their recovery points and copies are kept.</summary>
    /// <value>Omitted: no snapshots (then <see cref="ContinuousBackupRetentionDays"/> must be set).</value>
    public IReadOnlyList<BackupRuleOptions> Rules { get; init; } = [];

    /// <summary>
    /// Continuous backup (point-in-time recovery to any second of the window, for Aurora and S3; other types ignore
    /// it): the days it reaches back, 1 to 35. Its recovery points are not copied: copies are of snapshots.
    /// </summary>
    /// <value>Omitted: no continuous backup.</value>
    public int? ContinuousBackupRetentionDays { get; init; }

    /// <summary>Vaults (another region's, a backup account's) every snapshot recovery point is copied to, with the rule's retention.</summary>
    /// <value>Omitted: no copies.</value>
    public IReadOnlyList<BackupVaultReference> CopyTo { get; init; } = [];

    /// <summary>What the plan protects; every rule applies to every selection.</summary>
    public required IReadOnlyList<BackupResourceSelection> Selections { get; init; }

    /// <summary>Restore tests of the vault's recovery points.</summary>
    /// <value>Omitted: no restore testing.</value>
    public RestoreTestingOptions? RestoreTesting { get; init; }

    /// <summary>The hour (UTC) the daily, weekly and monthly rules and the restore tests start; sub-daily rules run at this hour and every interval after it.</summary>
    /// <value>5 (05:00 UTC).</value>
    public int StartHourUtc { get; init; } = BackupProtectionDefaults.StartHourUtc;

    /// <summary>
    /// Where failed backup, copy and restore jobs (restore tests included) are reported, through EventBridge. The topic's
    /// policy gains a statement admitting EventBridge rules of this account only.
    /// </summary>
    /// <value>Omitted: failures show in the AWS Backup console and its metrics only.</value>
    public ITopic? AlertTopic { get; init; }

    /// <summary>The customer-managed key <see cref="AlertTopic"/> is encrypted with: its policy gains a statement letting EventBridge encrypt messages for this account.</summary>
    /// <value>Omitted: the topic is not encrypted with a customer-managed key.</value>
    public IKey? AlertTopicKey { get; init; }
}

/// <summary>The defaults of <see cref="BackupProtectionProps"/>, in one place.</summary>
public static class BackupProtectionDefaults
{
    /// <summary>The hour (UTC) schedules start.</summary>
    public const int StartHourUtc = 5;

    /// <summary>The name of the continuous-backup rule (reserved: a snapshot rule cannot use it).</summary>
    public const string ContinuousRuleName = "continuous";

    /// <summary>How long a scheduled job may wait to start before it is cancelled, in minutes (AWS Backup's minimum).</summary>
    public const int StartWindowMinutes = 60;
}
