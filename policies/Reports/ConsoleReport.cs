using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Infra.Policies.Reports;

/// <summary>How much of a policy report the console shows. The Markdown, SARIF and JSON reports always hold everything.</summary>
public enum FindingsDetail
{
    /// <summary>The verdict and every blocking error in full: what a synth prints (<c>make plan</c> then prints the rest).</summary>
    Errors = 0,

    /// <summary>
    /// Also the warnings grouped by rule (why and fix once per rule, resources abbreviated past
    /// <see cref="ConsoleReport.ListedResources"/>) and the warnings on CDK machinery as one line per kind. Errors are
    /// never abbreviated.
    /// </summary>
    Summary = 1,

    /// <summary>Every finding on its own line with its message: warnings, CDK machinery, and suppressed findings with their reasons.</summary>
    All = 2,
}

/// <summary>The report for a terminal: the verdict, then the findings grouped by rule.</summary>
public static class ConsoleReport
{
    /// <summary>How many resources a warning's group names in <see cref="FindingsDetail.Summary"/> before "and N more".</summary>
    public const int ListedResources = 3;

    /// <summary>
    /// Writes the findings at <paramref name="detail"/> (with <see cref="FindingsDetail.All"/>, first the counts per
    /// stack), then the verdict line, naming <paramref name="reports"/> when given. <paramref name="more"/> says where
    /// the rest is when a list is abbreviated.
    /// </summary>
    public static void Write(PolicyReport report, TextWriter output, FindingsDetail detail = FindingsDetail.Summary, string more = DefaultMore, string? reports = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        if (detail == FindingsDetail.All)
        {
            output.WriteLine($"  {"environment",-12} {"stack",-42} {"errors",6} {"warnings",8} {"suppressed",10} {"CDK machinery",13}");
            foreach (var t in ReportText.Tally(report))
            {
                output.WriteLine($"  {t.Environment ?? "-",-12} {t.StackName,-42} {t.Errors,6} {t.Warnings,8} {t.Suppressed,10} {t.Demoted,13}");
            }
        }

        WriteFindings(report.Findings, output, detail, more);
        output.WriteLine($"Policy pack: {ReportText.Summary(report)}{(reports is null ? "" : $"; reports: {reports}")}");
    }

    /// <summary>What <see cref="Write"/> says about abbreviated lists unless told otherwise.</summary>
    public const string DefaultMore = "the reports list every finding";

    /// <summary>
    /// Writes <paramref name="findings"/> grouped by rule: the blocking errors (every resource, each with its message),
    /// then at <see cref="FindingsDetail.Summary"/> and above the warnings and the CDK machinery, and at
    /// <see cref="FindingsDetail.All"/> the suppressed findings. Why and fix are written once per rule.
    /// </summary>
    public static void WriteFindings(IEnumerable<PolicyFinding> findings, TextWriter output, FindingsDetail detail, string more = DefaultMore)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(output);
        var all = findings.ToList();
        var errors = all.Where(f => f.IsBlocking).ToList();
        if (errors.Count > 0)
        {
            output.WriteLine($"Errors ({errors.Count}, blocking), by rule:");
            foreach (var group in ByRule(errors))
            {
                WriteGroup(group, output, abbreviate: false, more);
            }
        }

        if (detail == FindingsDetail.Errors)
        {
            return;
        }

        var warnings = all.Where(f => f.Rule.Level == PolicyLevel.Warning && !f.IsSuppressed && !f.IsDemoted).ToList();
        if (warnings.Count > 0)
        {
            output.WriteLine(detail == FindingsDetail.All
                ? $"Warnings ({warnings.Count}), by rule:"
                : $"Warnings ({warnings.Count}), by rule; {more}:");
            foreach (var group in ByRule(warnings))
            {
                WriteGroup(group, output, abbreviate: detail != FindingsDetail.All, more);
            }
        }

        WriteMachinery(all.Where(f => f.IsDemoted).ToList(), output, detail);
        if (detail == FindingsDetail.All)
        {
            WriteSuppressed(all.Where(f => f.IsSuppressed).ToList(), output);
        }
    }

    private static IEnumerable<IGrouping<string, PolicyFinding>> ByRule(IEnumerable<PolicyFinding> findings) =>
        findings.GroupBy(f => f.Rule.Id).OrderBy(g => g.Key, PolicyPack.IdComparer.Instance);

    // One rule: a header, the resources (each with its message, or abbreviated under one shared message), why and fix.
    private static void WriteGroup(IGrouping<string, PolicyFinding> group, TextWriter output, bool abbreviate, string more)
    {
        var findings = group.ToList();
        var rule = findings[0].Rule;
        var level = ReportText.Level(rule.Level).ToUpperInvariant();
        var messages = findings.Select(f => f.Message).Distinct(StringComparer.Ordinal).ToList();
        if (abbreviate)
        {
            // One shared message already says what the finding ids would; one resource goes on the rule's line.
            var labels = findings.Select(f => Label(f, withMessage: false, withFindingId: messages.Count > 1)).Distinct(StringComparer.Ordinal).ToList();
            var what = messages.Count == 1 ? messages[0] : rule.Title;
            if (labels.Count == 1)
            {
                output.WriteLine($"  {level} {rule.Id} on {labels[0]}: {what}");
            }
            else
            {
                output.WriteLine($"  {level} {rule.Id} x{findings.Count}: {what}");
                var listed = string.Join(", ", labels.Take(ListedResources));
                output.WriteLine(labels.Count > ListedResources
                    ? $"    on {listed} and {labels.Count - ListedResources} more ({more})"
                    : $"    on {listed}");
            }
        }
        else
        {
            output.WriteLine($"  {level} {rule.Id} x{findings.Count}: {rule.Title}");
            foreach (var f in findings)
            {
                output.WriteLine($"    {Label(f, withMessage: true, withFindingId: true)}");
            }
        }

        output.WriteLine($"    why: {rule.Why}");
        output.WriteLine($"    fix: {rule.Fix}");
    }

    // The warnings on CDK machinery, one line per kind (rules and counts, then the reason); every finding with All.
    private static void WriteMachinery(List<PolicyFinding> demoted, TextWriter output, FindingsDetail detail)
    {
        if (demoted.Count == 0)
        {
            return;
        }

        output.WriteLine($"CDK machinery ({ReportText.Count(demoted.Count, "warning")}, demoted: resources the CDK creates for its own use; every one is in the reports):");
        foreach (var kind in demoted.GroupBy(f => f.Machinery!.Id).OrderBy(g => Order(g.Key)))
        {
            var first = kind.First().Machinery!;
            var rules = string.Join(", ", kind.GroupBy(f => f.Rule.Id).OrderBy(g => g.Key, PolicyPack.IdComparer.Instance).Select(g => $"{g.Key} x{g.Count()}"));
            output.WriteLine($"  {first.Name}: {rules}: {first.Reason}");
            if (detail == FindingsDetail.All)
            {
                foreach (var f in kind)
                {
                    output.WriteLine($"    {f.Rule.Id} {Label(f, withMessage: true, withFindingId: true)}");
                }
            }
        }
    }

    // The pack's order of kinds (CdkMachinery.Kinds); a kind from another version of the pack last.
    internal static int Order(string kindId)
    {
        var index = CdkMachinery.Kinds.Select(k => k.Id).ToList().IndexOf(kindId);
        return index < 0 ? CdkMachinery.Kinds.Count : index;
    }

    private static void WriteSuppressed(List<PolicyFinding> suppressed, TextWriter output)
    {
        if (suppressed.Count == 0)
        {
            return;
        }

        output.WriteLine($"Suppressed ({suppressed.Count}), each with its reason:");
        foreach (var f in suppressed)
        {
            var scope = f.FindingId is null ? "" : $" [{f.FindingId}]";
            output.WriteLine($"    {f.Rule.Id}{scope} on {ReportText.Resource(f)}: {f.SuppressedBy!.Reason}");
        }
    }

    // "Prod/Cluster/Eks/Cluster [Policy::X]" or, with the message, "Prod/Cluster/Eks/Cluster: [Policy::X] message";
    // an error on CDK machinery says so, since its fix is a suppression on the CDK's construct.
    private static string Label(PolicyFinding f, bool withMessage, bool withFindingId)
    {
        var machinery = f.Machinery is { } kind && !f.IsDemoted ? $" (CDK machinery: {kind.Name})" : "";
        return withMessage
            ? $"{ReportText.Resource(f)}{machinery}: {ReportText.Finding(f)}"
            : $"{ReportText.Resource(f)}{(withFindingId && f.FindingId is not null ? $" [{f.FindingId}]" : "")}{machinery}";
    }
}
