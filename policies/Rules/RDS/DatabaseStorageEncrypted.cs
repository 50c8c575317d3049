using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Database storage is encrypted at rest.</summary>
public sealed class DatabaseStorageEncrypted : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-1",
        PolicyLevel.Error,
        "RDS",
        "Database storage is encrypted (clusters, standalone instances, global clusters)",
        "Unencrypted storage leaves data, automated backups, snapshots and replicas readable to anyone who gets a copy (a shared snapshot, a disk); encryption cannot be turned on later without a snapshot-restore migration.",
        "Set StorageEncrypted to true (in CDK, StorageEncrypted = true with StorageEncryptionKey); a global cluster created from an existing cluster (SourceDBClusterIdentifier) inherits its encryption.",
        CdkNag: "AwsSolutions-RDS2",
        Checkov: "CKV_AWS_96, CKV_AWS_16");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance, RdsResources.GlobalCluster);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if ((resource.Type != RdsResources.GlobalCluster && !RdsResources.OwnsSettings(resource)) || RdsResources.InheritsStorage(resource))
        {
            yield break;
        }

        var encrypted = resource.Properties["StorageEncrypted"];
        if (!RuleValues.IsTrueOrUnknown(encrypted))
        {
            yield return new Violation($"StorageEncrypted is {RuleValues.Describe(encrypted)}; set it to true (it cannot be changed after creation).");
        }
    }
}
