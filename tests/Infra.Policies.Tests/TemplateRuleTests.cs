using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Reports;
using Infra.Policies.Rules.CloudFormation;
using Xunit;

namespace Infra.Policies.Tests;

/// <summary>Template rules (<see cref="ITemplateRule"/>): run once per template, reported on the template, suppressible only from its metadata.</summary>
public sealed class TemplateRuleTests
{
    private static TemplateDocument Template(string json, long? fileBytes = null) =>
        new(JsonNode.Parse(json)!.AsObject(), "Stack", "Stack.template.json", "dev") { FileBytes = fileBytes };

    private static string Outputs(int count, int idLength = 5) =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => $"\"{$"O{i}".PadRight(idLength, 'x')}\": {{ \"Value\": \"v\" }}"));

    private static PolicyReport Evaluate(TemplateDocument template) => PolicyEngine.Evaluate(new PolicyPack([new TemplateLimits()]), [template]);

    [Fact]
    public void Reports_each_limit_on_the_template_at_one_over_and_passes_exactly_at_it()
    {
        var atLimits = Template($$"""
            { "Description": "{{new string('d', 1_024)}}", "Resources": {}, "Outputs": { {{Outputs(200, 255)}} } }
            """, fileBytes: 1_048_576);
        Assert.Empty(Evaluate(atLimits).Findings);

        var over = Template($$"""
            { "Description": "{{new string('d', 1_023)}}é", "Resources": {}, "Outputs": { {{Outputs(200)}}, "{{new string('L', 256)}}": { "Value": "v" } } }
            """, fileBytes: 1_048_577);
        var findings = Evaluate(over).Findings;
        Assert.Equal(
        [
            "The template body is 1,048,577 bytes, over CloudFormation's limit of 1,048,576 bytes for a template read from S3; split the stack.",
            "Outputs declares 201 entries, over CloudFormation's limit of 200; split the stack.",
            $"Outputs logical id '{new string('L', 40)}...' is 256 characters, over CloudFormation's limit of 255; shorten the construct id.",
            "Description is 1,025 bytes, over CloudFormation's limit of 1,024; shorten it.",
        ], findings.Select(f => f.Message));
        Assert.All(findings, f =>
        {
            Assert.Equal(TemplateDocument.TemplateScope, f.LogicalId);
            Assert.Equal(TemplateDocument.TemplateScope, f.Path);
            Assert.True(f.IsBlocking);
        });
    }

    [Fact]
    public void Uses_compact_json_for_a_template_without_a_file()
    {
        var big = Template($$"""{ "Resources": { "P": { "Type": "AWS::SSM::Parameter", "Properties": { "Value": "{{new string('v', 1_048_576)}}" } } } }""");
        Assert.Equal("BodySize", Assert.Single(Evaluate(big).Findings).FindingId);
    }

    [Fact]
    public void A_template_metadata_suppression_acknowledges_a_template_finding_and_shows_in_every_report()
    {
        var template = Template($$"""
            { "Metadata": { "infra:policy": { "suppressions": [ { "id": "INFRA-CFN-2", "reason": "Measured against the raised quota in this account.", "appliesTo": ["Outputs::Count"] } ] } },
              "Resources": {}, "Outputs": { {{Outputs(201)}} } }
            """);
        var report = Evaluate(template);
        var finding = Assert.Single(report.Findings);
        Assert.True(finding.IsSuppressed);
        Assert.True(report.Passed);
        var declared = Assert.Single(report.Suppressions);
        Assert.Equal(TemplateDocument.TemplateScope, declared.LogicalId);
        Assert.True(declared.IsValid);

        Assert.Contains("INFRA-CFN-2 [Outputs::Count] on Stack (template): Measured against", Console(report), StringComparison.Ordinal);
        Assert.Contains("| INFRA-CFN-2 (Outputs::Count) | `Stack` | `(template)` |", MarkdownReport.Render(report), StringComparison.Ordinal);
        var sarif = JsonNode.Parse(SarifReport.Render(report, Directory.GetCurrentDirectory()))!;
        var result = sarif["runs"]![0]!["results"]![0]!;
        Assert.Equal("(template)", (string?)result["locations"]![0]!["logicalLocations"]![0]!["name"]);
        Assert.Equal("inSource", (string?)result["suppressions"]![0]!["kind"]);
        var json = JsonNode.Parse(JsonReport.Render(report))!;
        Assert.Equal("(template)", (string?)json["findings"]![0]!["logicalId"]);
        Assert.Equal(1, (int?)json["suppressed"]);
    }

    [Fact]
    public void A_template_suppression_of_a_resource_rule_is_an_error_and_hides_nothing()
    {
        var template = Template("""
            { "Metadata": { "infra:policy": { "suppressions": [ { "id": "INFRA-S3-5", "reason": "Every bucket of this stack is scratch space." } ] } },
              "Resources": { "B": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Suspended" } } } } }
            """);
        var report = PolicyEngine.Evaluate(PolicyPack.Default, [template]);
        Assert.Contains(report.Blocking, f => f.Rule.Id == "INFRA-POLICY-1" && f.LogicalId == TemplateDocument.TemplateScope
            && f.Message == "suppresses INFRA-S3-5 in the template's metadata, which only covers template rules; suppress it on the resource instead.");
        Assert.Contains(report.Blocking, f => f.Rule.Id == "INFRA-S3-5" && f.LogicalId == "B");
    }

    [Fact]
    public void A_template_rule_that_throws_becomes_a_finding_on_the_template()
    {
        var report = PolicyEngine.Evaluate(new PolicyPack([new ThrowingTemplateRule()]), [Template("""{ "Resources": { "B": { "Type": "AWS::S3::Bucket" } } }""")]);
        var finding = Assert.Single(report.Findings);
        Assert.Equal("The rule failed on this template (InvalidOperationException: boom); treat the template as unchecked and fix the rule.", finding.Message);
        Assert.Equal(TemplateDocument.TemplateScope, finding.LogicalId);
    }

    [Fact]
    public void Template_rules_run_once_per_template_not_per_resource()
    {
        var rule = new ThrowingTemplateRule { Throw = false };
        PolicyEngine.Evaluate(new PolicyPack([rule]), [Template("""{ "Resources": { "A": { "Type": "AWS::S3::Bucket" }, "B": { "Type": "AWS::S3::Bucket" } } }""")]);
        Assert.Equal(1, rule.Calls);
    }

    // Suppressed findings show in the console at the All level.
    private static string Console(PolicyReport report)
    {
        using var writer = new StringWriter();
        ConsoleReport.Write(report, writer, FindingsDetail.All);
        return writer.ToString();
    }

    private sealed class ThrowingTemplateRule : TemplateRule
    {
        public bool Throw { get; init; } = true;

        public int Calls { get; private set; }

        public override RuleInfo Info { get; } = new("TEST-2", PolicyLevel.Error, "Test", "Throws", "Shows what happens when a template rule has a bug in it.", "Fix the rule's code.");

        public override System.Collections.Generic.IEnumerable<Violation> CheckTemplate(TemplateDocument document)
        {
            Calls++;
            return Throw ? throw new InvalidOperationException("boom") : [];
        }
    }
}
