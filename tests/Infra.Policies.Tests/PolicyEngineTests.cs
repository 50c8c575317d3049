using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace Infra.Policies.Tests;

public sealed class PolicyEngineTests
{
    private static readonly PolicyPack Pack = PolicyPack.Default;

    internal static TemplateDocument Template(string resources, string? profile = null, string stack = "Stack", string? environment = null) =>
        new(new JsonObject { ["Resources"] = JsonNode.Parse(resources)!.AsObject() }, stack, $"{stack}.template.json", environment) { Profile = profile };

    private static string Suppress(string id, string reason, params string[] appliesTo) =>
        $$"""{ "infra:policy": { "suppressions": [ { "id": "{{id}}", "reason": "{{reason}}"{{(appliesTo.Length == 0 ? "" : $", \"appliesTo\": [{string.Join(", ", appliesTo.Select(a => $"\"{a}\""))}]")}} } ] } }""";

    private const string UnversionedBucket = """{ "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Suspended" } } }""";

    [Fact]
    public void A_reasoned_suppression_acknowledges_the_finding_and_shows_in_the_report()
    {
        var report = PolicyEngine.Evaluate(Pack, [Template($$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Suspended" } },
                     "Metadata": {{Suppress("INFRA-S3-5", "Scratch data that is recreated on every run.")}} } }
            """)]);
        var finding = report.Findings.Single(f => f.Rule.Id == "INFRA-S3-5");
        Assert.True(finding.IsSuppressed);
        Assert.False(finding.IsBlocking);
        Assert.Equal("Scratch data that is recreated on every run.", finding.SuppressedBy!.Reason);
        Assert.Equal("INFRA-S3-5", Assert.Single(report.Suppressions).Suppression.RuleId);
    }

    [Fact]
    public void An_unsuppressed_error_blocks()
    {
        var report = PolicyEngine.Evaluate(Pack, [Template($$"""{ "B": {{UnversionedBucket}} }""")]);
        Assert.False(report.Passed);
        Assert.Contains(report.Blocking, f => f.Rule.Id == "INFRA-S3-5" && f.LogicalId == "B");
    }

    [Fact]
    public void A_suppression_of_an_unknown_rule_is_itself_an_error()
    {
        var report = PolicyEngine.Evaluate(Pack, [Template($$"""
            { "B": { "Type": "AWS::S3::Bucket", "Metadata": {{Suppress("INFRA-S3-55", "A typo in the rule id of this suppression.")}} } }
            """)]);
        var finding = report.Blocking.Single(f => f.Rule.Id == "INFRA-POLICY-1");
        Assert.Equal("suppresses 'INFRA-S3-55', which is not a rule of this pack; fix the id (see RULES.md) or remove the suppression.", finding.Message);
        Assert.False(Assert.Single(report.Suppressions).IsValid);
    }

    [Fact]
    public void A_suppression_without_a_real_reason_is_an_error_and_hides_nothing()
    {
        var report = PolicyEngine.Evaluate(Pack, [Template($$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Suspended" } },
                     "Metadata": {{Suppress("INFRA-S3-5", "because")}} } }
            """)]);
        Assert.Contains(report.Blocking, f => f.Rule.Id == "INFRA-POLICY-1"
            && f.Message == "suppresses INFRA-S3-5 with the reason 'because'; give at least 10 characters saying why the rule does not apply.");
        Assert.Contains(report.Blocking, f => f.Rule.Id == "INFRA-S3-5");
    }

    [Fact]
    public void The_pack_s_own_rule_cannot_be_suppressed()
    {
        var report = PolicyEngine.Evaluate(Pack, [Template($$"""
            { "B": { "Type": "AWS::S3::Bucket", "Metadata": {{Suppress("INFRA-POLICY-1", "Trying to silence the suppression check.")}} } }
            """)]);
        Assert.Contains(report.Blocking, f => f.Message == "suppresses INFRA-POLICY-1, which cannot be suppressed.");
    }

    [Fact]
    public void A_granular_suppression_covers_only_the_findings_it_names()
    {
        var report = PolicyEngine.Evaluate(Pack, [Template($$"""
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "Roles": [ "r" ], "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Action": [ "s3:*", "sqs:*" ], "Resource": "arn:aws:s3:::b" } ] } },
              "Metadata": {{Suppress("INFRA-IAM-2", "The reader role needs every S3 read and list action.", "Action::s3:*")}} } }
            """)]);
        var findings = report.Findings.Where(f => f.Rule.Id == "INFRA-IAM-2").ToList();
        Assert.True(findings.Single(f => f.FindingId == "Action::s3:*").IsSuppressed);
        Assert.False(findings.Single(f => f.FindingId == "Action::sqs:*").IsSuppressed);
    }

    [Fact]
    public void A_rule_that_throws_becomes_a_finding_instead_of_a_crash()
    {
        var pack = new PolicyPack([new ThrowingRule()]);
        var report = PolicyEngine.Evaluate(pack, [Template("""{ "B": { "Type": "AWS::S3::Bucket" } }""")]);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("The rule failed on this resource (InvalidOperationException: boom); treat the resource as unchecked and fix the rule.", finding.Message);
        Assert.True(finding.IsBlocking);
    }

    [Fact]
    public void Rejects_two_rules_with_one_id() =>
        Assert.Contains("TEST-1", Assert.Throws<ArgumentException>(() => new PolicyPack([new ThrowingRule(), new ThrowingRule()])).Message, StringComparison.Ordinal);

    [Fact]
    public void Production_rules_follow_the_declared_profile()
    {
        const string Key = """{ "K": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": true, "Description": "k" } } }""";
        Assert.Contains(PolicyEngine.Evaluate(Pack, [Template(Key, "production")]).Blocking, f => f.Rule.Id == "INFRA-DATA-1");
        Assert.DoesNotContain(PolicyEngine.Evaluate(Pack, [Template(Key, "development")]).Findings, f => f.Rule.Id == "INFRA-DATA-1");
    }

    [Fact]
    public void Never_takes_production_from_a_name_or_an_environment_tag()
    {
        var template = Template("""{ "B": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [ { "Key": "environment", "Value": "prod" } ] } } }""");
        Assert.Equal("prod", template.Environment);
        Assert.False(template.IsProduction);
    }

    private sealed class ThrowingRule : IPolicyRule
    {
        public RuleInfo Info { get; } = new("TEST-1", PolicyLevel.Error, "Test", "Throws", "Shows what happens when a rule has a bug in it.", "Fix the rule's code.");

        public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string> { "AWS::S3::Bucket" };

        public IEnumerable<Violation> Check(TemplateResource resource) => throw new InvalidOperationException("boom");
    }
}
