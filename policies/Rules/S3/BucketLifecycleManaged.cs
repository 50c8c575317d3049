using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets clean up abandoned multipart uploads and, when versioned, expire noncurrent versions.</summary>
public sealed class BucketLifecycleManaged : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-8",
        PolicyLevel.Warning,
        "S3",
        "Buckets abort incomplete multipart uploads and expire noncurrent versions",
        "Parts of abandoned multipart uploads are billed as storage forever and are invisible in object listings; in a versioned bucket every overwrite and delete keeps a noncurrent version, so storage grows without bound.",
        "Add an enabled LifecycleConfiguration rule with AbortIncompleteMultipartUpload.DaysAfterInitiation (for example 7) and, for versioned buckets, an enabled rule with NoncurrentVersionExpiration.NoncurrentDays (LifecycleBucket always aborts incomplete uploads; give it a rule with NoncurrentVersionExpireAfterDays for the versions).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var lifecycle = resource.Properties["LifecycleConfiguration"];
        var rules = Cfn.At(lifecycle, "Rules");
        if (Cfn.IsIntrinsic(lifecycle) || Cfn.IsIntrinsic(rules))
        {
            yield break;
        }

        var list = Cfn.Items(rules).ToList();
        if (Lacks(list, r => r["AbortIncompleteMultipartUpload"] is not null))
        {
            yield return new Violation("No enabled LifecycleConfiguration rule has AbortIncompleteMultipartUpload; add one (for example DaysAfterInitiation 7) so parts of abandoned uploads stop being billed.");
        }

        var versioning = resource.Property("VersioningConfiguration.Status");
        if (Cfn.AsString(versioning) == "Enabled"
            && Lacks(list, r => r["NoncurrentVersionExpiration"] is not null || r["NoncurrentVersionExpirationInDays"] is not null))
        {
            yield return new Violation("The bucket is versioned (VersioningConfiguration.Status is Enabled) but no enabled LifecycleConfiguration rule has NoncurrentVersionExpiration; add one so noncurrent versions do not accumulate without bound.");
        }
    }

    /// <summary>
    /// Whether no rule provably does <paramref name="what"/>: false when an enabled rule does, and also when a rule
    /// built with an intrinsic (or with an intrinsic Status) might.
    /// </summary>
    private static bool Lacks(List<JsonNode?> rules, Func<JsonObject, bool> what) => !rules.Any(r =>
        Cfn.IsIntrinsic(r)
        || (r is JsonObject rule && what(rule) && (Cfn.IsIntrinsic(rule["Status"]) || Cfn.AsString(rule["Status"]) == "Enabled")));
}
