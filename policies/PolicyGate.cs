using System;
using System.IO;
using Infra.Policies.Reports;

namespace Infra.Policies;

/// <summary>Runs the pack over a cloud assembly or templates, writes every report, and says whether synth may pass.</summary>
public static class PolicyGate
{
    /// <summary>The Markdown report's file name.</summary>
    public const string MarkdownReportFile = "policy-report.md";

    /// <summary>The SARIF report's file name (code scanning uploads it).</summary>
    public const string SarifReportFile = "policy-report.sarif";

    /// <summary>The JSON report's file name (<c>make plan</c> and <c>make diff</c> read it back).</summary>
    public const string JsonReportFile = "policy-report.json";

    /// <summary>The report files written next to the templates.</summary>
    public static readonly string[] ReportFiles = [MarkdownReportFile, SarifReportFile, JsonReportFile];

    /// <summary>
    /// Evaluates <paramref name="pack"/> over the templates at <paramref name="path"/>, writes Markdown, SARIF and JSON
    /// with every finding into <paramref name="reportDirectory"/>, prints the console report at <paramref name="detail"/>
    /// to <paramref name="console"/> (blocking errors always in full; the verdict and where the reports are last), and
    /// returns 0 when nothing blocks, 1 when an unsuppressed error does. <paramref name="more"/> tells the reader how to
    /// see what an abbreviated list leaves out.
    /// </summary>
    public static int Enforce(
        PolicyPack pack, string path, string reportDirectory, TextWriter console, string? environment = null, string? profile = null,
        FindingsDetail detail = FindingsDetail.Summary, string more = ConsoleReport.DefaultMore)
    {
        ArgumentNullException.ThrowIfNull(console);
        var report = Check(pack, path, reportDirectory, environment, profile);
        ConsoleReport.Write(report, console, detail, more, ReportsIn(reportDirectory));
        return report.Passed ? 0 : 1;
    }

    /// <summary>
    /// Evaluates <paramref name="pack"/> over the templates at <paramref name="path"/> and writes Markdown, SARIF and
    /// JSON with every finding into <paramref name="reportDirectory"/>, printing nothing: for a caller that prints the
    /// result its own way (<see cref="ConsoleReport"/>).
    /// </summary>
    public static PolicyReport Check(PolicyPack pack, string path, string reportDirectory, string? environment = null, string? profile = null)
    {
        var report = PolicyEngine.Evaluate(pack, TemplateLoader.Load(path, environment, profile));
        Directory.CreateDirectory(reportDirectory);
        var baseDirectory = Directory.GetCurrentDirectory();
        File.WriteAllText(Path.Combine(reportDirectory, MarkdownReportFile), MarkdownReport.Render(report));
        File.WriteAllText(Path.Combine(reportDirectory, SarifReportFile), SarifReport.Render(report, baseDirectory));
        File.WriteAllText(Path.Combine(reportDirectory, JsonReportFile), JsonReport.Render(report));
        return report;
    }

    /// <summary>The reports in <paramref name="reportDirectory"/> as one path: <c>cdk.out/policy-report.{md,sarif,json}</c>.</summary>
    public static string ReportsIn(string reportDirectory) => $"{Path.Combine(reportDirectory, "policy-report")}.{{md,sarif,json}}";
}
