using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Databases keep automated backups for at least a week.</summary>
public sealed class DatabaseBackupRetention : IPolicyRule
{
    /// <summary>The shortest retention, in days, that still covers a problem noticed after a weekend or a release.</summary>
    internal const int MinimumDays = 7;

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-4",
        PolicyLevel.Warning,
        "RDS",
        "Databases keep automated backups for 7 days or more",
        "Point-in-time recovery only reaches back as far as the retention period; with the default of 1 day, corruption noticed after a weekend cannot be undone.",
        "Set BackupRetentionPeriod to 7 or more (in CDK, Backup = new BackupProps { Retention = Duration.Days(7) }); the default when it is not set is 1 day.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (!RdsResources.OwnsSettings(resource))
        {
            yield break;
        }

        var retention = resource.Properties["BackupRetentionPeriod"];
        if (retention is null)
        {
            yield return new Violation($"BackupRetentionPeriod is not set, so backups are kept for the default 1 day; set it to {MinimumDays} or more.");
        }
        else if (Cfn.AsLong(retention) is { } days && days < MinimumDays)
        {
            yield return new Violation($"BackupRetentionPeriod is {days}; set it to {MinimumDays} or more.");
        }
    }
}
