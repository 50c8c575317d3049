namespace Infra.Policies.Rules.RDS;

/// <summary>What the RDS rules share: which resource owns a setting.</summary>
internal static class RdsResources
{
    public const string Cluster = "AWS::RDS::DBCluster";
    public const string Instance = "AWS::RDS::DBInstance";
    public const string GlobalCluster = "AWS::RDS::GlobalCluster";

    /// <summary>
    /// Whether the resource owns its storage, backup and authentication settings: every DB cluster, and DB instances
    /// that are not members of a cluster (a member's settings are the cluster's, and CloudFormation rejects them).
    /// </summary>
    public static bool OwnsSettings(TemplateResource resource) =>
        resource.Type == Cluster || (resource.Type == Instance && resource.Properties["DBClusterIdentifier"] is null);

    /// <summary>
    /// Whether storage encryption (and its key) come from a source: a snapshot being restored, a point-in-time clone or
    /// a read replica's source. The template then cannot show whether the storage is encrypted.
    /// </summary>
    public static bool InheritsStorage(TemplateResource resource) => resource.Type switch
    {
        Cluster => resource.Properties["SnapshotIdentifier"] is not null || resource.Properties["SourceDBClusterIdentifier"] is not null,
        Instance => resource.Properties["DBSnapshotIdentifier"] is not null || resource.Properties["SourceDBInstanceIdentifier"] is not null
            || resource.Properties["SourceDBClusterIdentifier"] is not null,
        GlobalCluster => resource.Properties["SourceDBClusterIdentifier"] is not null,
        _ => false,
    };
}
