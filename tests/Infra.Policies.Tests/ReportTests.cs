using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Reports;
using Xunit;

namespace Infra.Policies.Tests;

public sealed class ReportTests
{
    private static PolicyReport Report() => PolicyEngine.Evaluate(PolicyPack.Default,
    [
        PolicyEngineTests.Template("""
            {
              "Logs": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Suspended" } },
                        "Metadata": { "aws:cdk:path": "Prod/Storage/Logs/Resource",
                                      "infra:policy": { "suppressions": [ { "id": "INFRA-S3-5", "reason": "Log objects are write-once; versions add nothing." } ] } } },
              "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": false, "Description": "k" }, "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain" }
            }
            """, "production", "infra-prod-storage", "prod"),
    ]);

    [Fact]
    public void Sarif_is_version_2_1_0_with_every_rule_and_located_results()
    {
        var sarif = JsonNode.Parse(SarifReport.Render(Report(), Directory.GetCurrentDirectory()))!;
        Assert.Equal("2.1.0", (string?)sarif["version"]);
        Assert.Equal(SarifReport.Schema, (string?)sarif["$schema"]);
        var run = sarif["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        Assert.Equal(PolicyPack.Default.Rules.Count, rules.Count);
        var rotation = rules.Single(r => (string?)r!["id"] == "INFRA-KMS-1")!;
        Assert.Equal("error", (string?)rotation["defaultConfiguration"]!["level"]);
        Assert.False(string.IsNullOrEmpty((string?)rotation["help"]!["text"]));

        var result = run["results"]!.AsArray().Single(r => (string?)r!["ruleId"] == "INFRA-KMS-1")!;
        Assert.Equal("error", (string?)result["level"]);
        Assert.Equal(rules.IndexOf(rotation), (int)result["ruleIndex"]!);
        Assert.Equal("infra-prod-storage.template.json", (string?)result["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]);
        Assert.Equal("Key", (string?)result["locations"]![0]!["logicalLocations"]![0]!["name"]);
        Assert.Matches("^[0-9a-f]{64}$", (string?)result["partialFingerprints"]!["infraPolicyFinding/v1"]);
    }

    [Fact]
    public void Sarif_marks_suppressed_findings_with_their_justification()
    {
        var sarif = JsonNode.Parse(SarifReport.Render(Report(), Directory.GetCurrentDirectory()))!;
        var result = sarif["runs"]![0]!["results"]!.AsArray().Single(r => (string?)r!["ruleId"] == "INFRA-S3-5")!;
        var suppression = result["suppressions"]![0]!;
        Assert.Equal("inSource", (string?)suppression["kind"]);
        Assert.Equal("Log objects are write-once; versions add nothing.", (string?)suppression["justification"]);
    }

    [Fact]
    public void Fingerprints_are_stable_across_runs_and_distinct_per_finding()
    {
        var first = Report().Findings.Select(SarifReport.Fingerprint).ToList();
        var second = Report().Findings.Select(SarifReport.Fingerprint).ToList();
        Assert.Equal(first, second);
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void Markdown_leads_with_the_result_and_a_table_per_stack()
    {
        var md = MarkdownReport.Render(Report());
        Assert.StartsWith("## Policy report", md, System.StringComparison.Ordinal);
        Assert.Contains("**Failed**", md, System.StringComparison.Ordinal);
        Assert.Contains("| prod | `infra-prod-storage` |", md, System.StringComparison.Ordinal);
        Assert.Contains("### Errors (blocking)", md, System.StringComparison.Ordinal);
        Assert.Contains("| INFRA-KMS-1 | `infra-prod-storage` | `Key` |", md, System.StringComparison.Ordinal);
        Assert.Contains("Log objects are write-once; versions add nothing.", md, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Json_carries_every_finding_and_suppression()
    {
        var report = Report();
        var json = JsonNode.Parse(JsonReport.Render(report))!;
        Assert.False((bool)json["passed"]!);
        Assert.Equal(report.Findings.Count, json["findings"]!.AsArray().Count);
        Assert.Equal("Log objects are write-once; versions add nothing.", (string?)json["suppressions"]![0]!["reason"]);
        Assert.Equal(report.Blocking.Count(), (int)json["blockingErrors"]!);
    }

    [Fact]
    public void Console_lists_each_blocking_finding_with_why_and_fix_and_ends_with_the_verdict()
    {
        using var output = new StringWriter();
        ConsoleReport.Write(Report(), output, FindingsDetail.All);
        var text = output.ToString();
        Assert.Contains("  ERROR INFRA-KMS-1 x1: Symmetric KMS keys have automatic rotation on", text, System.StringComparison.Ordinal);
        Assert.Contains("    infra-prod-storage Key: EnableKeyRotation is false; set it to true.", text, System.StringComparison.Ordinal);
        Assert.Contains("    why: ", text, System.StringComparison.Ordinal);
        Assert.Contains("    fix: ", text, System.StringComparison.Ordinal);
        Assert.Contains("    INFRA-S3-5 on Prod/Storage/Logs: Log objects are write-once; versions add nothing.", text, System.StringComparison.Ordinal);
        Assert.EndsWith($"Policy pack: {PolicyCounts.Of(Report())}{System.Environment.NewLine}", text, System.StringComparison.Ordinal);
        Assert.StartsWith("FAILED (", PolicyCounts.Of(Report()).ToString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_writes_every_report_and_fails_on_a_blocking_error()
    {
        var dir = Directory.CreateTempSubdirectory("infra-gate-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "bad.json"), """{ "Resources": { "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": false } } } }""");
            using var output = new StringWriter();
            Assert.Equal(1, PolicyGate.Enforce(PolicyPack.Default, dir, Path.Combine(dir, "reports"), output));
            Assert.All(PolicyGate.ReportFiles, f => Assert.True(File.Exists(Path.Combine(dir, "reports", f)), f));

            File.WriteAllText(Path.Combine(dir, "bad.json"), """{ "Resources": { "Key": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": true, "Description": "k", "Tags": [ { "Key": "owner", "Value": "o" }, { "Key": "cost-center", "Value": "c" }, { "Key": "environment", "Value": "dev" } ] } } } }""");
            using var again = new StringWriter();
            Assert.Equal(0, PolicyGate.Enforce(PolicyPack.Default, dir, Path.Combine(dir, "reports"), again));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
