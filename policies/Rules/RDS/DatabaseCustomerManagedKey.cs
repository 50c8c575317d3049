using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Database storage is encrypted with a customer-managed KMS key.</summary>
public sealed class DatabaseCustomerManagedKey : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-2",
        PolicyLevel.Warning,
        "RDS",
        "Database storage uses a customer-managed KMS key",
        "With the AWS managed key aws/rds, access to the data and its snapshots cannot be limited by a key policy, and encrypted snapshots cannot be shared with or copied to another account (for backups or recovery).",
        "Set KmsKeyId to a customer-managed key (in CDK, StorageEncryptionKey = key); for a global database, each regional cluster names a key in its region.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (!RdsResources.OwnsSettings(resource) || RdsResources.InheritsStorage(resource))
        {
            yield break;
        }

        var key = resource.Properties["KmsKeyId"];
        if (!RuleValues.IsSet(key))
        {
            yield return new Violation($"KmsKeyId is {RuleValues.Describe(key)}, so storage uses the AWS managed key aws/rds (or none); set it to a customer-managed key (it cannot be changed after creation).");
        }
    }
}
