using System;
using System.Linq;
using System.Text;

namespace Infra.Policies;

/// <summary>Renders RULES.md, the rule catalogue, from the pack itself; a test keeps the file in step with the code.</summary>
public static class RuleCatalogue
{
    /// <summary>The catalogue: a count by service and level, then one table per level.</summary>
    public static string Render(PolicyPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var md = new StringBuilder();
        md.AppendLine("# Policy rules").AppendLine();
        md.AppendLine("Generated from `policies/` by `make rules`; a test fails when this file and the code disagree.");
        md.AppendLine("Errors block `cdk synth`, `cdk deploy` and `make plan`; warnings are reported and pass.");
        md.AppendLine("Suppress a finding on one resource, with a reason, via `PolicySuppressions.Add(construct, ruleId, reason)`.").AppendLine();
        md.AppendLine("| Service | Errors | Warnings |").AppendLine("|---|---:|---:|");
        foreach (var service in pack.Rules.GroupBy(r => r.Info.Service))
        {
            md.AppendLine($"| {service.Key} | {service.Count(r => r.Info.Level == PolicyLevel.Error)} | {service.Count(r => r.Info.Level == PolicyLevel.Warning)} |");
        }

        md.AppendLine($"| **All** | **{pack.Rules.Count(r => r.Info.Level == PolicyLevel.Error)}** | **{pack.Rules.Count(r => r.Info.Level == PolicyLevel.Warning)}** |");
        foreach (var level in new[] { PolicyLevel.Error, PolicyLevel.Warning })
        {
            md.AppendLine().AppendLine(level == PolicyLevel.Error ? "## Errors" : "## Warnings").AppendLine();
            md.AppendLine("| Id | Checks | Why | Fix | Mirrors |").AppendLine("|---|---|---|---|---|");
            foreach (var r in pack.Rules.Select(r => r.Info).Where(r => r.Level == level))
            {
                var mirrors = string.Join(", ", new[] { r.CdkNag, r.Checkov }.OfType<string>());
                md.AppendLine($"| {r.Id} | {Cell(r.Title)} | {Cell(r.Why)} | {Cell(r.Fix)} | {(mirrors.Length == 0 ? "-" : mirrors)} |");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
