using System.Collections.Generic;

namespace Infra.Components.Storage;

/// <summary>
/// The S3 storage classes a lifecycle rule can transition objects to, in S3's transition waterfall order: a rule may
/// only move objects down this list, never back up.
/// </summary>
public enum TransitionStorageClass
{
    /// <summary>S3 Standard-IA (<c>STANDARD_IA</c>): at least 30 days after creation; bills at least 128 KB and 30 days.</summary>
    StandardInfrequentAccess = 1,

    /// <summary>S3 Intelligent-Tiering (<c>INTELLIGENT_TIERING</c>): for unknown access patterns; a small monitoring fee per object.</summary>
    IntelligentTiering = 2,

    /// <summary>S3 One Zone-IA (<c>ONEZONE_IA</c>): at least 30 days after creation; one AZ only, so re-creatable data only.</summary>
    OneZoneInfrequentAccess = 3,

    /// <summary>S3 Glacier Instant Retrieval (<c>GLACIER_IR</c>): 90-day minimum storage duration.</summary>
    GlacierInstantRetrieval = 4,

    /// <summary>S3 Glacier Flexible Retrieval (<c>GLACIER</c>): 90-day minimum storage duration; restore before reading.</summary>
    GlacierFlexibleRetrieval = 5,

    /// <summary>S3 Glacier Deep Archive (<c>DEEP_ARCHIVE</c>): 180-day minimum storage duration; restores take hours.</summary>
    DeepArchive = 6,
}

/// <summary>Moves objects to <paramref name="StorageClass"/> a number of days after creation (or after becoming noncurrent).</summary>
/// <param name="StorageClass">Where the objects go.</param>
/// <param name="AfterDays">Days after creation (current versions) or after becoming noncurrent (noncurrent versions).</param>
public sealed record LifecycleTransition(TransitionStorageClass StorageClass, int AfterDays);

/// <summary>
/// One typed S3 lifecycle rule. It is validated against S3's own constraints when the bucket is created, so an invalid
/// combination fails at synth with a message instead of at deploy time with <c>MalformedXML</c>.
/// </summary>
public sealed record BucketLifecycleRule
{
    /// <summary>The rule id, unique within the bucket (at most 255 characters).</summary>
    public required string Id { get; init; }

    /// <summary>Only objects whose key starts with this prefix.</summary>
    /// <value>Omitted: the rule applies to every object.</value>
    public string? Prefix { get; init; }

    /// <summary>Only objects with all of these tags.</summary>
    /// <value>Omitted: no tag filter. Tag filters cannot be combined with multipart-upload or delete-marker cleanup.</value>
    public IReadOnlyDictionary<string, string>? TagFilters { get; init; }

    /// <summary>Only objects larger than this many bytes: the small-object guard for transitions.</summary>
    /// <value>Omitted: no per-rule size filter; the bucket-wide 128 KB transition minimum still applies.</value>
    public long? ObjectSizeGreaterThanBytes { get; init; }

    /// <summary>Only objects smaller than this many bytes.</summary>
    /// <value>Omitted: no upper size bound.</value>
    public long? ObjectSizeLessThanBytes { get; init; }

    /// <summary>Transitions of current versions, down the storage-class waterfall with increasing days.</summary>
    /// <value>Omitted: current versions stay in S3 Standard.</value>
    public IReadOnlyList<LifecycleTransition> Transitions { get; init; } = [];

    /// <summary>Expire (delete, or delete-mark when versioned) current versions this many days after creation.</summary>
    /// <value>Omitted: current versions never expire.</value>
    public int? ExpireAfterDays { get; init; }

    /// <summary>Transitions of noncurrent versions, counted from the day they became noncurrent.</summary>
    /// <value>Omitted: noncurrent versions stay in their storage class.</value>
    public IReadOnlyList<LifecycleTransition> NoncurrentVersionTransitions { get; init; } = [];

    /// <summary>Permanently delete noncurrent versions this many days after they became noncurrent.</summary>
    /// <value>Omitted: noncurrent versions are kept until another rule removes them.</value>
    public int? NoncurrentVersionExpireAfterDays { get; init; }

    /// <summary>How many newest noncurrent versions the noncurrent actions keep (1 to 100).</summary>
    /// <value>Omitted: the noncurrent actions apply to every noncurrent version.</value>
    public int? NoncurrentVersionsToRetain { get; init; }

    /// <summary>Abort multipart uploads still incomplete this many days after they started.</summary>
    /// <value>Omitted: not part of this rule (the bucket's housekeeping rule always does it).</value>
    public int? AbortIncompleteMultipartUploadAfterDays { get; init; }

    /// <summary>Remove delete markers that no longer have any noncurrent version behind them.</summary>
    /// <value><c>false</c>: not part of this rule (the bucket's housekeeping rule does it on versioned buckets).</value>
    public bool ExpiredObjectDeleteMarker { get; init; }
}
