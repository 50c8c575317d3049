using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.Policies.Reports;

namespace Infra.Stacks;

/// <summary>One stack of a synthesized cloud assembly, as <c>make plan</c> reports it.</summary>
/// <param name="Stack">Where the stack deploys and its template.</param>
/// <param name="ResourceCountsByType">How many resources of each type the template holds.</param>
public sealed record PlannedStack(AssemblyStack Stack, IReadOnlyDictionary<string, int> ResourceCountsByType)
{
    /// <summary>All resources of the template.</summary>
    public int ResourceCount => ResourceCountsByType.Values.Sum();
}

/// <summary>Reads a synthesized cloud assembly (<c>cdk.out</c>) and prints what each environment will deploy.</summary>
public static class PlanSummary
{
    /// <summary>Every stack of every nested stage assembly, plus any context the synth found missing.</summary>
    public static (IReadOnlyList<PlannedStack> Stacks, IReadOnlyList<string> MissingContext) Read(string assemblyDirectory)
    {
        var (stacks, missing) = TemplateLoader.ReadAssembly(assemblyDirectory);
        return (stacks.Select(s => new PlannedStack(s, CountResources(s.TemplateFile))).ToList(), missing);
    }

    /// <summary>Prints the summary; returns 0, or 2 when the assembly is missing or lists missing context (a lookup).</summary>
    public static int Print(string assemblyDirectory, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(Path.Combine(assemblyDirectory, "manifest.json")))
        {
            output.WriteLine($"No cloud assembly in '{assemblyDirectory}': run the synth first (make plan does).");
            return 2;
        }

        var (stacks, missing) = Read(assemblyDirectory);
        var policy = JsonReport.Read(assemblyDirectory);
        var notices = SupportNotices.From(policy);
        var costs = Cost.CostSummary.Headlines(assemblyDirectory);
        foreach (var stage in stacks.GroupBy(s => s.Stack.Stage))
        {
            output.WriteLine();
            output.WriteLine($"{stage.Key}: {stage.Count()} stacks, {stage.Sum(s => s.ResourceCount)} resources{PolicyLine(policy, stage.Key)}");
            foreach (var notice in notices.Where(n => string.Equals(n.Environment, stage.Key, StringComparison.OrdinalIgnoreCase)))
            {
                output.WriteLine($"  ! {notice.StackName}: {notice.Message}");
            }

            if (costs.TryGetValue(stage.First().Stack.Environment, out var cost))
            {
                output.WriteLine($"  cost: {cost}");
            }

            foreach (var planned in stage)
            {
                var s = planned.Stack;
                var protection = s.TerminationProtection ? ", termination-protected" : "";
                output.WriteLine($"  {s.StackName,-40} {s.Account}/{s.Region,-14} {planned.ResourceCount,4} resources{protection}");
                var main = planned.ResourceCountsByType.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5)
                    .Select(kv => $"{kv.Key.Replace("AWS::", "", StringComparison.Ordinal)} x{kv.Value}");
                output.WriteLine($"      {string.Join(", ", main)}");
                output.WriteLine($"      {s.TemplateFile}");
            }
        }

        output.WriteLine();
        if (missing.Count > 0)
        {
            output.WriteLine($"FAILED: the synth needed lookups (missing context: {string.Join(", ", missing)}); every value must come from config.");
            return 2;
        }

        output.WriteLine($"{stacks.Count} stacks, {stacks.Sum(s => s.ResourceCount)} resources; templates in {assemblyDirectory}/, policy reports in {assemblyDirectory}/policy-report.{{md,sarif,json}}.");
        output.WriteLine(Cost.CostSummary.Footer);
        return 0;
    }

    // "; policy: 0 errors, 2 warnings, 4 suppressed" for the stage's stacks.
    private static string PolicyLine(JsonObject? report, string stage)
    {
        if (report?["stacks"] is not JsonArray stacks)
        {
            return "; policy: not run";
        }

        var rows = stacks.OfType<JsonObject>().Where(s => string.Equals((string?)s["environment"], stage, StringComparison.OrdinalIgnoreCase)).ToList();
        int Sum(string key) => rows.Sum(r => (int?)r[key] ?? 0);
        return $"; policy: {Sum("errors")} errors, {Sum("warnings")} warnings, {Sum("suppressed")} suppressed";
    }

    private static Dictionary<string, int> CountResources(string templateFile) =>
        (JsonNode.Parse(File.ReadAllText(templateFile))?["Resources"] as JsonObject ?? new JsonObject())
            .GroupBy(r => (string?)r.Value?["Type"] ?? "?")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
