using System;
using System.Collections.Generic;

namespace Infra.Policies.Rules.DataLoss;

/// <summary>In prod, deleting or replacing a stateful resource keeps its data.</summary>
public sealed class StatefulResourcesRetainedInProd : AnyResourceRule
{
    /// <summary>Types whose deletion or replacement loses data (or, for keys, makes data unreadable).</summary>
    public static IReadOnlySet<string> StatefulTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::GlobalCluster", "AWS::S3::Bucket", "AWS::KMS::Key",
        "AWS::EKS::Cluster", "Custom::AWSCDK-EKS-Cluster", "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup",
        "AWS::DynamoDB::Table", "AWS::EFS::FileSystem", "AWS::EC2::Volume", "AWS::Backup::BackupVault",
    };

    /// <summary>Types whose policies may be <c>Snapshot</c> (CloudFormation snapshots them before deleting).</summary>
    public static IReadOnlySet<string> SnapshotTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::EC2::Volume",
    };

    /// <inheritdoc />
    public override RuleInfo Info { get; } = new(
        "INFRA-DATA-1",
        PolicyLevel.Error,
        "DataLoss",
        "In prod, stateful resources are retained (or snapshotted) on deletion and on replacement",
        "Without a Retain or Snapshot policy, removing the resource from the template, or a property change that replaces it, deletes the database, bucket, key, cluster, secret, backup vault or audit log for good.",
        "Give the resource RemovalPolicy.RETAIN (or SNAPSHOT for databases and volumes); the environment config's protection.retainStatefulResources does this for every component.");

    /// <inheritdoc />
    public override IEnumerable<Violation> Check(TemplateResource resource)
    {
        // Aurora cluster members live and die with the cluster; the cluster holds the data.
        if (!resource.Template.IsProduction || !StatefulTypes.Contains(resource.Type)
            || (resource.Type == "AWS::RDS::DBInstance" && resource.Properties["DBClusterIdentifier"] is not null))
        {
            yield break;
        }

        foreach (var (name, value) in new[] { ("DeletionPolicy", resource.DeletionPolicy), ("UpdateReplacePolicy", resource.UpdateReplacePolicy) })
        {
            var allowed = SnapshotTypes.Contains(resource.Type) ? "Retain or Snapshot" : "Retain";
            if (value != "Retain" && !(value == "Snapshot" && SnapshotTypes.Contains(resource.Type)))
            {
                yield return new Violation($"{name} is {value ?? "not set (Delete)"}; a prod {resource.Type} needs {allowed}.", name);
            }
        }
    }
}
