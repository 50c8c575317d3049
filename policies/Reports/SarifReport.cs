using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Infra.Policies.Reports;

/// <summary>
/// The report as SARIF 2.1.0 for code scanning: every rule with its help, every finding with the template file and
/// line, the construct path as a logical location, a fingerprint that stays stable across runs, suppressions as
/// in-source suppressions with their justification, and warnings on CDK machinery as external suppressions with the
/// reason they are demoted.
/// </summary>
public static class SarifReport
{
    /// <summary>The SARIF schema this report follows.</summary>
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Renders the SARIF log; file URIs are relative to <paramref name="baseDirectory"/>.</summary>
    public static string Render(PolicyReport report, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = report.Rules.Select(r => r.Info).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var lines = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var sarif = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Infra.Policies",
                        ["version"] = typeof(SarifReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                        ["rules"] = new JsonArray(rules.Select(Rule).ToArray<JsonNode?>()),
                    },
                },
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = new JsonArray(report.Findings.Select(f => Result(f, index[f.Rule.Id], baseDirectory, lines)).ToArray<JsonNode?>()),
            }),
        };
        return sarif.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The fingerprint of a finding: rule, stack, resource and finding id, hashed; stable across runs.</summary>
    public static string Fingerprint(PolicyFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var key = $"{finding.Rule.Id}|{finding.StackName}|{finding.LogicalId}|{finding.FindingId}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static JsonObject Rule(RuleInfo r)
    {
        var related = new[] { r.CdkNag is null ? null : $"cdk-nag {r.CdkNag}", r.Checkov is null ? null : $"Checkov {r.Checkov}" }.OfType<string>().ToList();
        return new JsonObject
        {
            ["id"] = r.Id,
            ["name"] = r.Title,
            ["shortDescription"] = new JsonObject { ["text"] = r.Title },
            ["fullDescription"] = new JsonObject { ["text"] = r.Why },
            ["help"] = new JsonObject
            {
                ["text"] = $"{r.Why} Fix: {r.Fix}",
                ["markdown"] = $"**Why:** {r.Why}\n\n**Fix:** {r.Fix}" + (related.Count == 0 ? "" : $"\n\n**Mirrors:** {string.Join(", ", related)}"),
            },
            ["defaultConfiguration"] = new JsonObject { ["level"] = ReportText.Level(r.Level) },
            ["properties"] = new JsonObject
            {
                ["tags"] = new JsonArray(new[] { r.Service, "infrastructure" }.Select(t => (JsonNode?)t).ToArray()),
                ["cdkNag"] = r.CdkNag,
                ["checkov"] = r.Checkov,
            },
        };
    }

    private static JsonObject Result(PolicyFinding f, int ruleIndex, string baseDirectory, Dictionary<string, string[]> lines)
    {
        var physical = new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = Path.GetRelativePath(baseDirectory, Path.GetFullPath(f.TemplateFile)).Replace('\\', '/') },
        };
        if (LineOf(f, lines) is { } line)
        {
            physical["region"] = new JsonObject { ["startLine"] = line };
        }

        var result = new JsonObject
        {
            ["ruleId"] = f.Rule.Id,
            ["ruleIndex"] = ruleIndex,
            ["level"] = ReportText.Level(f.Rule.Level),
            ["message"] = new JsonObject { ["text"] = $"{f.StackName} {f.Path}: {ReportText.Finding(f)}" },
            ["locations"] = new JsonArray(new JsonObject
            {
                ["physicalLocation"] = physical,
                ["logicalLocations"] = new JsonArray(new JsonObject { ["name"] = f.LogicalId, ["fullyQualifiedName"] = f.Path, ["kind"] = "resource" }),
            }),
            ["partialFingerprints"] = new JsonObject { ["infraPolicyFinding/v1"] = Fingerprint(f) },
        };
        if (f.SuppressedBy is { } s)
        {
            result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = s.Reason });
        }
        else if (f.IsDemoted)
        {
            // Demoted by the pack, not by the resource's metadata: an external suppression, with the kind's reason.
            result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "external", ["justification"] = $"CDK machinery ({f.Machinery!.Name}): {f.Machinery.Reason}" });
        }

        return result;
    }

    // The line of the resource's key in the template file (CDK writes one resource key per line).
    private static int? LineOf(PolicyFinding f, Dictionary<string, string[]> cache)
    {
        if (!cache.TryGetValue(f.TemplateFile, out var text))
        {
            text = File.Exists(f.TemplateFile) ? File.ReadAllLines(f.TemplateFile) : [];
            cache[f.TemplateFile] = text;
        }

        var needle = $"\"{f.LogicalId}\":";
        var index = Array.FindIndex(text, l => l.TrimStart().StartsWith(needle, StringComparison.Ordinal) || l.TrimStart().StartsWith($"{f.LogicalId}:", StringComparison.Ordinal));
        return index < 0 ? null : index + 1;
    }
}
