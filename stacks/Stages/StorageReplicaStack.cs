using Constructs;
using Infra.Components.Storage;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The replica of the data bucket in the secondary region. Its bucket name and key alias are literal and derived from
/// the environment, because CloudFormation cannot pass references between regions.
/// </summary>
public sealed class StorageReplicaStack : EnvironmentStack
{
    /// <summary>Creates the replica stack in the secondary region.</summary>
    public StorageReplicaStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region)
        : base(scope, id, config, region, "storage-replica")
    {
        BucketName = $"infra-{config.Name}-data-replica-{config.Account}-{region.Name}";
        KeyAlias = $"alias/infra/{config.Name}/data-replica";
        AccessLogs = StorageStack.CreateAccessLogBucket(this, config, StatefulRemovalPolicy);
        Replica = new LifecycleBucket(this, "DataReplica", new LifecycleBucketProps
        {
            BucketName = BucketName,
            EncryptionKeyAlias = KeyAlias,
            LifecycleRules = config.Storage.DataLifecycleRules,
            AbortIncompleteMultipartUploadAfterDays = config.Storage.AbortIncompleteMultipartUploadDays,
            ServerAccessLogsBucket = AccessLogs.Bucket,
            ServerAccessLogsPrefix = "data-replica/",
            RemovalPolicy = StatefulRemovalPolicy,
            AutoDeleteObjects = !config.Protection.RetainStatefulResources,
        });
    }

    /// <summary>The replica bucket's literal name.</summary>
    public string BucketName { get; }

    /// <summary>The alias of the replica bucket's key.</summary>
    public string KeyAlias { get; }

    /// <summary>The replica bucket.</summary>
    public LifecycleBucket Replica { get; }

    /// <summary>The secondary region's server-access-log bucket.</summary>
    public LifecycleBucket AccessLogs { get; }
}
