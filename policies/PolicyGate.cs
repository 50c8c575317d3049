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
    /// Evaluates <paramref name="pack"/> over the templates at <paramref name="path"/>, prints the console report to
    /// <paramref name="console"/>, writes Markdown, SARIF and JSON into <paramref name="reportDirectory"/>, and returns
    /// 0 when nothing blocks, 1 when an unsuppressed error does.
    /// </summary>
    public static int Enforce(PolicyPack pack, string path, string reportDirectory, TextWriter console, string? environment = null, string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var report = PolicyEngine.Evaluate(pack, TemplateLoader.Load(path, environment, profile));
        ConsoleReport.Write(report, console);
        Directory.CreateDirectory(reportDirectory);
        var baseDirectory = Directory.GetCurrentDirectory();
        File.WriteAllText(Path.Combine(reportDirectory, MarkdownReportFile), MarkdownReport.Render(report));
        File.WriteAllText(Path.Combine(reportDirectory, SarifReportFile), SarifReport.Render(report, baseDirectory));
        File.WriteAllText(Path.Combine(reportDirectory, JsonReportFile), JsonReport.Render(report));
        console.WriteLine($"Policy reports: {string.Join(", ", Array.ConvertAll(ReportFiles, f => Path.Combine(reportDirectory, f)))}");
        return report.Passed ? 0 : 1;
    }
}
