using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Reports;
using Xunit;

namespace Infra.Policies.Tests;

/// <summary>
/// The console report groups findings by rule: why and fix once per rule, a warning's resources abbreviated past
/// <see cref="ConsoleReport.ListedResources"/> (never an error's), the CDK machinery as one line per kind, and
/// everything at <see cref="FindingsDetail.All"/>.
/// </summary>
public sealed class ConsoleReportTests
{
    private static readonly string Nl = Environment.NewLine;

    // Five buckets of ours with a warning (four with the same message), two with an error, and two CDK provider roles.
    private static PolicyReport Report() => PolicyEngine.Evaluate(
        new PolicyPack([new WarnOnBuckets(), new FailOnTaggedBuckets(), new WarnOnRoles()]),
        [
            PolicyEngineTests.Template("""
                {
                  "B1": { "Type": "AWS::S3::Bucket", "Metadata": { "aws:cdk:path": "Prod/Storage/B1/Resource" } },
                  "B2": { "Type": "AWS::S3::Bucket", "Metadata": { "aws:cdk:path": "Prod/Storage/B2/Resource" } },
                  "B3": { "Type": "AWS::S3::Bucket", "Metadata": { "aws:cdk:path": "Prod/Storage/B3/Resource" } },
                  "B4": { "Type": "AWS::S3::Bucket", "Metadata": { "aws:cdk:path": "Prod/Storage/B4/Resource/Resource" } },
                  "B5": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "odd" }, "Metadata": { "aws:cdk:path": "Prod/Storage/B5/Resource" } },
                  "E1": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [] }, "Metadata": { "aws:cdk:path": "Prod/Storage/E1/Resource" } },
                  "E2": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [] }, "Metadata": { "aws:cdk:path": "Prod/Storage/E2/Resource" } },
                  "R1": { "Type": "AWS::IAM::Role", "Metadata": { "aws:cdk:path": "Prod/Storage/Custom::S3AutoDeleteObjectsCustomResourceProvider/Role" } },
                  "R2": { "Type": "AWS::IAM::Role", "Metadata": { "aws:cdk:path": "Prod/Storage/Custom::VpcRestrictDefaultSGCustomResourceProvider/Role" } }
                }
                """, "production", "infra-prod-storage", "prod"),
        ]);

    private static string Write(FindingsDetail detail)
    {
        using var output = new StringWriter();
        ConsoleReport.Write(Report(), output, detail, "make plan FINDINGS=all lists them all");
        return output.ToString();
    }

    [Fact]
    public void A_summary_states_why_and_fix_once_per_rule_and_names_three_resources_of_a_warning_then_how_many_more()
    {
        var text = Write(FindingsDetail.Summary);

        Assert.Contains(
            $"Warnings (5), by rule; make plan FINDINGS=all lists them all:{Nl}"
            + $"  WARNING TEST-W1 x5: Buckets are test-worthy{Nl}"
            + $"    on Prod/Storage/B1, Prod/Storage/B2, Prod/Storage/B3 and 2 more (make plan FINDINGS=all lists them all){Nl}"
            + $"    why: Stands in for a warning.{Nl}"
            + $"    fix: Nothing to fix: a test rule.{Nl}",
            text, StringComparison.Ordinal);
        Assert.Single(AllIndexes(text, "why: Stands in for a warning."));
    }

    [Fact]
    public void A_shared_message_leads_the_group_in_place_of_the_title()
    {
        using var output = new StringWriter();
        var fourAlike = Report().Findings.Where(f => f.Rule.Id == "TEST-W1" && f.LogicalId != "B5");
        ConsoleReport.WriteFindings(fourAlike, output, FindingsDetail.Summary);

        Assert.Contains($"  WARNING TEST-W1 x4: The bucket is a test bucket.{Nl}    on Prod/Storage/B1, Prod/Storage/B2, Prod/Storage/B3 and 1 more (the reports list every finding){Nl}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_warning_on_one_resource_is_one_line_then_why_and_fix()
    {
        using var output = new StringWriter();
        ConsoleReport.WriteFindings(Report().Findings.Where(f => f.LogicalId == "B5"), output, FindingsDetail.Summary);

        Assert.Equal(
            $"Warnings (1), by rule; the reports list every finding:{Nl}"
            + $"  WARNING TEST-W1 on Prod/Storage/B5: The bucket odd is a test bucket.{Nl}"
            + $"    why: Stands in for a warning.{Nl}"
            + $"    fix: Nothing to fix: a test rule.{Nl}",
            output.ToString());
    }

    [Fact]
    public void Errors_are_never_abbreviated_each_resource_with_its_message()
    {
        var text = Write(FindingsDetail.Summary);

        Assert.StartsWith(
            $"Errors (2, blocking), by rule:{Nl}"
            + $"  ERROR TEST-E1 x2: Tagged buckets fail{Nl}"
            + $"    Prod/Storage/E1: The bucket has tags.{Nl}"
            + $"    Prod/Storage/E2: The bucket has tags.{Nl}"
            + $"    why: Stands in for an error.{Nl}"
            + $"    fix: Remove the tags.{Nl}",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public void Warnings_on_cdk_machinery_are_one_line_per_kind_with_its_reason_and_leave_the_warning_count()
    {
        var report = Report();
        var text = Write(FindingsDetail.Summary);

        Assert.Contains(
            $"CDK machinery (2 warnings, demoted: resources the CDK creates for its own use; every one is in the reports):{Nl}"
            + $"  {CdkMachinery.CustomResourceProvider.Name}: TEST-W2 x2: {CdkMachinery.CustomResourceProvider.Reason}{Nl}",
            text, StringComparison.Ordinal);
        Assert.DoesNotContain("Prod/Storage/Custom::", text, StringComparison.Ordinal);
        Assert.Equal(5, report.Warnings.Count());
        Assert.Equal(2, report.Demoted.Count());
        Assert.EndsWith($"Policy pack: FAILED (2 blocking errors, 5 warnings, 0 suppressed, 2 on CDK machinery; 1 template, 4 rules){Nl}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void All_lists_every_resource_and_every_machinery_finding_with_its_message()
    {
        var text = Write(FindingsDetail.All);

        Assert.Contains($"    Prod/Storage/B4: The bucket is a test bucket.{Nl}    Prod/Storage/B5: The bucket odd is a test bucket.{Nl}", text, StringComparison.Ordinal);
        Assert.Contains($"    TEST-W2 Prod/Storage/Custom::VpcRestrictDefaultSGCustomResourceProvider/Role: The role is a test role.{Nl}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more (", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_level_prints_the_errors_and_the_verdict_only()
    {
        var text = Write(FindingsDetail.Errors);

        Assert.Contains("ERROR TEST-E1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("TEST-W1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CDK machinery (", text, StringComparison.Ordinal);
        Assert.EndsWith($"Policy pack: {PolicyCounts.Of(Report())}{Nl}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_on_cdk_machinery_blocks_and_says_whose_resource_it_is()
    {
        var report = PolicyEngine.Evaluate(new PolicyPack([new FailOnTaggedBuckets()]), [PolicyEngineTests.Template("""
            { "N": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [] },
                     "Metadata": { "aws:cdk:path": "Dev/Storage/Custom::S3AutoDeleteObjectsCustomResourceProvider/Bucket" } } }
            """)]);
        using var output = new StringWriter();
        ConsoleReport.Write(report, output, FindingsDetail.Summary);

        Assert.False(report.Passed);
        Assert.False(Assert.Single(report.Findings).IsDemoted);
        Assert.Contains($"    Dev/Storage/Custom::S3AutoDeleteObjectsCustomResourceProvider/Bucket (CDK machinery: CDK custom-resource provider): The bucket has tags.{Nl}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_report_reads_back_into_the_same_findings_and_counts()
    {
        var report = Report();
        var read = JsonReport.Parse(JsonNode.Parse(JsonReport.Render(report))!.AsObject());

        Assert.Equal(PolicyCounts.Of(report), read.Counts);
        Assert.Equal(
            report.Findings.Select(f => (f.Rule, f.StackName, f.Path, f.Message, f.FindingId, f.IsDemoted, f.IsBlocking, f.Machinery)),
            read.Findings.Select(f => (f.Rule, f.StackName, f.Path, f.Message, f.FindingId, f.IsDemoted, f.IsBlocking, f.Machinery)));
        using var direct = new StringWriter();
        using var readBack = new StringWriter();
        ConsoleReport.WriteFindings(report.Findings, direct, FindingsDetail.All);
        ConsoleReport.WriteFindings(read.Findings, readBack, FindingsDetail.All);
        Assert.Equal(direct.ToString(), readBack.ToString());
    }

    [Fact]
    public void Json_sarif_and_markdown_carry_the_demoted_findings_with_their_reason()
    {
        var report = Report();
        var json = JsonNode.Parse(JsonReport.Render(report))!;
        var demoted = json["findings"]!.AsArray().Where(f => (string?)f!["origin"] == JsonReport.OriginCdk).ToList();
        Assert.Equal(2, demoted.Count);
        Assert.All(demoted, f => Assert.Equal(CdkMachinery.CustomResourceProvider.Reason, (string?)f!["demotedBecause"]));
        Assert.Equal(2, (int)json["cdkMachinery"]!);

        var sarif = JsonNode.Parse(SarifReport.Render(report, Directory.GetCurrentDirectory()))!;
        var results = sarif["runs"]![0]!["results"]!.AsArray().Where(r => (string?)r!["ruleId"] == "TEST-W2").ToList();
        Assert.All(results, r => Assert.Equal("external", (string?)r!["suppressions"]![0]!["kind"]));

        var md = MarkdownReport.Render(report);
        Assert.Contains("<details><summary>Warnings on CDK machinery (2, demoted)</summary>", md, StringComparison.Ordinal);
        Assert.Contains("| TEST-W2 | `infra-prod-storage` | `Prod/Storage/Custom::VpcRestrictDefaultSGCustomResourceProvider/Role` |", md, StringComparison.Ordinal);
        Assert.Contains("<details><summary>Warnings (5)</summary>", md, StringComparison.Ordinal);
    }

    private static List<int> AllIndexes(string text, string value)
    {
        var found = new List<int>();
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            found.Add(i);
        }

        return found;
    }

    private sealed class WarnOnBuckets : IPolicyRule
    {
        public RuleInfo Info { get; } = new("TEST-W1", PolicyLevel.Warning, "Test", "Buckets are test-worthy", "Stands in for a warning.", "Nothing to fix: a test rule.");

        public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string> { "AWS::S3::Bucket" };

        public IEnumerable<Violation> Check(TemplateResource resource) =>
            resource.Property("Tags") is not null ? []
            : [new(resource.Property("BucketName") is { } name ? $"The bucket {name} is a test bucket." : "The bucket is a test bucket.")];
    }

    private sealed class FailOnTaggedBuckets : IPolicyRule
    {
        public RuleInfo Info { get; } = new("TEST-E1", PolicyLevel.Error, "Test", "Tagged buckets fail", "Stands in for an error.", "Remove the tags.");

        public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string> { "AWS::S3::Bucket" };

        public IEnumerable<Violation> Check(TemplateResource resource) => resource.Property("Tags") is null ? [] : [new("The bucket has tags.")];
    }

    private sealed class WarnOnRoles : IPolicyRule
    {
        public RuleInfo Info { get; } = new("TEST-W2", PolicyLevel.Warning, "Test", "Roles are test-worthy", "Stands in for a warning on a role.", "Nothing to fix: a test rule.");

        public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string> { "AWS::IAM::Role" };

        public IEnumerable<Violation> Check(TemplateResource resource) => [new("The role is a test role.")];
    }
}
