using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Databases refuse deletion until deletion protection is turned off.</summary>
public sealed class DatabaseDeletionProtection : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-3",
        PolicyLevel.Warning,
        "RDS",
        "Databases have deletion protection",
        "Without it one API call, console click or stack change that replaces or removes the resource deletes the database; automated backups go with it unless retained.",
        "Set DeletionProtection to true (in CDK, DeletionProtection = true) on DB clusters, standalone DB instances and global clusters. Production data-loss errors come from the data-loss rule.",
        CdkNag: "AwsSolutions-RDS10");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance, RdsResources.GlobalCluster);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Type != RdsResources.GlobalCluster && !RdsResources.OwnsSettings(resource))
        {
            yield break;
        }

        var protection = resource.Properties["DeletionProtection"];
        if (!RuleValues.IsTrueOrUnknown(protection))
        {
            yield return new Violation($"DeletionProtection is {RuleValues.Describe(protection)}; set it to true.");
        }
    }
}
