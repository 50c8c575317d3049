using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Reports;

/// <summary>Counts shared by every report format.</summary>
public sealed record StackTally(string? Environment, string StackName, int Errors, int Warnings, int Suppressed);

internal static class ReportText
{
    public static IReadOnlyList<StackTally> Tally(PolicyReport report) =>
        report.Templates
            .Select(t =>
            {
                var findings = report.Findings.Where(f => f.StackName == t.StackName && f.TemplateFile == t.FilePath).ToList();
                return new StackTally(
                    t.Environment,
                    t.StackName,
                    findings.Count(f => f.IsBlocking),
                    findings.Count(f => f.Rule.Level == PolicyLevel.Warning && !f.IsSuppressed),
                    findings.Count(f => f.IsSuppressed));
            })
            .ToList();

    public static string Level(PolicyLevel level) => level == PolicyLevel.Error ? "error" : "warning";

    public static string Summary(PolicyReport report) =>
        $"{report.Blocking.Count()} blocking error(s), {report.Warnings.Count()} warning(s), {report.Findings.Count(f => f.IsSuppressed)} suppressed finding(s) "
        + $"in {report.Templates.Count} template(s), {report.Rules.Count} rules";

    public static string Finding(PolicyFinding f) => f.FindingId is null ? f.Message : $"[{f.FindingId}] {f.Message}";
}
