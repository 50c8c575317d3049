using System;
using System.IO;
using Infra.Policies.Reports;

namespace Infra.Policies;

/// <summary>Runs the pack over a cloud assembly or templates, writes every report, and says whether synth may pass.</summary>
public static class PolicyGate
{
    /// <summary>The report files written next to the templates.</summary>
    public static readonly string[] ReportFiles = ["policy-report.md", "policy-report.sarif", "policy-report.json"];

    /// <summary>
    /// Evaluates <paramref name="pack"/> over the templates at <paramref name="path"/>, prints the console report to
    /// <paramref name="console"/>, writes Markdown, SARIF and JSON into <paramref name="reportDirectory"/>, and returns
    /// 0 when nothing blocks, 1 when an unsuppressed error does.
    /// </summary>
    public static int Enforce(PolicyPack pack, string path, string reportDirectory, TextWriter console, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var report = PolicyEngine.Evaluate(pack, TemplateLoader.Load(path, environment));
        ConsoleReport.Write(report, console);
        Directory.CreateDirectory(reportDirectory);
        var baseDirectory = Directory.GetCurrentDirectory();
        File.WriteAllText(Path.Combine(reportDirectory, ReportFiles[0]), MarkdownReport.Render(report));
        File.WriteAllText(Path.Combine(reportDirectory, ReportFiles[1]), SarifReport.Render(report, baseDirectory));
        File.WriteAllText(Path.Combine(reportDirectory, ReportFiles[2]), JsonReport.Render(report));
        console.WriteLine($"Policy reports: {string.Join(", ", Array.ConvertAll(ReportFiles, f => Path.Combine(reportDirectory, f)))}");
        return report.Passed ? 0 : 1;
    }
}
