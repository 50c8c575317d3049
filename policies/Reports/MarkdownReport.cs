using System;
using System.Linq;
using System.Text;

namespace Infra.Policies.Reports;

/// <summary>The report as Markdown, ready for one pull-request comment.</summary>
public static class MarkdownReport
{
    /// <summary>
    /// Renders the summary table, the errors, the warnings (collapsed), the warnings on CDK machinery by kind with the
    /// reason they are demoted (collapsed), and the suppressions with their reasons.
    /// </summary>
    public static string Render(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine("## Policy report").AppendLine();
        md.AppendLine($"**{(report.Passed ? "Passed" : "Failed")}**: {ReportText.Summary(report)}.").AppendLine();
        md.AppendLine("| Environment | Stack | Errors | Warnings | Suppressed | CDK machinery |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var t in ReportText.Tally(report))
        {
            md.AppendLine($"| {t.Environment ?? "-"} | `{t.StackName}` | {t.Errors} | {t.Warnings} | {t.Suppressed} | {t.Demoted} |");
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

        var demoted = report.Demoted.ToList();
        if (demoted.Count > 0)
        {
            md.AppendLine().AppendLine($"<details><summary>Warnings on CDK machinery ({demoted.Count}, demoted)</summary>").AppendLine();
            md.AppendLine("Resources the CDK creates for its own use; the code cannot change them through the constructs' options.").AppendLine();
            foreach (var kind in demoted.GroupBy(f => f.Machinery!.Id).OrderBy(g => ConsoleReport.Order(g.Key)))
            {
                md.AppendLine($"**{Escape(kind.First().Machinery!.Name)}** ({kind.Count()}): {Escape(kind.First().Machinery!.Reason)}").AppendLine();
                AppendFindings(md, kind);
                md.AppendLine();
            }

            md.AppendLine("</details>");
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
