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

/// <summary>
/// Reads a synthesized cloud assembly (<c>cdk.out</c>) and its policy report and prints, on about a screen, what each
/// environment will deploy: a line per environment and per stack (what it holds, its policy result), then the findings
/// grouped by rule (<see cref="ConsoleReport"/>) and what to do next.
/// </summary>
public static class PlanSummary
{
    /// <summary>What abbreviated lists of findings point to.</summary>
    public const string AllFindingsHint = "make plan FINDINGS=all lists them all";

    /// <summary>Every stack of every nested stage assembly, plus any context the synth found missing.</summary>
    public static (IReadOnlyList<PlannedStack> Stacks, IReadOnlyList<string> MissingContext) Read(string assemblyDirectory)
    {
        var (stacks, missing) = TemplateLoader.ReadAssembly(assemblyDirectory);
        return (stacks.Select(s => new PlannedStack(s, CountResources(s.TemplateFile))).ToList(), missing);
    }

    /// <summary>
    /// Prints the summary with the findings at <paramref name="detail"/>; returns 0, or 2 when the assembly is missing
    /// or lists missing context (a lookup).
    /// </summary>
    public static int Print(string assemblyDirectory, TextWriter output, FindingsDetail detail = FindingsDetail.Summary)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(Path.Combine(assemblyDirectory, "manifest.json")))
        {
            output.WriteLine($"No cloud assembly in '{assemblyDirectory}': run the synth first (make plan does).");
            return 2;
        }

        var (stacks, missing) = Read(assemblyDirectory);
        var policy = JsonReport.Read(assemblyDirectory) is { } json ? JsonReport.Parse(json) : null;
        var costs = Cost.CostSummary.Headlines(assemblyDirectory);
        var nameWidth = stacks.Select(s => s.Stack.StackName.Length).DefaultIfEmpty(0).Max();
        output.WriteLine();
        foreach (var stage in stacks.GroupBy(s => s.Stack.Stage))
        {
            var first = stage.First().Stack;
            var profile = first.Profile is { } p ? $", profile {p}" : "";
            var cost = costs.TryGetValue(first.Environment, out var headline) ? $"; {headline}" : "";
            output.WriteLine($"{first.Environment}: account {first.Account}{profile}; {Count(stage.Count(), "stack")}, {Count(stage.Sum(s => s.ResourceCount), "resource")}; "
                + $"policy {EnvironmentPolicy(policy, stage.Select(s => s.Stack.StackName))}{cost}");

            foreach (var planned in stage)
            {
                var s = planned.Stack;
                var protection = s.TerminationProtection ? "protected" : "";
                output.WriteLine($"  {s.StackName.PadRight(nameWidth)}  {s.Region,-9} {planned.ResourceCount,4} resources  {StackPolicy(policy, s.StackName),-10}  {protection,-9}  {Holds(s)}".TrimEnd());
            }
        }

        output.WriteLine();
        if (missing.Count > 0)
        {
            output.WriteLine($"FAILED: the synth needed lookups (missing context: {string.Join(", ", missing)}); every value must come from config.");
            return 2;
        }

        if (policy is null)
        {
            output.WriteLine($"No policy report in '{assemblyDirectory}': the synth did not run the policy pack.");
        }
        else
        {
            ConsoleReport.WriteFindings(policy.Findings, output, detail, AllFindingsHint);
            output.WriteLine();
        }

        output.WriteLine(Cost.CostSummary.Footer);
        output.WriteLine($"{Count(stacks.Count, "stack")}, {Count(stacks.Sum(s => s.ResourceCount), "resource")}: templates in {assemblyDirectory}/assembly-<Stage>/, "
            + $"every finding in {assemblyDirectory}/policy-report.{{md,sarif,json}}.");
        output.WriteLine("Next: make diff BASE=origin/main previews a change against main; npx cdk deploy 'Dev/*' deploys one environment (README: Deploy one environment).");
        return 0;
    }

    // "0 errors, 4 warnings, 18 suppressed, 15 on CDK machinery" over the environment's stacks and their nested stacks.
    private static string EnvironmentPolicy(ReadReport? policy, IEnumerable<string> stackNames)
    {
        if (policy is null)
        {
            return "not run";
        }

        var names = stackNames.ToHashSet(StringComparer.Ordinal);
        var rows = policy.Stacks.Where(t => names.Contains(t.StackName) || (t.ParentStack is { } parent && names.Contains(parent))).ToList();
        return $"{Count(rows.Sum(r => r.Errors), "error")}, {Count(rows.Sum(r => r.Warnings), "warning")}, {rows.Sum(r => r.Suppressed)} suppressed, "
            + $"{rows.Sum(r => r.Demoted)} on CDK machinery";
    }

    // "ok", "2 warnings" or "1 error, 2 warnings" for the stack and its nested stacks (suppressed and demoted left out).
    private static string StackPolicy(ReadReport? policy, string stackName)
    {
        if (policy is null)
        {
            return "";
        }

        var rows = policy.Stacks.Where(t => t.StackName == stackName || t.ParentStack == stackName).ToList();
        var (errors, warnings) = (rows.Sum(r => r.Errors), rows.Sum(r => r.Warnings));
        return (errors, warnings) switch
        {
            (0, 0) => "ok",
            (0, _) => Count(warnings, "warning"),
            (_, 0) => Count(errors, "error"),
            _ => $"{Count(errors, "error")}, {Count(warnings, "warning")}",
        };
    }

    // The components the stack holds, by class, with a count when one repeats: "LifecycleBucket x2".
    private static string Holds(AssemblyStack stack) =>
        string.Join(", ", AssemblyComponents.Of(stack).GroupBy(c => c.Kind, StringComparer.Ordinal)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}"));

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static Dictionary<string, int> CountResources(string templateFile) =>
        (JsonNode.Parse(File.ReadAllText(templateFile))?["Resources"] as JsonObject ?? new JsonObject())
            .GroupBy(r => (string?)r.Value?["Type"] ?? "?")
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
