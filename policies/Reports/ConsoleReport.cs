using System;
using System.IO;
using System.Linq;

namespace Infra.Policies.Reports;

/// <summary>The report as a plain-text table for a terminal.</summary>
public static class ConsoleReport
{
    /// <summary>Writes the per-stack table, every unsuppressed finding with why and how to fix it, and the suppressions.</summary>
    public static void Write(PolicyReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Policy pack: {ReportText.Summary(report)}");
        output.WriteLine($"  {"environment",-12} {"stack",-42} {"errors",6} {"warnings",8} {"suppressed",10}");
        foreach (var t in ReportText.Tally(report))
        {
            output.WriteLine($"  {t.Environment ?? "-",-12} {t.StackName,-42} {t.Errors,6} {t.Warnings,8} {t.Suppressed,10}");
        }

        foreach (var f in report.Findings.Where(f => !f.IsSuppressed).OrderBy(f => f.Rule.Level).ThenBy(f => f.StackName, StringComparer.Ordinal))
        {
            output.WriteLine();
            output.WriteLine($"  {ReportText.Level(f.Rule.Level).ToUpperInvariant()} {f.Rule.Id} {f.StackName} {f.Path}");
            output.WriteLine($"    {ReportText.Finding(f)}");
            output.WriteLine($"    why: {f.Rule.Why}");
            output.WriteLine($"    fix: {f.Rule.Fix}");
        }

        if (report.Suppressions.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("  Suppressions:");
            foreach (var s in report.Suppressions)
            {
                var scope = s.Suppression.AppliesTo.Count == 0 ? "" : $" [{string.Join(", ", s.Suppression.AppliesTo)}]";
                output.WriteLine($"    {s.Suppression.RuleId}{scope} on {s.StackName} {s.Path}: {s.Suppression.Reason}");
            }
        }

        output.WriteLine();
        output.WriteLine(report.Passed ? "Policy result: PASSED" : $"Policy result: FAILED ({report.Blocking.Count()} blocking error(s) above)");
    }
}
