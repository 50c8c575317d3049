using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;

namespace Infra.Components.Storage;

/// <summary>How a <see cref="LifecycleBucket"/> encrypts objects at rest.</summary>
public enum BucketEncryptionMode
{
    /// <summary>SSE-KMS with a customer-managed key and an S3 Bucket Key (cuts KMS request costs by up to 99%).</summary>
    Kms = 0,

    /// <summary>SSE-S3. Required for server access log targets, which S3 cannot deliver to with SSE-KMS.</summary>
    S3Managed = 1,
}

/// <summary>Properties of a <see cref="LifecycleBucket"/>. Every prop is optional; the defaults are the secure ones.</summary>
public sealed record LifecycleBucketProps
{
    /// <summary>How objects are encrypted at rest.</summary>
    /// <value><see cref="BucketEncryptionMode.Kms"/>: SSE-KMS with a bucket key.</value>
    public BucketEncryptionMode Encryption { get; init; } = LifecycleBucketDefaults.Encryption;

    /// <summary>The customer-managed key for <see cref="BucketEncryptionMode.Kms"/>.</summary>
    /// <value>Omitted: a key with yearly rotation is created, with the bucket's removal policy.</value>
    public IKey? EncryptionKey { get; init; }

    /// <summary>An alias to create for the created key, for references from other regions (for example replication).</summary>
    /// <value>Omitted: no alias.</value>
    public string? EncryptionKeyAlias { get; init; }

    /// <summary>A physical bucket name. Prefer generated names; set one only where another region must know it.</summary>
    /// <value>Omitted: CloudFormation generates the name.</value>
    public string? BucketName { get; init; }

    /// <summary>Whether object versions are kept.</summary>
    /// <value><c>true</c>: recovers deletes and overwrites; needed for replication.</value>
    public bool Versioned { get; init; } = LifecycleBucketDefaults.Versioned;

    /// <summary>Typed lifecycle rules, validated against S3's constraints at synth.</summary>
    /// <value>Omitted: only the housekeeping rule (abort incomplete uploads; expired delete markers when versioned).</value>
    public IReadOnlyList<BucketLifecycleRule> LifecycleRules { get; init; } = [];

    /// <summary>Days after which the housekeeping rule aborts incomplete multipart uploads.</summary>
    /// <value>7 days: incomplete parts are invisible in listings but billed.</value>
    public int AbortIncompleteMultipartUploadAfterDays { get; init; } = LifecycleBucketDefaults.AbortIncompleteMultipartUploadAfterDays;

    /// <summary>The bucket-wide minimum size below which S3 transitions no object.</summary>
    /// <value><see cref="TransitionDefaultMinimumObjectSize.AllStorageClasses128K"/>, pinned explicitly.</value>
    public TransitionDefaultMinimumObjectSize TransitionMinimumObjectSize { get; init; } = LifecycleBucketDefaults.TransitionMinimumObjectSize;

    /// <summary>Where S3 server access logs for this bucket go (the target must use SSE-S3).</summary>
    /// <value>Omitted: no server access logs.</value>
    public IBucket? ServerAccessLogsBucket { get; init; }

    /// <summary>The key prefix of this bucket's server access logs in <see cref="ServerAccessLogsBucket"/>.</summary>
    /// <value>Omitted: <c>&lt;construct id&gt;/</c>.</value>
    public string? ServerAccessLogsPrefix { get; init; }

    /// <summary>Replicate every object to a bucket in another region.</summary>
    /// <value>Omitted: no replication.</value>
    public BucketReplication? Replication { get; init; }

    /// <summary>What happens to the bucket (and a created key) when it leaves the stack.</summary>
    /// <value><see cref="RemovalPolicy.RETAIN"/>: data outlives the stack.</value>
    public RemovalPolicy RemovalPolicy { get; init; } = LifecycleBucketDefaults.RemovalPolicy;

    /// <summary>Empty the bucket before deleting it (a Lambda-backed custom resource). Only with <see cref="RemovalPolicy.DESTROY"/>.</summary>
    /// <value><c>false</c>.</value>
    public bool AutoDeleteObjects { get; init; }
}

/// <summary>
/// Cross-region replication of every object, delete markers included, to an existing versioned bucket encrypted with a
/// customer-managed key. Identifiers are literal because CloudFormation cannot pass references across regions.
/// </summary>
public sealed record BucketReplication
{
    /// <summary>The destination bucket's name.</summary>
    public required string DestinationBucketName { get; init; }

    /// <summary>The destination bucket's region (for example <c>us-west-2</c>).</summary>
    public required string DestinationRegion { get; init; }

    /// <summary>The alias (<c>alias/...</c>) of the destination bucket's KMS key in <see cref="DestinationRegion"/>.</summary>
    public required string DestinationKeyAlias { get; init; }

    /// <summary>The storage class of replicas.</summary>
    /// <value>Omitted: the source object's storage class.</value>
    public StorageClass? StorageClass { get; init; }

    /// <summary>Turn on S3 Replication Time Control (15-minute SLA, replication metrics; extra cost).</summary>
    /// <value><c>false</c>.</value>
    public bool ReplicationTimeControl { get; init; }
}

/// <summary>S3's <c>TransitionDefaultMinimumObjectSize</c>: the small-object guard applied to every transition.</summary>
public enum TransitionDefaultMinimumObjectSize
{
    /// <summary><c>all_storage_classes_128K</c>: no object under 128 KB is transitioned (they would cost more in IA).</summary>
    AllStorageClasses128K = 0,

    /// <summary><c>varies_by_storage_class</c>: the pre-September-2024 behaviour (Glacier classes take objects of any size).</summary>
    VariesByStorageClass = 1,
}

/// <summary>The defaults of <see cref="LifecycleBucketProps"/>, in one place.</summary>
internal static class LifecycleBucketDefaults
{
    public const BucketEncryptionMode Encryption = BucketEncryptionMode.Kms;
    public const bool Versioned = true;
    public const int AbortIncompleteMultipartUploadAfterDays = 7;
    public const TransitionDefaultMinimumObjectSize TransitionMinimumObjectSize = TransitionDefaultMinimumObjectSize.AllStorageClasses128K;
    public static readonly RemovalPolicy RemovalPolicy = RemovalPolicy.RETAIN;
}
