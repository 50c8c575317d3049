using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Database snapshots carry the database's tags.</summary>
public sealed class DatabaseCopyTagsToSnapshot : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-8",
        PolicyLevel.Warning,
        "RDS",
        "Databases copy their tags to snapshots",
        "Untagged snapshots cannot be attributed to an owner, environment or cost centre, so they are kept (and billed) forever or deleted by mistake, and tag-based backup and access policies miss them.",
        "Set CopyTagsToSnapshot to true (in CDK, CopyTagsToSnapshot = true).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var copy = resource.Properties["CopyTagsToSnapshot"];
        if (RdsResources.OwnsSettings(resource) && !RuleValues.IsTrueOrUnknown(copy))
        {
            yield return new Violation($"CopyTagsToSnapshot is {RuleValues.Describe(copy)}; set it to true.");
        }
    }
}
