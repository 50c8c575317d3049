using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Components.Storage;

/// <summary>
/// S3's lifecycle constraints, checked at synth. Public so that configuration loaders can report the same problems
/// against their own key paths.
/// </summary>
public static class LifecycleRuleValidator
{
    /// <summary>S3 refuses Standard-IA and One Zone-IA transitions earlier than this many days.</summary>
    public const int InfrequentAccessMinimumDays = 30;

    /// <summary>Objects must stay this many days in an IA class before a later transition in the same rule.</summary>
    public const int DaysInInfrequentAccessBeforeNextTransition = 30;

    /// <summary>S3 keeps at most this many newest noncurrent versions per rule.</summary>
    public const int MaxNoncurrentVersionsToRetain = 100;

    /// <summary>Returns every problem with <paramref name="rules"/>; empty when they are valid.</summary>
    /// <param name="rules">The rules, in order.</param>
    /// <param name="versioned">Whether the bucket is versioned: noncurrent-version actions need it.</param>
    /// <param name="property">The rules' property path; rule <c>i</c> is reported at <c>{property}[i]</c>.</param>
    public static IReadOnlyList<PropertyProblem> Validate(IReadOnlyList<BucketLifecycleRule> rules, bool versioned, string property = "LifecycleRules")
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(property);
        var problems = new List<PropertyProblem>();
        foreach (var group in rules.Select((r, i) => (r.Id, i)).GroupBy(x => x.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new PropertyProblem($"{property}[{group.Last().i}].Id", $"'{group.Key}' is used by {group.Count()} rules; rule ids must be unique within a bucket."));
        }

        for (var i = 0; i < rules.Count; i++)
        {
            ValidateRule(rules[i], versioned, $"{property}[{i}]", problems);
        }

        return problems;
    }

    private static void ValidateRule(BucketLifecycleRule rule, bool versioned, string at, List<PropertyProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(rule.Id) || rule.Id.Length > 255)
        {
            problems.Add(new PropertyProblem($"{at}.Id", $"'{rule.Id}' must be 1 to 255 characters."));
        }

        var hasAction = rule.Transitions.Count > 0 || rule.ExpireAfterDays is not null
            || rule.NoncurrentVersionTransitions.Count > 0 || rule.NoncurrentVersionExpireAfterDays is not null
            || rule.AbortIncompleteMultipartUploadAfterDays is not null || rule.ExpiredObjectDeleteMarker;
        if (!hasAction)
        {
            problems.Add(new PropertyProblem($"{at}", $"the rule has no action; add a transition, an expiration, a noncurrent-version action, multipart-upload cleanup or delete-marker cleanup."));
        }

        ValidateTransitions(rule.Transitions, $"{at}.Transitions", problems);
        ValidateTransitions(rule.NoncurrentVersionTransitions, $"{at}.NoncurrentVersionTransitions", problems);

        var lastTransition = rule.Transitions.Count == 0 ? (int?)null : rule.Transitions.Max(t => t.AfterDays);
        if (rule.ExpireAfterDays is { } expire)
        {
            if (expire < 1)
            {
                problems.Add(new PropertyProblem($"{at}.ExpireAfterDays", $"{expire} must be at least 1."));
            }
            else if (lastTransition is { } last && expire <= last)
            {
                problems.Add(new PropertyProblem($"{at}.ExpireAfterDays", $"{expire} must be greater than the last transition's {last} days; S3 rejects an expiration at or before a transition."));
            }

            if (rule.ExpiredObjectDeleteMarker)
            {
                problems.Add(new PropertyProblem($"{at}.ExpiredObjectDeleteMarker", $"S3 cannot combine it with an expiration in one rule; put delete-marker cleanup in its own rule."));
            }
        }

        var lastNoncurrent = rule.NoncurrentVersionTransitions.Count == 0 ? (int?)null : rule.NoncurrentVersionTransitions.Max(t => t.AfterDays);
        if (rule.NoncurrentVersionExpireAfterDays is { } ncExpire)
        {
            if (ncExpire < 1)
            {
                problems.Add(new PropertyProblem($"{at}.NoncurrentVersionExpireAfterDays", $"{ncExpire} must be at least 1."));
            }
            else if (lastNoncurrent is { } last && ncExpire <= last)
            {
                problems.Add(new PropertyProblem($"{at}.NoncurrentVersionExpireAfterDays", $"{ncExpire} must be greater than the last noncurrent transition's {last} days."));
            }
        }

        if (rule.NoncurrentVersionsToRetain is { } keep)
        {
            if (keep < 1 || keep > MaxNoncurrentVersionsToRetain)
            {
                problems.Add(new PropertyProblem($"{at}.NoncurrentVersionsToRetain", $"{keep} must be between 1 and {MaxNoncurrentVersionsToRetain}."));
            }

            if (rule.NoncurrentVersionExpireAfterDays is null && rule.NoncurrentVersionTransitions.Count == 0)
            {
                problems.Add(new PropertyProblem($"{at}.NoncurrentVersionsToRetain", $"it only qualifies a noncurrent-version action; add a noncurrent-version expiration or transition."));
            }
        }

        var hasNoncurrentAction = rule.NoncurrentVersionTransitions.Count > 0 || rule.NoncurrentVersionExpireAfterDays is not null;
        if (hasNoncurrentAction && !versioned)
        {
            problems.Add(new PropertyProblem($"{at}", $"noncurrent-version actions need a versioned bucket; turn versioning on or remove them."));
        }

        if (rule.AbortIncompleteMultipartUploadAfterDays is { } abort && abort < 1)
        {
            problems.Add(new PropertyProblem($"{at}.AbortIncompleteMultipartUploadAfterDays", $"{abort} must be at least 1."));
        }

        if (rule.TagFilters is { Count: > 0 })
        {
            if (rule.AbortIncompleteMultipartUploadAfterDays is not null)
            {
                problems.Add(new PropertyProblem($"{at}.AbortIncompleteMultipartUploadAfterDays", $"S3 cannot combine it with tag filters (uploads in progress have no tags); move it to a rule without tags."));
            }

            if (rule.ExpiredObjectDeleteMarker)
            {
                problems.Add(new PropertyProblem($"{at}.ExpiredObjectDeleteMarker", $"S3 cannot combine it with tag filters (delete markers have no tags); move it to a rule without tags."));
            }
        }

        if (rule.ObjectSizeGreaterThanBytes is { } gt && gt < 0)
        {
            problems.Add(new PropertyProblem($"{at}.ObjectSizeGreaterThanBytes", $"{gt} must not be negative."));
        }

        if (rule.ObjectSizeLessThanBytes is { } lt && (lt < 1 || (rule.ObjectSizeGreaterThanBytes is { } lower && lt <= lower)))
        {
            problems.Add(new PropertyProblem($"{at}.ObjectSizeLessThanBytes", $"{lt} must be positive and greater than the lower size bound."));
        }
    }

    private static void ValidateTransitions(IReadOnlyList<LifecycleTransition> transitions, string at, List<PropertyProblem> problems)
    {
        for (var i = 0; i < transitions.Count; i++)
        {
            var t = transitions[i];
            if (!Enum.IsDefined(t.StorageClass))
            {
                problems.Add(new PropertyProblem($"{at}[{i}].StorageClass", $"{(int)t.StorageClass} is not a storage class."));
                continue;
            }

            if (t.AfterDays < 0)
            {
                problems.Add(new PropertyProblem($"{at}[{i}].AfterDays", $"{t.AfterDays} must not be negative."));
            }

            if (IsInfrequentAccess(t.StorageClass) && t.AfterDays < InfrequentAccessMinimumDays)
            {
                problems.Add(new PropertyProblem($"{at}[{i}].AfterDays", $"{t.AfterDays} is too early for {Name(t.StorageClass)}; S3 requires at least {InfrequentAccessMinimumDays} days."));
            }

            if (i == 0)
            {
                continue;
            }

            var previous = transitions[i - 1];
            if (t.StorageClass <= previous.StorageClass)
            {
                problems.Add(new PropertyProblem($"{at}[{i}].StorageClass", $"{Name(t.StorageClass)} cannot follow {Name(previous.StorageClass)}; transitions only go down the waterfall {string.Join(", ", Enum.GetValues<TransitionStorageClass>().Select(Name))}."));
            }
            else if (IsInfrequentAccess(previous.StorageClass) && t.AfterDays < previous.AfterDays + DaysInInfrequentAccessBeforeNextTransition)
            {
                problems.Add(new PropertyProblem($"{at}[{i}].AfterDays", $"{t.AfterDays} must be at least {previous.AfterDays + DaysInInfrequentAccessBeforeNextTransition}; objects stay {DaysInInfrequentAccessBeforeNextTransition} days in {Name(previous.StorageClass)} before moving on."));
            }
            else if (t.AfterDays <= previous.AfterDays)
            {
                problems.Add(new PropertyProblem($"{at}[{i}].AfterDays", $"{t.AfterDays} must be greater than the previous transition's {previous.AfterDays} days."));
            }
        }
    }

    private static bool IsInfrequentAccess(TransitionStorageClass storageClass) =>
        storageClass is TransitionStorageClass.StandardInfrequentAccess or TransitionStorageClass.OneZoneInfrequentAccess;

    // The storage classes as S3's documentation names them, for messages that read the same from C# and from a config file.
    private static string Name(TransitionStorageClass storageClass) => storageClass switch
    {
        TransitionStorageClass.StandardInfrequentAccess => "Standard-IA",
        TransitionStorageClass.IntelligentTiering => "Intelligent-Tiering",
        TransitionStorageClass.OneZoneInfrequentAccess => "One Zone-IA",
        TransitionStorageClass.GlacierInstantRetrieval => "Glacier Instant Retrieval",
        TransitionStorageClass.GlacierFlexibleRetrieval => "Glacier Flexible Retrieval",
        TransitionStorageClass.DeepArchive => "Glacier Deep Archive",
        _ => storageClass.ToString(),
    };
}
