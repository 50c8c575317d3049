using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Infra.Components.Storage;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Storage;

public sealed class DefaultBucket
{
    public DefaultBucket()
    {
        var stack = TestApp.Stack();
        Bucket = new LifecycleBucket(stack, "Data");
        Template = Template.FromStack(stack);
        Json = Template.ToJsonObject();
    }

    public LifecycleBucket Bucket { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    public JsonNode Properties => Json.Single("AWS::S3::Bucket")["Properties"]!;

    public JsonArray PolicyStatements => Json.Single("AWS::S3::BucketPolicy")["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
}

[Collection(CdkCollection.Name)]
public sealed class LifecycleBucketDefaultTests : IClassFixture<DefaultBucket>
{
    private readonly DefaultBucket _b;

    public LifecycleBucketDefaultTests(DefaultBucket bucket) => _b = bucket;

    [Fact]
    public void Encrypts_with_a_created_customer_managed_key_and_a_bucket_key()
    {
        var sse = _b.Properties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!;
        Assert.Equal("aws:kms", (string?)sse["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        Assert.NotNull(sse["ServerSideEncryptionByDefault"]!["KMSMasterKeyID"]);
        Assert.True((bool)sse["BucketKeyEnabled"]!);
        Assert.NotNull(_b.Bucket.EncryptionKey);
    }

    [Fact]
    public void Rotates_the_created_key_yearly() =>
        _b.Template.HasResourceProperties("AWS::KMS::Key", new Dictionary<string, object> { ["EnableKeyRotation"] = true, ["PendingWindowInDays"] = 30 });

    [Fact]
    public void Blocks_every_kind_of_public_access() =>
        _b.Template.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object>
        {
            ["PublicAccessBlockConfiguration"] = new Dictionary<string, object>
            {
                ["BlockPublicAcls"] = true, ["BlockPublicPolicy"] = true, ["IgnorePublicAcls"] = true, ["RestrictPublicBuckets"] = true,
            },
        });

    [Fact]
    public void Disables_acls_with_bucket_owner_enforced() =>
        Assert.Equal("BucketOwnerEnforced", (string?)_b.Properties["OwnershipControls"]!["Rules"]![0]!["ObjectOwnership"]);

    [Fact]
    public void Keeps_versions() =>
        Assert.Equal("Enabled", (string?)_b.Properties["VersioningConfiguration"]!["Status"]);

    [Fact]
    public void Denies_requests_without_tls() =>
        Assert.Contains(_b.PolicyStatements, s => (string?)s!["Effect"] == "Deny"
            && s["Condition"]?["Bool"]?["aws:SecureTransport"]?.ToJsonString() == "\"false\"");

    [Fact]
    public void Denies_tls_older_than_1_2() =>
        Assert.Contains(_b.PolicyStatements, s => (string?)s!["Effect"] == "Deny"
            && s["Condition"]?["NumericLessThan"]?["s3:TlsVersion"]?.ToJsonString() == "1.2");

    [Fact]
    public void Denies_uploads_encrypted_with_customer_provided_keys()
    {
        var statement = _b.PolicyStatements.Single(s => (string?)s!["Sid"] == "DenySSECUploads")!;
        Assert.Equal("Deny", (string?)statement["Effect"]);
        Assert.Equal("s3:PutObject", (string?)statement["Action"]);
        Assert.Equal("false", (string?)statement["Condition"]!["Null"]!["s3:x-amz-server-side-encryption-customer-algorithm"]);
    }

    [Fact]
    public void Always_aborts_incomplete_uploads_and_removes_expired_delete_markers()
    {
        var rule = _b.Properties["LifecycleConfiguration"]!["Rules"]!.AsArray().Single(r => (string?)r!["Id"] == "housekeeping")!;
        Assert.Equal(7, (int)rule["AbortIncompleteMultipartUpload"]!["DaysAfterInitiation"]!);
        Assert.True((bool)rule["ExpiredObjectDeleteMarker"]!);
        Assert.Equal("Enabled", (string?)rule["Status"]);
    }

    [Fact]
    public void Pins_the_128_kb_transition_minimum_through_the_l1_override() =>
        Assert.Equal("all_storage_classes_128K", (string?)_b.Properties["LifecycleConfiguration"]!["TransitionDefaultMinimumObjectSize"]);

    [Fact]
    public void Retains_the_bucket_and_its_key_by_default()
    {
        foreach (var type in new[] { "AWS::S3::Bucket", "AWS::KMS::Key" })
        {
            var resource = _b.Json.Single(type);
            Assert.Equal("Retain", (string?)resource["DeletionPolicy"]);
            Assert.Equal("Retain", (string?)resource["UpdateReplacePolicy"]);
        }
    }

    [Fact]
    public void Has_no_access_logs_or_replication_unless_asked()
    {
        Assert.Null(_b.Properties["LoggingConfiguration"]);
        Assert.Null(_b.Properties["ReplicationConfiguration"]);
        Assert.Null(_b.Bucket.ReplicationRole);
        _b.Template.ResourceCountIs("Custom::S3AutoDeleteObjects", 0);
    }
}

public sealed class ConfiguredBucket
{
    public ConfiguredBucket()
    {
        var stack = TestApp.Stack();
        Logs = new LifecycleBucket(stack, "Logs", new LifecycleBucketProps { Encryption = BucketEncryptionMode.S3Managed });
        Bucket = new LifecycleBucket(stack, "Data", new LifecycleBucketProps
        {
            ServerAccessLogsBucket = Logs.Bucket,
            ServerAccessLogsPrefix = "data/",
            AbortIncompleteMultipartUploadAfterDays = 2,
            LifecycleRules =
            [
                new BucketLifecycleRule
                {
                    Id = "tiering",
                    Prefix = "archive/",
                    ObjectSizeGreaterThanBytes = 131072,
                    Transitions = [new(TransitionStorageClass.StandardInfrequentAccess, 30), new(TransitionStorageClass.GlacierInstantRetrieval, 90)],
                },
                new BucketLifecycleRule
                {
                    Id = "noncurrent",
                    NoncurrentVersionTransitions = [new(TransitionStorageClass.GlacierFlexibleRetrieval, 30)],
                    NoncurrentVersionExpireAfterDays = 90,
                    NoncurrentVersionsToRetain = 3,
                },
            ],
            Replication = new BucketReplication
            {
                DestinationBucketName = "infra-test-replica",
                DestinationRegion = "us-west-2",
                DestinationKeyAlias = "alias/infra/test/replica",
                ReplicationTimeControl = true,
            },
        });
        Template = Template.FromStack(stack);
        Json = Template.ToJsonObject();
        DataProperties = Json.Resources("AWS::S3::Bucket").Single(b => b.Key.StartsWith("Data", System.StringComparison.Ordinal)).Value["Properties"]!;
        LogProperties = Json.Resources("AWS::S3::Bucket").Single(b => b.Key.StartsWith("Logs", System.StringComparison.Ordinal)).Value["Properties"]!;
    }

    public LifecycleBucket Bucket { get; }

    public LifecycleBucket Logs { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    public JsonNode DataProperties { get; }

    public JsonNode LogProperties { get; }

    public JsonNode Rule(string id) => DataProperties["LifecycleConfiguration"]!["Rules"]!.AsArray().Single(r => (string?)r!["Id"] == id)!;

    public JsonArray ReplicationStatements => Json.Resources("AWS::IAM::Policy").Values.Single()["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();
}

[Collection(CdkCollection.Name)]
public sealed class LifecycleBucketConfiguredTests : IClassFixture<ConfiguredBucket>
{
    private readonly ConfiguredBucket _b;

    public LifecycleBucketConfiguredTests(ConfiguredBucket bucket) => _b = bucket;

    [Fact]
    public void Maps_transitions_and_the_size_guard_to_the_rule()
    {
        var rule = _b.Rule("tiering");
        Assert.Equal("archive/", (string?)rule["Prefix"]);
        Assert.Equal(131072, (long)rule["ObjectSizeGreaterThan"]!);
        var transitions = rule["Transitions"]!.AsArray().Select(t => ((string?)t!["StorageClass"], (int)t["TransitionInDays"]!)).ToArray();
        Assert.Equal([("STANDARD_IA", 30), ("GLACIER_IR", 90)], transitions);
    }

    [Fact]
    public void Maps_noncurrent_transitions_expiration_and_versions_kept()
    {
        var rule = _b.Rule("noncurrent");
        var transition = rule["NoncurrentVersionTransitions"]![0]!;
        Assert.Equal("GLACIER", (string?)transition["StorageClass"]);
        Assert.Equal(30, (int)transition["TransitionInDays"]!);
        Assert.Equal(3, (int)transition["NewerNoncurrentVersions"]!);
        Assert.Equal(90, (int)rule["NoncurrentVersionExpiration"]!["NoncurrentDays"]!);
        Assert.Equal(3, (int)rule["NoncurrentVersionExpiration"]!["NewerNoncurrentVersions"]!);
    }

    [Fact]
    public void Uses_the_configured_days_for_the_housekeeping_rule() =>
        Assert.Equal(2, (int)_b.Rule("housekeeping")["AbortIncompleteMultipartUpload"]!["DaysAfterInitiation"]!);

    [Fact]
    public void Writes_access_logs_with_partitioned_keys_to_the_log_bucket()
    {
        var logging = _b.DataProperties["LoggingConfiguration"]!;
        Assert.Equal("data/", (string?)logging["LogFilePrefix"]);
        Assert.StartsWith("Logs", (string?)logging["DestinationBucketName"]!["Ref"], System.StringComparison.Ordinal);
        Assert.Equal("EventTime", (string?)logging["TargetObjectKeyFormat"]!["PartitionedPrefix"]!["PartitionDateSource"]);
    }

    [Fact]
    public void Encrypts_a_log_target_with_s3_managed_keys_and_creates_no_key()
    {
        var sse = _b.LogProperties["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!;
        Assert.Equal("AES256", (string?)sse["SSEAlgorithm"]);
        Assert.Null(_b.Logs.EncryptionKey);
        _b.Template.ResourceCountIs("AWS::KMS::Key", 1);
    }

    [Fact]
    public void Replicates_everything_with_delete_markers_to_the_destination_key_alias()
    {
        var rule = _b.DataProperties["ReplicationConfiguration"]!["Rules"]![0]!;
        Assert.Equal("Enabled", (string?)rule["Status"]);
        Assert.Equal("", (string?)rule["Filter"]!["Prefix"]);
        Assert.Equal("Enabled", (string?)rule["DeleteMarkerReplication"]!["Status"]);
        Assert.Equal("Enabled", (string?)rule["SourceSelectionCriteria"]!["SseKmsEncryptedObjects"]!["Status"]);
        var destination = rule["Destination"]!;
        Assert.Equal("arn:aws:s3:::infra-test-replica", (string?)destination["Bucket"]);
        Assert.Equal("arn:aws:kms:us-west-2:123456789012:alias/infra/test/replica", (string?)destination["EncryptionConfiguration"]!["ReplicaKmsKeyID"]);
        Assert.Equal("Enabled", (string?)destination["ReplicationTime"]!["Status"]);
        Assert.Equal(15, (int)destination["ReplicationTime"]!["Time"]!["Minutes"]!);
    }

    [Fact]
    public void Lets_only_s3_assume_the_replication_role() =>
        _b.Template.HasResourceProperties("AWS::IAM::Role", new Dictionary<string, object>
        {
            ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object> { ["Principal"] = new Dictionary<string, object> { ["Service"] = "s3.amazonaws.com" } }),
                },
            }),
        });

    [Fact]
    public void Writes_replicas_only_into_the_destination_bucket()
    {
        var write = _b.ReplicationStatements.Single(s => (string?)s!["Sid"] == "WriteReplicas")!;
        Assert.Equal("arn:aws:s3:::infra-test-replica/*", (string?)write["Resource"]);
        Assert.Equal(["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"], write["Action"]!.AsArray().Select(a => (string)a!).Order().ToArray());
    }

    [Fact]
    public void Scopes_kms_use_to_s3_in_each_region_and_to_each_bucket()
    {
        var decrypt = _b.ReplicationStatements.Single(s => (string?)s!["Sid"] == "DecryptSource")!;
        Assert.Equal("kms:Decrypt", (string?)decrypt["Action"]);
        Assert.Equal("s3.us-east-1.amazonaws.com", (string?)decrypt["Condition"]!["StringEquals"]!["kms:ViaService"]);

        var encrypt = _b.ReplicationStatements.Single(s => (string?)s!["Sid"] == "EncryptReplicas")!;
        Assert.Equal("arn:aws:kms:us-west-2:123456789012:key/*", (string?)encrypt["Resource"]);
        Assert.Equal("s3.us-west-2.amazonaws.com", (string?)encrypt["Condition"]!["StringEquals"]!["kms:ViaService"]);
        // Both buckets use S3 Bucket Keys, whose encryption context is the bucket ARN; objects without one use the object ARN.
        Assert.Equal(["arn:aws:s3:::infra-test-replica", "arn:aws:s3:::infra-test-replica/*"],
            encrypt["Condition"]!["StringLike"]!["kms:EncryptionContext:aws:s3:arn"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(2, decrypt["Condition"]!["StringLike"]!["kms:EncryptionContext:aws:s3:arn"]!.AsArray().Count);
        Assert.NotNull(_b.Bucket.ReplicationRole);
    }
}

[Collection(CdkCollection.Name)]
public sealed class LifecycleBucketRemovalTests
{
    [Fact]
    public void Empties_and_deletes_a_disposable_bucket()
    {
        var stack = TestApp.Stack();
        new LifecycleBucket(stack, "Scratch", new LifecycleBucketProps { RemovalPolicy = RemovalPolicy.DESTROY, AutoDeleteObjects = true });
        var template = Template.FromStack(stack);
        var json = template.ToJsonObject();
        Assert.Equal("Delete", (string?)json.Single("AWS::S3::Bucket")["DeletionPolicy"]);
        Assert.Equal("Delete", (string?)json.Single("AWS::KMS::Key")["DeletionPolicy"]);
        template.ResourceCountIs("Custom::S3AutoDeleteObjects", 1);
    }

    [Fact]
    public void Creates_an_alias_for_a_key_other_regions_refer_to()
    {
        var stack = TestApp.Stack();
        new LifecycleBucket(stack, "Replica", new LifecycleBucketProps { BucketName = "infra-test-replica", EncryptionKeyAlias = "alias/infra/test/replica" });
        var template = Template.FromStack(stack);
        template.HasResourceProperties("AWS::KMS::Alias", new Dictionary<string, object> { ["AliasName"] = "alias/infra/test/replica" });
        template.HasResourceProperties("AWS::S3::Bucket", new Dictionary<string, object> { ["BucketName"] = "infra-test-replica" });
    }
}

[Collection(CdkCollection.Name)]
public sealed class LifecycleBucketValidationTests
{
    private static ConstructValidationException Invalid(LifecycleBucketProps props) =>
        Assert.Throws<ConstructValidationException>(() => new LifecycleBucket(TestApp.Stack(), "Bucket", props));

    [Fact]
    public void Refuses_to_auto_delete_objects_of_a_retained_bucket() =>
        Assert.Equal("AutoDeleteObjects: true needs RemovalPolicy DESTROY (got RETAIN); a retained bucket must never be emptied.",
            Assert.Single(Invalid(new LifecycleBucketProps { AutoDeleteObjects = true }).Problems));

    [Fact]
    public void Refuses_replication_from_an_unversioned_s3_managed_bucket()
    {
        var e = Invalid(new LifecycleBucketProps
        {
            Versioned = false,
            Encryption = BucketEncryptionMode.S3Managed,
            Replication = new BucketReplication { DestinationBucketName = "Bad_Name", DestinationRegion = "us-west-2", DestinationKeyAlias = "replica" },
        });
        Assert.Equal(
            [
                "Replication: S3 replication needs a versioned source bucket; set Versioned = true.",
                "Replication: replicated buckets here use SSE-KMS on both sides; set Encryption = Kms.",
                "Replication.DestinationBucketName: 'Bad_Name' is not a valid bucket name (3-63 lowercase letters, digits, dots and hyphens).",
                "Replication.DestinationKeyAlias: 'replica' must start with 'alias/'.",
            ],
            e.Problems);
        Assert.StartsWith("Invalid LifecycleBucketProps for 'Test/Bucket' (4 problems):", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_the_reserved_housekeeping_rule_id() =>
        Assert.Equal("LifecycleRules[0].Id: 'housekeeping' is reserved for the bucket's own rule (incomplete uploads, expired delete markers); choose another id.",
            Assert.Single(Invalid(new LifecycleBucketProps { LifecycleRules = [new BucketLifecycleRule { Id = "housekeeping", ExpireAfterDays = 3 }] }).Problems));

    [Fact]
    public void Reports_lifecycle_problems_with_the_prop_path() =>
        Assert.Equal("LifecycleRules[0].Transitions[0].AfterDays: 5 is too early for Standard-IA; S3 requires at least 30 days.",
            Assert.Single(Invalid(new LifecycleBucketProps
            {
                LifecycleRules = [new BucketLifecycleRule { Id = "ia", Transitions = [new(TransitionStorageClass.StandardInfrequentAccess, 5)] }],
            }).Problems));

    [Fact]
    public void Refuses_an_alias_for_a_key_it_does_not_create() =>
        Assert.Contains("EncryptionKeyAlias: an alias is only created for a key this bucket creates (Encryption = Kms, no EncryptionKey).",
            Invalid(new LifecycleBucketProps { Encryption = BucketEncryptionMode.S3Managed, EncryptionKeyAlias = "alias/x" }).Problems);

    [Fact]
    public void Refuses_an_invalid_bucket_name() =>
        Assert.Equal("BucketName: 'UPPER' is not a valid bucket name (3-63 lowercase letters, digits, dots and hyphens).",
            Assert.Single(Invalid(new LifecycleBucketProps { BucketName = "UPPER" }).Problems));
}
