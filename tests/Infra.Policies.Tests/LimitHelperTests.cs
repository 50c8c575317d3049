using System.Text.Json.Nodes;
using Infra.Policies.Rules;
using Infra.Policies.Rules.IAM;
using Infra.Policies.Tests.Rules;
using Xunit;

namespace Infra.Policies.Tests;

/// <summary>The shared pieces of the limit rules: the intrinsic resolver, the policy size count, the wildcard and read-only tests.</summary>
public sealed class LimitHelperTests
{
    private static TemplateDocument Template(string? account = "111111111111", string? region = "us-east-1", string extra = "") =>
        new(JsonNode.Parse($$"""
            { "Parameters": { "Env": { "Type": "String", "Default": "prod" } },
              "Mappings": { "M": { "us-east-1": { "Ami": "ami-123" }, "eu-west-1": { "Ami": "ami-45678" } } },
              "Resources": { "Topic": { "Type": "AWS::SNS::Topic" }, "Bucket": { "Type": "AWS::S3::Bucket" } {{extra}} } }
            """)!.AsObject(), "S", "s.json", null) { Account = account, Region = region };

    private static ResolvedText Resolve(string json, TemplateDocument? template = null) =>
        IntrinsicResolver.For(template ?? Template()).Resolve(JsonNode.Parse(json))!;

    [Theory]
    [InlineData("""{ "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":s3:::b"]] }""", "arn:aws:s3:::b")]
    [InlineData("""{ "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${Name}-${!Literal}" }""", "arn:aws:iam::111111111111:role/⟨Name⟩-${Literal}")]
    [InlineData("""{ "Fn::Sub": ["${A}.${AWS::URLSuffix}", { "A": "x" }] }""", "x.amazonaws.com")]
    [InlineData("""{ "Fn::Select": [1, ["a", { "Ref": "AWS::Region" }]] }""", "us-east-1")]
    [InlineData("""{ "Fn::FindInMap": ["M", "us-east-1", "Ami"] }""", "ami-123")]
    [InlineData("""{ "Fn::If": ["C", "same", "same"] }""", "same")]
    public void Resolves_literals_and_the_stack_s_pseudo_parameters(string json, string expected) =>
        Assert.Equal(expected, Resolve(json).Text);

    [Fact]
    public void Estimates_what_only_deploy_time_knows_with_the_documented_lengths()
    {
        Assert.Equal((IntrinsicResolver.ArnEstimate, 1), (Resolve("""{ "Fn::GetAtt": ["Bucket", "Arn"] }""").Length, Resolve("""{ "Fn::GetAtt": ["Bucket", "Arn"] }""").Estimates));
        Assert.Equal(IntrinsicResolver.ArnEstimate, Resolve("""{ "Ref": "Topic" }""").Length);
        Assert.Equal(IntrinsicResolver.IdEstimate, Resolve("""{ "Ref": "Bucket" }""").Length);
        Assert.Equal(IntrinsicResolver.UrlEstimate, Resolve("""{ "Fn::GetAtt": ["Bucket", "RegionalDomainName"] }""").Length);
        Assert.Equal(IntrinsicResolver.ArnEstimate, Resolve("""{ "Fn::ImportValue": "x" }""").Length);
        Assert.Equal("prod".Length, Resolve("""{ "Ref": "Env" }""").Length);
        Assert.Equal("ami-45678".Length, Resolve("""{ "Fn::FindInMap": ["M", { "Ref": "AWS::Region" }, "Ami"] }""", Template(region: null)).Length);
    }

    [Fact]
    public void Without_a_known_environment_uses_the_longest_plausible_values()
    {
        var agnostic = Template(account: null, region: null);
        Assert.Equal("arn:aws:ec2:⟨AWS::Region⟩:⟨AWS::AccountId⟩:vpc/v", Resolve("""{ "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/v" }""", agnostic).Text);
        var resolved = Resolve("""{ "Fn::Sub": "${AWS::Region}${AWS::AccountId}${AWS::URLSuffix}" }""", agnostic);
        Assert.Equal(IntrinsicResolver.RegionEstimate + IntrinsicResolver.AccountIdLength + IntrinsicResolver.UrlSuffixEstimate, resolved.Length);
        Assert.Equal(2, resolved.Estimates);
        Assert.Equal("aws-cn", IntrinsicResolver.For(Template(region: "cn-north-1")).Partition);
    }

    [Fact]
    public void Counts_a_policy_as_compact_json_after_resolving()
    {
        var compact = LimitRuleFixtures.Policy(300);
        var indented = JsonNode.Parse(compact)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.Equal(new PolicySize(300, 0), PolicySize.Of(JsonNode.Parse(indented), Template()));

        var withRefs = JsonNode.Parse("""
            { "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": [
                { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":s3:::b"]] }, { "Ref": "AWS::NoValue" }, { "Fn::GetAtt": ["Bucket", "Arn"] } ],
              "Condition": { "Fn::If": ["C", { "Bool": { "aws:SecureTransport": "true" } }, { "Ref": "AWS::NoValue" }] } } ] }
            """);
        const string Resolved = """{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b",""],"Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}""";
        Assert.Equal(new PolicySize(Resolved.Length + IntrinsicResolver.ArnEstimate, 2), PolicySize.Of(withRefs, Template()));
    }

    [Fact]
    public void Counts_json_escapes()
    {
        var size = PolicySize.Of(JsonNode.Parse("""{ "Sid": "a\"b\\c" }"""), Template());
        Assert.Equal("""{"Sid":"a\"b\\c"}""".Length, size.Characters);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:aws:s3:::*", true)]
    [InlineData("arn:aws:s3:::*/*", true)]
    [InlineData("arn:aws:s3:::orders/*", false)]
    [InlineData("arn:aws:ec2:us-east-1:111111111111:security-group/*", true)]
    [InlineData("arn:aws:ec2:*:111111111111:instance/i-1", true)]
    [InlineData("arn:aws:iam::*:role/x", true)]
    [InlineData("arn:aws:lambda:us-east-1:111111111111:function:*", true)]
    [InlineData("arn:aws:logs:us-east-1:111111111111:log-group:/aws/eks/*", false)]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/*/*", true)]
    [InlineData("arn:aws:sqs:us-east-1:111111111111:orders-*", false)]
    [InlineData("⟨Bucket.Arn⟩/*", false)]
    public void Judges_wildcard_resources(string resource, bool expected) =>
        Assert.Equal(expected, WriteActionsOnWildcardResources.IsWildcard(resource));

    [Fact]
    public void Keeps_a_small_documented_list_of_read_only_verbs()
    {
        Assert.Equal(["Describe", "Get", "List", "Head", "BatchGet", "Search", "Lookup", "Query", "Scan", "Select", "View", "Filter"], WriteActionsOnWildcardResources.ReadOnlyVerbs);
        Assert.All(new[] { "ec2:DescribeInstances", "s3:Get*", "s3:listbucket", "dynamodb:BatchGetItem", "dynamodb:Query", "cloudtrail:LookupEvents", "logs:FilterLogEvents" },
            a => Assert.True(WriteActionsOnWildcardResources.IsReadOnly(a), a));
        Assert.All(new[] { "*", "s3:*", "s3:G*", "s3:PutObject", "kms:GenerateDataKey", "dynamodb:BatchWriteItem", "ec2:CreateTags" },
            a => Assert.False(WriteActionsOnWildcardResources.IsReadOnly(a), a));
    }

    [Fact]
    public void The_attachment_index_is_built_once_per_template()
    {
        var template = Template(extra: """, "R": { "Type": "AWS::IAM::Role", "Properties": {} }""");
        Assert.Same(IamAttachments.For(template), IamAttachments.For(template));
        Assert.Same(IntrinsicResolver.For(template), IntrinsicResolver.For(template));
        Assert.Empty(IamAttachments.For(template).InlinePoliciesOf(template.Find("R")!));
    }
}
