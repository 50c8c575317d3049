using Amazon.CDK.AWS.S3;
using Amazon.CDK;
using Constructs;
using Infra.Components.Storage;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The environment's buckets in the primary region: the data bucket (SSE-KMS, lifecycle from config, access logs,
/// optional replication to the secondary region) and the server-access-log bucket it logs to.
/// </summary>
public sealed class StorageStack : EnvironmentStack
{
    /// <summary>Creates the storage stack; <paramref name="replica"/> is the secondary region's stack when replicating.</summary>
    public StorageStack(Construct scope, string id, EnvironmentConfig config, StorageReplicaStack? replica)
        : base(scope, id, config, config.PrimaryRegion, "storage")
    {
        AccessLogs = CreateAccessLogBucket(this, config, StatefulRemovalPolicy);
        Data = new LifecycleBucket(this, "Data", DataBucketProps(config, AccessLogs.Bucket, replica is null ? null : new BucketReplication
        {
            DestinationBucketName = replica.BucketName,
            DestinationRegion = replica.TargetRegion.Name,
            DestinationKeyAlias = replica.KeyAlias,
        }));
        if (replica is not null)
        {
            // The destination must exist (versioned, with its key) before S3 accepts the replication configuration.
            AddDependency(replica, "replication needs the destination bucket");
        }
    }

    /// <summary>The data bucket.</summary>
    public LifecycleBucket Data { get; }

    /// <summary>The server-access-log bucket.</summary>
    public LifecycleBucket AccessLogs { get; }

    /// <summary>The data bucket's props from the environment file: its lifecycle, access logs to <paramref name="accessLogs"/>, optional replication.</summary>
    internal static LifecycleBucketProps DataBucketProps(EnvironmentConfig config, IBucket accessLogs, BucketReplication? replication) => new()
    {
        LifecycleRules = config.Storage.DataLifecycleRules,
        AbortIncompleteMultipartUploadAfterDays = config.Storage.AbortIncompleteMultipartUploadDays,
        ServerAccessLogsBucket = accessLogs,
        ServerAccessLogsPrefix = "data/",
        RemovalPolicy = StatefulRemovalPolicyOf(config),
        AutoDeleteObjects = !config.Protection.RetainStatefulResources,
        Replication = replication,
    };

    /// <summary>The access-log bucket's props: SSE-S3 (the only encryption log delivery supports), expiring after the environment's retention.</summary>
    internal static LifecycleBucketProps AccessLogBucketProps(EnvironmentConfig config, RemovalPolicy removalPolicy) => new()
    {
        Encryption = BucketEncryptionMode.S3Managed,
        RemovalPolicy = removalPolicy,
        AutoDeleteObjects = removalPolicy == RemovalPolicy.DESTROY,
        LifecycleRules =
        [
            new BucketLifecycleRule
            {
                Id = "expire-access-logs",
                ExpireAfterDays = config.Storage.AccessLogRetentionDays,
                NoncurrentVersionExpireAfterDays = 7,
            },
        ],
    };

    /// <summary>A bucket for S3 server access logs: SSE-S3 (the only encryption log delivery supports), expiring after the retention.</summary>
    internal static LifecycleBucket CreateAccessLogBucket(Construct scope, EnvironmentConfig config, RemovalPolicy removalPolicy)
    {
        var bucket = new LifecycleBucket(scope, "AccessLogs", AccessLogBucketProps(config, removalPolicy));
        PolicySuppressions.Add(bucket.Bucket, "INFRA-S3-4",
            "S3 server access logging only delivers to buckets encrypted with SSE-S3; SSE-KMS would drop every log record.");
        PolicySuppressions.Add(bucket.Bucket, "INFRA-S3-7",
            "This is the access-log target itself: logging it into itself would loop, and into another bucket only moves the gap.");
        return bucket;
    }
}
