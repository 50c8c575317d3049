using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Infra.Policies.Reports;

/// <summary>The report as JSON, for tools (the pull-request diff compares two of these).</summary>
public static class JsonReport
{
    /// <summary>The JSON report the gate wrote into <paramref name="directory"/>; <c>null</c> when there is none.</summary>
    public static JsonObject? Read(string directory)
    {
        var file = System.IO.Path.Combine(directory, PolicyGate.JsonReportFile);
        return System.IO.File.Exists(file) ? JsonNode.Parse(System.IO.File.ReadAllText(file)) as JsonObject : null;
    }

    /// <summary>A finding's <c>origin</c> when the code defines its resource.</summary>
    public const string OriginCode = "code";

    /// <summary>A finding's <c>origin</c> when its resource is CDK machinery (<see cref="CdkMachinery"/>).</summary>
    public const string OriginCdk = "cdk-machinery";

    /// <summary>
    /// Reads back what <see cref="Render"/> wrote: every finding with its rule, suppression and CDK machinery kind, the
    /// per-stack counts and the verdict's counts, so that <c>make plan</c> prints the findings without evaluating again.
    /// </summary>
    /// <exception cref="System.IO.InvalidDataException">A finding names a rule the report does not list.</exception>
    public static ReadReport Parse(JsonObject report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = (report["rules"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(r => new RuleInfo(
                (string?)r["id"] ?? "", (string?)r["level"] == "error" ? PolicyLevel.Error : PolicyLevel.Warning, (string?)r["service"] ?? "",
                (string?)r["title"] ?? "", (string?)r["why"] ?? "", (string?)r["fix"] ?? "", (string?)r["cdkNag"], (string?)r["checkov"]))
            .ToDictionary(r => r.Id, StringComparer.Ordinal);
        var findings = (report["findings"] as JsonArray ?? []).OfType<JsonObject>().Select(f =>
        {
            var id = (string?)f["ruleId"] ?? "";
            var rule = rules.GetValueOrDefault(id)
                ?? throw new System.IO.InvalidDataException($"The policy report names rule '{id}' in a finding but not among its rules; write it again (make plan).");
            var suppressed = (string?)f["suppressedBecause"];
            return new PolicyFinding(
                rule, (string?)f["stack"] ?? "", (string?)f["environment"], (string?)f["template"] ?? "", (string?)f["logicalId"] ?? "", (string?)f["type"] ?? "",
                (string?)f["path"] ?? "", (string?)f["message"] ?? "", (string?)f["findingId"], suppressed is null ? null : new Suppression(id, suppressed, []))
            {
                Machinery = f["cdkMachinery"] is JsonObject kind ? Kind(kind) : null,
            };
        }).ToList();
        var stacks = (report["stacks"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(t => new StackTally((string?)t["environment"], (string?)t["stack"] ?? "", (int?)t["errors"] ?? 0, (int?)t["warnings"] ?? 0, (int?)t["suppressed"] ?? 0)
            {
                Demoted = (int?)t["cdkMachinery"] ?? 0,
                ParentStack = (string?)t["parent"],
            })
            .ToList();
        var counts = new PolicyCounts(
            (bool?)report["passed"] ?? false, (int?)report["blockingErrors"] ?? 0, (int?)report["warnings"] ?? 0, (int?)report["suppressed"] ?? 0,
            (int?)report["cdkMachinery"] ?? 0, (int?)report["templates"] ?? stacks.Count, rules.Count);
        return new ReadReport(counts, stacks, findings);
    }

    // The kind the pack knows by this id, else the one the report describes (a report from another version of the pack).
    private static CdkMachineryKind Kind(JsonObject kind)
    {
        var id = (string?)kind["id"] ?? "";
        return CdkMachinery.Kinds.FirstOrDefault(k => k.Id == id) ?? new CdkMachineryKind(id, (string?)kind["name"] ?? id, (string?)kind["reason"] ?? "");
    }

    /// <summary>Renders the result, the per-stack counts, every finding, every suppression and the rules.</summary>
    public static string Render(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var json = new JsonObject
        {
            ["passed"] = report.Passed,
            ["blockingErrors"] = report.Blocking.Count(),
            ["warnings"] = report.Warnings.Count(),
            ["suppressed"] = report.Findings.Count(f => f.IsSuppressed),
            ["cdkMachinery"] = report.Demoted.Count(),
            ["templates"] = report.Templates.Count,
            ["stacks"] = new JsonArray(ReportText.Tally(report).Select(t => (JsonNode?)new JsonObject
            {
                ["environment"] = t.Environment, ["stack"] = t.StackName, ["errors"] = t.Errors, ["warnings"] = t.Warnings, ["suppressed"] = t.Suppressed,
                ["cdkMachinery"] = t.Demoted, ["parent"] = t.ParentStack,
            }).ToArray()),
            ["findings"] = new JsonArray(report.Findings.Select(f => (JsonNode?)new JsonObject
            {
                ["ruleId"] = f.Rule.Id,
                ["level"] = ReportText.Level(f.Rule.Level),
                ["environment"] = f.Environment,
                ["stack"] = f.StackName,
                ["template"] = f.TemplateFile,
                ["logicalId"] = f.LogicalId,
                ["type"] = f.ResourceType,
                ["path"] = f.Path,
                ["message"] = f.Message,
                ["findingId"] = f.FindingId,
                ["blocking"] = f.IsBlocking,
                ["suppressedBecause"] = f.SuppressedBy?.Reason,
                ["origin"] = f.Machinery is null ? OriginCode : OriginCdk,
                ["cdkMachinery"] = f.Machinery is { } kind ? new JsonObject { ["id"] = kind.Id, ["name"] = kind.Name, ["reason"] = kind.Reason } : null,
                ["demotedBecause"] = f.IsDemoted ? f.Machinery!.Reason : null,
                ["fingerprint"] = SarifReport.Fingerprint(f),
            }).ToArray()),
            ["suppressions"] = new JsonArray(report.Suppressions.Select(s => (JsonNode?)new JsonObject
            {
                ["ruleId"] = s.Suppression.RuleId,
                ["stack"] = s.StackName,
                ["logicalId"] = s.LogicalId,
                ["path"] = s.Path,
                ["reason"] = s.Suppression.Reason,
                ["appliesTo"] = new JsonArray(s.Suppression.AppliesTo.Select(a => (JsonNode?)a).ToArray()),
                ["valid"] = s.IsValid,
            }).ToArray()),
            ["rules"] = new JsonArray(report.Rules.Select(r => (JsonNode?)new JsonObject
            {
                ["id"] = r.Info.Id, ["level"] = ReportText.Level(r.Info.Level), ["service"] = r.Info.Service, ["title"] = r.Info.Title,
                ["why"] = r.Info.Why, ["fix"] = r.Info.Fix, ["cdkNag"] = r.Info.CdkNag, ["checkov"] = r.Info.Checkov,
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}

/// <summary>A JSON policy report read back (<see cref="JsonReport.Parse"/>).</summary>
/// <param name="Counts">The verdict's counts.</param>
/// <param name="Stacks">The counts per stack (nested stacks name their parent).</param>
/// <param name="Findings">Every finding, in report order.</param>
public sealed record ReadReport(PolicyCounts Counts, IReadOnlyList<StackTally> Stacks, IReadOnlyList<PolicyFinding> Findings);
