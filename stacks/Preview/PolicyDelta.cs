using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Reports;

namespace Infra.Stacks.Preview;

/// <summary>
/// The policy findings a change introduces and fixes: the JSON reports the synth writes beside each assembly, compared
/// by the findings' stable fingerprints (rule, stack, logical id, finding id), which are also the SARIF fingerprints.
/// </summary>
public static class PolicyDelta
{
    /// <summary>
    /// The findings introduced, fixed, newly suppressed and no longer suppressed; <c>null</c> when either assembly has
    /// no report (a base from before the policy pack).
    /// </summary>
    public static IReadOnlyList<PolicyFindingChange>? Compare(string baseAssembly, string headAssembly)
    {
        var before = JsonReport.Read(baseAssembly);
        var after = JsonReport.Read(headAssembly);
        return before is null || after is null ? null : Compare(before, after);
    }

    /// <summary>Compares two parsed reports.</summary>
    public static IReadOnlyList<PolicyFindingChange> Compare(JsonObject baseReport, JsonObject headReport)
    {
        var before = Findings(baseReport);
        var after = Findings(headReport);
        var changes = new List<PolicyFindingChange>();
        foreach (var (fingerprint, finding) in after)
        {
            var suppressed = (string?)finding["suppressedBecause"];
            if (!before.TryGetValue(fingerprint, out var old))
            {
                changes.Add(Change(finding, suppressed is not null ? $"introduced, suppressed: {suppressed}" : Demoted(finding) is { } kind ? $"introduced on CDK machinery ({kind}), demoted" : "introduced", blocking: suppressed is null));
            }
            else if ((string?)old["suppressedBecause"] is not null && suppressed is null)
            {
                changes.Add(Change(finding, "no longer suppressed", blocking: true));
            }
            else if ((string?)old["suppressedBecause"] is null && suppressed is not null)
            {
                changes.Add(Change(finding, $"now suppressed: {suppressed}", blocking: false));
            }
        }

        changes.AddRange(before.Where(b => !after.ContainsKey(b.Key)).Select(b => Change(b.Value, "fixed", blocking: false)));
        return changes
            .OrderBy(c => c.Change == "fixed" ? 1 : 0)
            .ThenBy(c => c.Level == "error" ? 0 : 1)
            .ThenBy(c => c.Environment, StringComparer.Ordinal)
            .ThenBy(c => c.StackName, StringComparer.Ordinal).ThenBy(c => c.LogicalId, StringComparer.Ordinal).ThenBy(c => c.RuleId, StringComparer.Ordinal)
            .ToList();
    }

    // The CDK machinery kind of a demoted warning (the JSON report's demotedBecause and cdkMachinery), else null.
    private static string? Demoted(JsonObject f) => (string?)f["demotedBecause"] is null ? null : (string?)f["cdkMachinery"]?["name"];

    private static PolicyFindingChange Change(JsonObject f, string change, bool blocking)
    {
        var level = (string?)f["level"] ?? "warning";
        return new PolicyFindingChange(
            (string?)f["ruleId"] ?? "?", level, (string?)f["environment"] ?? "?", (string?)f["stack"] ?? "?", (string?)f["logicalId"] ?? "?",
            (string?)f["message"] ?? "", change, blocking && level == "error");
    }

    private static Dictionary<string, JsonObject> Findings(JsonObject report) =>
        (report["findings"] as JsonArray ?? []).OfType<JsonObject>()
            .GroupBy(f => (string?)f["fingerprint"] ?? "")
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
}
