using System;
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
            ["stacks"] = new JsonArray(ReportText.Tally(report).Select(t => (JsonNode?)new JsonObject
            {
                ["environment"] = t.Environment, ["stack"] = t.StackName, ["errors"] = t.Errors, ["warnings"] = t.Warnings, ["suppressed"] = t.Suppressed,
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
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
