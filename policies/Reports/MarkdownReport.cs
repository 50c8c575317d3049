using System;
using System.Linq;
using System.Text;

namespace Infra.Policies.Reports;

/// <summary>The report as Markdown, ready for one pull-request comment.</summary>
public static class MarkdownReport
{
    /// <summary>Renders the summary table, the errors, the warnings (collapsed) and the suppressions with their reasons.</summary>
    public static string Render(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("## Policy report").AppendLine();
        md.AppendLine($"**{(report.Passed ? "Passed" : "Failed")}**: {ReportText.Summary(report)}.").AppendLine();
        md.AppendLine("| Environment | Stack | Errors | Warnings | Suppressed |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var t in ReportText.Tally(report))
        {
            md.AppendLine($"| {t.Environment ?? "-"} | `{t.StackName}` | {t.Errors} | {t.Warnings} | {t.Suppressed} |");
        }

        var errors = report.Blocking.ToList();
        if (errors.Count > 0)
        {
            md.AppendLine().AppendLine("### Errors (blocking)").AppendLine();
            AppendFindings(md, errors);
        }

        var warnings = report.Warnings.ToList();
        if (warnings.Count > 0)
        {
            md.AppendLine().AppendLine($"<details><summary>Warnings ({warnings.Count})</summary>").AppendLine();
            AppendFindings(md, warnings);
            md.AppendLine().AppendLine("</details>");
        }

        if (report.Suppressions.Count > 0)
        {
            md.AppendLine().AppendLine($"<details><summary>Suppressions ({report.Suppressions.Count})</summary>").AppendLine();
            md.AppendLine("| Rule | Stack | Resource | Reason |");
            md.AppendLine("|---|---|---|---|");
            foreach (var s in report.Suppressions)
            {
                var scope = s.Suppression.AppliesTo.Count == 0 ? "" : $" ({string.Join(", ", s.Suppression.AppliesTo)})";
                md.AppendLine($"| {s.Suppression.RuleId}{Escape(scope)} | `{s.StackName}` | `{s.Path}` | {Escape(s.Suppression.Reason)} |");
            }

            md.AppendLine().AppendLine("</details>");
        }

        return md.ToString();
    }

    private static void AppendFindings(StringBuilder md, System.Collections.Generic.IEnumerable<PolicyFinding> findings)
    {
        md.AppendLine("| Rule | Stack | Resource | Finding | Fix |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var f in findings)
        {
            md.AppendLine($"| {f.Rule.Id} | `{f.StackName}` | `{f.Path}` | {Escape(ReportText.Finding(f))} | {Escape(f.Rule.Fix)} |");
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
