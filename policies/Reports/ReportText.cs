using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Reports;

/// <summary>Counts shared by every report format.</summary>
/// <param name="Environment">The stack's environment, when known.</param>
/// <param name="StackName">The stack (or template) name.</param>
/// <param name="Errors">Blocking errors.</param>
/// <param name="Warnings">Unsuppressed warnings on what the code defines.</param>
/// <param name="Suppressed">Findings a suppression acknowledged.</param>
public sealed record StackTally(string? Environment, string StackName, int Errors, int Warnings, int Suppressed)
{
    /// <summary>Warnings on CDK machinery, demoted (<see cref="PolicyFinding.IsDemoted"/>).</summary>
    public int Demoted { get; init; }

    /// <summary>For a nested stack, the stack that holds it; <c>null</c> otherwise.</summary>
    public string? ParentStack { get; init; }
}

/// <summary>The numbers a verdict line states, from a report or from a JSON report read back.</summary>
/// <param name="Passed">Whether nothing blocks.</param>
/// <param name="Errors">Blocking errors.</param>
/// <param name="Warnings">Unsuppressed warnings on what the code defines.</param>
/// <param name="Suppressed">Suppressed findings.</param>
/// <param name="Demoted">Warnings on CDK machinery, demoted.</param>
/// <param name="Templates">Templates checked.</param>
/// <param name="Rules">Rules in the pack.</param>
public sealed record PolicyCounts(bool Passed, int Errors, int Warnings, int Suppressed, int Demoted, int Templates, int Rules)
{
    /// <summary>The counts of <paramref name="report"/>.</summary>
    public static PolicyCounts Of(PolicyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.Passed, report.Blocking.Count(), report.Warnings.Count(), report.Findings.Count(f => f.IsSuppressed), report.Demoted.Count(),
            report.Templates.Count, report.Rules.Count);
    }

    /// <summary>
    /// <c>PASSED (0 blocking errors, 10 warnings, 107 suppressed, 45 on CDK machinery; 27 templates, 68 rules)</c>: the
    /// verdict first, then every count, so one line says what happened.
    /// </summary>
    public override string ToString() =>
        $"{(Passed ? "PASSED" : "FAILED")} ({ReportText.Count(Errors, "blocking error")}, {ReportText.Count(Warnings, "warning")}, {Suppressed} suppressed, "
        + $"{Demoted} on CDK machinery; {ReportText.Count(Templates, "template")}, {ReportText.Count(Rules, "rule")})";
}

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
                    findings.Count(f => f.Rule.Level == PolicyLevel.Warning && !f.IsSuppressed && !f.IsDemoted),
                    findings.Count(f => f.IsSuppressed))
                {
                    Demoted = findings.Count(f => f.IsDemoted),
                    ParentStack = t.ParentStackName,
                };
            })
            .ToList();

    public static string Level(PolicyLevel level) => level == PolicyLevel.Error ? "error" : "warning";

    public static string Summary(PolicyReport report) => PolicyCounts.Of(report).ToString();

    public static string Finding(PolicyFinding f) => f.FindingId is null ? f.Message : $"[{f.FindingId}] {f.Message}";

    /// <summary><c>1 warning</c>, <c>2 warnings</c>.</summary>
    public static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>
    /// The resource as a reader finds it: the construct path without the trailing <c>Resource</c> and <c>Default</c>
    /// ids the L2 constructs add (<c>Prod/Cluster/Eks/Cluster</c>), else the stack and logical id for templates from
    /// elsewhere.
    /// </summary>
    public static string Resource(PolicyFinding f)
    {
        var segments = f.Path.Split('/');
        if (segments.Length < 2)
        {
            return $"{f.StackName} {f.LogicalId}";
        }

        var keep = segments.Length;
        while (keep > 2 && segments[keep - 1] is "Resource" or "Default")
        {
            keep--;
        }

        return string.Join('/', segments, 0, keep);
    }
}
