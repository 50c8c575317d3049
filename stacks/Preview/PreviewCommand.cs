using System;
using System.IO;
using System.Linq;
using Infra.Policies.Reports;

namespace Infra.Stacks.Preview;

/// <summary>The <c>preview</c> verb behind <c>make diff</c>: compares two synthesized assemblies and writes the report.</summary>
public static class PreviewCommand
{
    /// <summary>The exit code when a change blocks the pull request.</summary>
    public const int BlockingExitCode = 2;

    /// <summary>
    /// Compares <paramref name="baseAssembly"/> with <paramref name="headAssembly"/>, writes <c>preview.md</c> and
    /// <c>preview.json</c> to <paramref name="outputDirectory"/>, prints the comment without its details, and returns
    /// 0, or 2 when a change blocks. With <paramref name="environment"/>, only that environment's stacks and findings
    /// are compared (<c>make diff ENV=&lt;name&gt;</c>); the others may be absent from either side.
    /// </summary>
    public static int Run(
        string baseAssembly, string headAssembly, string outputDirectory, string baseLabel, string headLabel, ITemplateDiffEngine engine, TextWriter output,
        string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(output);
        bool InScope(string name) => environment is null || name == environment;
        var stacks = AssemblyComparison.Compare(baseAssembly, headAssembly, engine, environment);
        var result = new PreviewResult(baseLabel, headLabel, engine.Name, stacks, PolicyDelta.Compare(baseAssembly, headAssembly)?.Where(p => InScope(p.Environment)).ToList())
        {
            Notices = SupportNotices.From(JsonReport.Read(headAssembly)).Where(n => InScope(n.Environment)).ToList(),
            DeployPlan = DeployPlanDelta.Compare(baseAssembly, headAssembly, stacks, environment),
            Cost = Cost.CostDelta.Compare(baseAssembly, headAssembly, environment),
        };
        var markdown = PreviewReport.Markdown(result);
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "preview.md"), markdown);
        File.WriteAllText(Path.Combine(outputDirectory, "preview.json"), PreviewReport.Json(result));

        var details = markdown.IndexOf("<details>", StringComparison.Ordinal);
        output.Write(details < 0 ? markdown : markdown[..details]);
        output.WriteLine($"Report: {Path.Combine(outputDirectory, "preview.md")} (one pull-request comment) and {Path.Combine(outputDirectory, "preview.json")}.");
        return result.IsBlocking ? BlockingExitCode : 0;
    }
}
