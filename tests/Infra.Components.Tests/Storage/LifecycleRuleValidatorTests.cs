using System.Linq;
using System.Collections.Generic;
using Infra.Components.Storage;
using Xunit;

namespace Infra.Components.Tests.Storage;

public sealed class LifecycleRuleValidatorTests
{
    private static List<string> Problems(BucketLifecycleRule rule, bool versioned = true) =>
        LifecycleRuleValidator.Validate([rule], versioned, "Rules").Select(p => p.ToString()).ToList();

    private static BucketLifecycleRule Rule(params LifecycleTransition[] transitions) => new() { Id = "r", Transitions = transitions };

    [Fact]
    public void Accepts_the_recommended_prod_tiering()
    {
        var rule = new BucketLifecycleRule
        {
            Id = "tiering",
            ObjectSizeGreaterThanBytes = 131072,
            Transitions =
            [
                new(TransitionStorageClass.StandardInfrequentAccess, 30),
                new(TransitionStorageClass.GlacierInstantRetrieval, 90),
                new(TransitionStorageClass.DeepArchive, 180),
            ],
            NoncurrentVersionTransitions = [new(TransitionStorageClass.GlacierInstantRetrieval, 30)],
            NoncurrentVersionExpireAfterDays = 90,
            NoncurrentVersionsToRetain = 3,
        };
        Assert.Empty(Problems(rule));
    }

    [Theory]
    [InlineData(TransitionStorageClass.StandardInfrequentAccess)]
    [InlineData(TransitionStorageClass.OneZoneInfrequentAccess)]
    public void Rejects_an_infrequent_access_transition_before_30_days(TransitionStorageClass storageClass) =>
        Assert.Equal(
            $"Rules[0].Transitions[0].AfterDays: 29 is too early for {(storageClass == TransitionStorageClass.StandardInfrequentAccess ? "Standard-IA" : "One Zone-IA")}; S3 requires at least 30 days.",
            Assert.Single(Problems(Rule(new LifecycleTransition(storageClass, 29)))));

    [Theory]
    [InlineData(TransitionStorageClass.IntelligentTiering)]
    [InlineData(TransitionStorageClass.GlacierInstantRetrieval)]
    [InlineData(TransitionStorageClass.DeepArchive)]
    public void Allows_other_classes_from_day_zero(TransitionStorageClass storageClass) =>
        Assert.Empty(Problems(Rule(new LifecycleTransition(storageClass, 0))));

    [Fact]
    public void Rejects_a_transition_back_up_the_waterfall() =>
        Assert.Equal(
            "Rules[0].Transitions[1].StorageClass: Standard-IA cannot follow Glacier Instant Retrieval; transitions only go down the waterfall Standard-IA, Intelligent-Tiering, One Zone-IA, Glacier Instant Retrieval, Glacier Flexible Retrieval, Glacier Deep Archive.",
            Assert.Single(Problems(Rule(new(TransitionStorageClass.GlacierInstantRetrieval, 10), new(TransitionStorageClass.StandardInfrequentAccess, 60)))));

    [Fact]
    public void Requires_30_days_in_infrequent_access_before_the_next_class() =>
        Assert.Equal(
            "Rules[0].Transitions[1].AfterDays: 59 must be at least 60; objects stay 30 days in Standard-IA before moving on.",
            Assert.Single(Problems(Rule(new(TransitionStorageClass.StandardInfrequentAccess, 30), new(TransitionStorageClass.GlacierFlexibleRetrieval, 59)))));

    [Fact]
    public void Requires_increasing_days_between_transitions() =>
        Assert.Equal(
            "Rules[0].Transitions[1].AfterDays: 10 must be greater than the previous transition's 10 days.",
            Assert.Single(Problems(Rule(new(TransitionStorageClass.GlacierInstantRetrieval, 10), new(TransitionStorageClass.DeepArchive, 10)))));

    [Fact]
    public void Rejects_an_expiration_at_or_before_the_last_transition() =>
        Assert.Equal(
            "Rules[0].ExpireAfterDays: 30 must be greater than the last transition's 30 days; S3 rejects an expiration at or before a transition.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", Transitions = [new(TransitionStorageClass.StandardInfrequentAccess, 30)], ExpireAfterDays = 30 })));

    [Fact]
    public void Rejects_delete_marker_cleanup_with_an_expiration_in_one_rule() =>
        Assert.Equal(
            "Rules[0].ExpiredObjectDeleteMarker: S3 cannot combine it with an expiration in one rule; put delete-marker cleanup in its own rule.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", ExpireAfterDays = 10, ExpiredObjectDeleteMarker = true })));

    [Fact]
    public void Rejects_a_rule_without_any_action() =>
        Assert.Equal(
            "Rules[0]: the rule has no action; add a transition, an expiration, a noncurrent-version action, multipart-upload cleanup or delete-marker cleanup.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", Prefix = "logs/" })));

    [Fact]
    public void Rejects_noncurrent_actions_on_an_unversioned_bucket() =>
        Assert.Equal(
            "Rules[0]: noncurrent-version actions need a versioned bucket; turn versioning on or remove them.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", NoncurrentVersionExpireAfterDays = 7 }, versioned: false)));

    [Fact]
    public void Rejects_a_noncurrent_expiration_before_its_transition() =>
        Assert.Equal(
            "Rules[0].NoncurrentVersionExpireAfterDays: 30 must be greater than the last noncurrent transition's 30 days.",
            Assert.Single(Problems(new BucketLifecycleRule
            {
                Id = "r",
                NoncurrentVersionTransitions = [new(TransitionStorageClass.StandardInfrequentAccess, 30)],
                NoncurrentVersionExpireAfterDays = 30,
            })));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Rejects_versions_to_retain_outside_1_to_100(int keep) =>
        Assert.Equal(
            $"Rules[0].NoncurrentVersionsToRetain: {keep} must be between 1 and 100.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", NoncurrentVersionExpireAfterDays = 7, NoncurrentVersionsToRetain = keep })));

    [Fact]
    public void Rejects_versions_to_retain_without_a_noncurrent_action() =>
        Assert.Equal(
            "Rules[0].NoncurrentVersionsToRetain: it only qualifies a noncurrent-version action; add a noncurrent-version expiration or transition.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", ExpireAfterDays = 7, NoncurrentVersionsToRetain = 2 })));

    [Fact]
    public void Rejects_multipart_and_delete_marker_cleanup_with_tag_filters()
    {
        var problems = Problems(new BucketLifecycleRule
        {
            Id = "r",
            TagFilters = new Dictionary<string, string> { ["tier"] = "cold" },
            AbortIncompleteMultipartUploadAfterDays = 3,
            ExpiredObjectDeleteMarker = true,
        });
        Assert.Equal(
            [
                "Rules[0].AbortIncompleteMultipartUploadAfterDays: S3 cannot combine it with tag filters (uploads in progress have no tags); move it to a rule without tags.",
                "Rules[0].ExpiredObjectDeleteMarker: S3 cannot combine it with tag filters (delete markers have no tags); move it to a rule without tags.",
            ],
            problems);
    }

    [Fact]
    public void Rejects_an_inverted_object_size_range() =>
        Assert.Equal(
            "Rules[0].ObjectSizeLessThanBytes: 100 must be positive and greater than the lower size bound.",
            Assert.Single(Problems(new BucketLifecycleRule { Id = "r", ExpireAfterDays = 1, ObjectSizeGreaterThanBytes = 1000, ObjectSizeLessThanBytes = 100 })));

    [Fact]
    public void Rejects_duplicate_rule_ids()
    {
        var rule = new BucketLifecycleRule { Id = "same", ExpireAfterDays = 1 };
        Assert.Equal(
            "Rules[1].Id: 'same' is used by 2 rules; rule ids must be unique within a bucket.",
            Assert.Single(LifecycleRuleValidator.Validate([rule, rule], versioned: true, "Rules")).ToString());
    }

    [Fact]
    public void Reports_every_problem_of_every_rule()
    {
        var problems = LifecycleRuleValidator.Validate(
            [Rule(new LifecycleTransition(TransitionStorageClass.StandardInfrequentAccess, 1)), new BucketLifecycleRule { Id = "" }],
            versioned: true,
            "Rules");
        Assert.Equal(3, problems.Count);
    }
}
