using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Infra.Components.Backup;

/// <summary>How often a backup rule (or a restore test) runs. Every schedule is in UTC and starts at a fixed hour.</summary>
public enum BackupFrequency
{
    /// <summary>Every hour, on the hour.</summary>
    Hourly,

    /// <summary>Every 2 hours.</summary>
    Every2Hours,

    /// <summary>Every 3 hours.</summary>
    Every3Hours,

    /// <summary>Every 4 hours.</summary>
    Every4Hours,

    /// <summary>Every 6 hours.</summary>
    Every6Hours,

    /// <summary>Every 8 hours.</summary>
    Every8Hours,

    /// <summary>Every 12 hours.</summary>
    Every12Hours,

    /// <summary>Once a day.</summary>
    Daily,

    /// <summary>Once a week, on Sunday.</summary>
    Weekly,

    /// <summary>Once a month, on the first day.</summary>
    Monthly,
}

/// <summary>What a <see cref="BackupFrequency"/> means: its interval and its schedule expression.</summary>
public static class BackupFrequencies
{
    /// <summary>The longest time between two runs, in minutes (a month counts as 31 days): the recovery point objective a snapshot rule can meet.</summary>
    public static int IntervalMinutes(this BackupFrequency frequency) => frequency switch
    {
        BackupFrequency.Hourly => 60,
        BackupFrequency.Every2Hours => 120,
        BackupFrequency.Every3Hours => 180,
        BackupFrequency.Every4Hours => 240,
        BackupFrequency.Every6Hours => 360,
        BackupFrequency.Every8Hours => 480,
        BackupFrequency.Every12Hours => 720,
        BackupFrequency.Daily => 1440,
        BackupFrequency.Weekly => 7 * 1440,
        BackupFrequency.Monthly => 31 * 1440,
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
    };

    /// <summary>
    /// The AWS Backup schedule (an EventBridge cron in UTC) of <paramref name="frequency"/>, starting at
    /// <paramref name="startHourUtc"/>: sub-daily frequencies run at that hour and every interval after it.
    /// </summary>
    public static string Cron(this BackupFrequency frequency, int startHourUtc)
    {
        var hours = frequency.IntervalMinutes() / 60;
        return frequency switch
        {
            BackupFrequency.Hourly => "cron(0 * * * ? *)",
            < BackupFrequency.Daily => $"cron(0 {startHourUtc % hours}/{hours} * * ? *)",
            BackupFrequency.Daily => $"cron(0 {startHourUtc} * * ? *)",
            BackupFrequency.Weekly => $"cron(0 {startHourUtc} ? * SUN *)",
            BackupFrequency.Monthly => $"cron(0 {startHourUtc} 1 * ? *)",
            _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
        };
    }
}

/// <summary>One snapshot rule of a backup plan: how often, and how long its recovery points (and their copies) are kept.</summary>
public sealed record BackupRuleOptions
{
    /// <summary>The rule's name (letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, up to 50).</summary>
    public required string Name { get; init; }

    /// <summary>How often a recovery point is taken.</summary>
    public required BackupFrequency Frequency { get; init; }

    /// <summary>Days each recovery point (and each copy) is kept, 1 to 36,500.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>
    /// Days after which recovery points move to cold storage (about a fifth of the warm price, with a 90-day minimum).
    /// AWS Backup applies it only to resource types that support cold storage (EBS here); Aurora and S3 recovery points
    /// stay warm whatever it says. The retention must then be at least this plus 90.
    /// </summary>
    /// <value>Omitted: recovery points stay warm.</value>
    public int? ColdStorageAfterDays { get; init; }
}

/// <summary>
/// Vault Lock: the retention every new recovery point in the vault must have. With <see cref="ChangeableForDays"/> it
/// is compliance mode: after that many days nobody (the root user and AWS included) can change or remove the lock, or
/// delete a recovery point before its retention ends. Without it, governance mode: whoever may call
/// <c>backup:DeleteBackupVaultLockConfiguration</c> can remove it.
/// </summary>
public sealed record VaultLockOptions
{
    /// <summary>The shortest retention a new recovery point may have, in days (at least 1).</summary>
    public required int MinRetentionDays { get; init; }

    /// <summary>The longest retention a new recovery point may have, in days (at most 36,500).</summary>
    /// <value>Omitted: no maximum.</value>
    public int? MaxRetentionDays { get; init; }

    /// <summary>
    /// Compliance mode's grace period: the days (at least 3) during which the lock can still be changed or removed.
    /// After them it is permanent.
    /// </summary>
    /// <value>Omitted: governance mode, removable at any time by a principal allowed to.</value>
    public int? ChangeableForDays { get; init; }

    /// <summary>Whether the lock becomes permanent after its grace period.</summary>
    public bool IsCompliance => ChangeableForDays is not null;
}

/// <summary>A backup vault outside this stack, named by its account, region and name (copy destinations).</summary>
/// <param name="Account">The vault's 12-digit account.</param>
/// <param name="Region">The vault's region.</param>
/// <param name="Name">The vault's name.</param>
public sealed partial record BackupVaultReference(string Account, string Region, string Name)
{
    /// <summary>The vault's ARN (<c>arn:aws:backup:&lt;region&gt;:&lt;account&gt;:backup-vault:&lt;name&gt;</c>).</summary>
    public string Arn(string partition = "aws") => $"arn:{partition}:backup:{Region}:{Account}:backup-vault:{Name}";

    /// <summary>The problems with the reference, at <paramref name="property"/>.</summary>
    internal IEnumerable<PropertyProblem> Problems(string property)
    {
        if (!AccountPattern().IsMatch(Account))
        {
            yield return new PropertyProblem($"{property}.Account", $"'{Account}' is not an AWS account id; use its 12 digits.");
        }

        if (!RegionPattern().IsMatch(Region))
        {
            yield return new PropertyProblem($"{property}.Region", $"'{Region}' is not a region name such as us-west-2.");
        }

        if (!RecoveryVault.NamePattern().IsMatch(Name))
        {
            yield return new PropertyProblem($"{property}.Name", $"'{Name}' is not a backup vault name: 2 to 50 letters, digits, hyphens and underscores.");
        }
    }

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d$")]
    private static partial Regex RegionPattern();
}

/// <summary>What a backup selection (and a restore test) protects: resources by ARN, and resources carrying every tag given.</summary>
public sealed record BackupResourceSelection
{
    /// <summary>The selection's name (letters, digits, <c>-</c>, <c>_</c> and <c>.</c>, up to 50). Renaming replaces it.</summary>
    public required string Name { get; init; }

    /// <summary>Resources by ARN (Aurora clusters, buckets, ...); wildcards allowed.</summary>
    /// <value>Omitted: none by ARN.</value>
    public IReadOnlyList<string> ResourceArns { get; init; } = [];

    /// <summary>Resources that carry this tag (a selection by tag, for resources created outside CloudFormation such as the volumes of a cluster).</summary>
    /// <value>Omitted: none by tag.</value>
    public KeyValuePair<string, string>? Tag { get; init; }
}

/// <summary>The resource types a restore test restores (AWS Backup's <c>ProtectedResourceType</c>).</summary>
public enum RestoreTestResourceType
{
    /// <summary>An Aurora cluster (restored as a cluster with no instances).</summary>
    Aurora,

    /// <summary>An S3 bucket (restored into a new bucket).</summary>
    S3,

    /// <summary>An EBS volume.</summary>
    Ebs,
}

/// <summary>One kind of resource a restore testing plan restores, by ARN or by tag.</summary>
public sealed record RestoreTestTarget
{
    /// <summary>What is restored.</summary>
    public required RestoreTestResourceType ResourceType { get; init; }

    /// <summary>The protected resources by ARN (up to 30).</summary>
    /// <value>Omitted: selected by <see cref="Tag"/>.</value>
    public IReadOnlyList<string> ResourceArns { get; init; } = [];

    /// <summary>The protected resources carrying this tag.</summary>
    /// <value>Omitted: selected by <see cref="ResourceArns"/>.</value>
    public KeyValuePair<string, string>? Tag { get; init; }
}

/// <summary>
/// AWS Backup restore testing: on a schedule, a recent recovery point of each target is restored, kept for the
/// validation window, then deleted. A restore that fails reaches the alert topic, so a backup nobody can restore is
/// noticed before it is needed.
/// </summary>
public sealed record RestoreTestingOptions
{
    /// <summary>What is restored.</summary>
    public required IReadOnlyList<RestoreTestTarget> Targets { get; init; }

    /// <summary>How often the tests run (daily, weekly or monthly).</summary>
    /// <value><see cref="BackupFrequency.Weekly"/>.</value>
    public BackupFrequency Frequency { get; init; } = BackupFrequency.Weekly;

    /// <summary>Hours the restored resources are kept for validation before AWS Backup deletes them, 1 to 168.</summary>
    /// <value>4 hours.</value>
    public int ValidationWindowHours { get; init; } = 4;

    /// <summary>Only recovery points of the last this many days are tested, 1 to 365.</summary>
    /// <value>7 days.</value>
    public int SelectionWindowDays { get; init; } = 7;
}
