using System;
using System.Linq;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.S3;
using Infra.TestKit;
using Xunit;

namespace Infra.Policies.Tests;

[CollectionDefinition(Name)]
public sealed class CdkCollection
{
    public const string Name = "CDK";
}

[Collection(CdkCollection.Name)]
public sealed class PolicySuppressionsTests
{
    [Fact]
    public void Writes_each_suppression_into_the_resource_metadata()
    {
        var stack = TestApp.Stack();
        var bucket = new Bucket(stack, "Logs");
        PolicySuppressions.Add(bucket, "INFRA-S3-4", "Access-log targets must use SSE-S3.");
        PolicySuppressions.Add(bucket, "INFRA-IAM-2", "Reads every object of the bucket.", "Action::s3:*");

        var json = Template.FromStack(stack).ToJsonObject().Single("AWS::S3::Bucket");
        var suppressions = json["Metadata"]![PolicySuppressions.MetadataKey]!["suppressions"]!.AsArray();
        Assert.Equal(2, suppressions.Count);
        Assert.Equal("INFRA-S3-4", (string?)suppressions[0]!["id"]);
        Assert.Equal("Access-log targets must use SSE-S3.", (string?)suppressions[0]!["reason"]);
        Assert.Equal(["Action::s3:*"], suppressions[1]!["appliesTo"]!.AsArray().Select(a => (string)a!).ToArray());
    }

    [Fact]
    public void Suppressions_written_from_csharp_are_read_by_the_engine()
    {
        var stack = TestApp.Stack();
        var bucket = new CfnBucket(stack, "Raw");
        PolicySuppressions.Add(bucket, "INFRA-S3-5", "Scratch data that is recreated on every run.");
        var template = new TemplateDocument(Template.FromStack(stack).ToJsonObject(), "Test", "Test.template.json", "dev");
        var finding = PolicyEngine.Evaluate(PolicyPack.Default, [template]).Findings.Single(f => f.Rule.Id == "INFRA-S3-5");
        Assert.Equal("Scratch data that is recreated on every run.", finding.SuppressedBy?.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ok")]
    [InlineData("  short   ")]
    public void Refuses_a_reason_shorter_than_ten_characters(string reason)
    {
        var stack = TestApp.Stack();
        var bucket = new Bucket(stack, "B");
        var e = Assert.Throws<ArgumentException>(() => PolicySuppressions.Add(bucket, "INFRA-S3-5", reason));
        Assert.StartsWith($"Suppressing INFRA-S3-5 on 'Test/B' needs a reason of at least 10 characters (got '{reason}')", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_construct_that_is_no_cloudformation_resource()
    {
        var stack = TestApp.Stack();
        var group = new Constructs.Construct(stack, "Group");
        var e = Assert.Throws<ArgumentException>(() => PolicySuppressions.Add(group, "INFRA-S3-5", "A reason long enough to count."));
        Assert.StartsWith("'Test/Group' is not a CloudFormation resource", e.Message, StringComparison.Ordinal);
    }
}
