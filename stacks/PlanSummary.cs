using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Infra.Stacks;

/// <summary>One stack of a synthesized cloud assembly, as <c>make plan</c> reports it.</summary>
/// <param name="Stage">The stage (environment) it belongs to.</param>
/// <param name="StackName">The CloudFormation stack name.</param>
/// <param name="Account">The target account.</param>
/// <param name="Region">The target region.</param>
/// <param name="TemplateFile">The template's path.</param>
/// <param name="TerminationProtection">Whether termination protection is on.</param>
/// <param name="ResourceCountsByType">How many resources of each type the template holds.</param>
public sealed record PlannedStack(
    string Stage,
    string StackName,
    string Account,
    string Region,
    string TemplateFile,
    bool TerminationProtection,
    IReadOnlyDictionary<string, int> ResourceCountsByType)
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
        var stacks = new List<PlannedStack>();
        var missing = new List<string>();
        ReadAssembly(assemblyDirectory, stage: "", stacks, missing);
        return (stacks, missing);
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
        foreach (var stage in stacks.GroupBy(s => s.Stage))
        {
            output.WriteLine();
            output.WriteLine($"{stage.Key}: {stage.Count()} stacks, {stage.Sum(s => s.ResourceCount)} resources");
            foreach (var s in stage)
            {
                var protection = s.TerminationProtection ? ", termination-protected" : "";
                output.WriteLine($"  {s.StackName,-40} {s.Account}/{s.Region,-14} {s.ResourceCount,4} resources{protection}");
                var main = s.ResourceCountsByType.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(5)
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

        output.WriteLine($"{stacks.Count} stacks, {stacks.Sum(s => s.ResourceCount)} resources; templates in {assemblyDirectory}/.");
        return 0;
    }

    private static void ReadAssembly(string directory, string stage, List<PlannedStack> stacks, List<string> missing)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        var root = manifest.RootElement;
        if (root.TryGetProperty("missing", out var missingContext))
        {
            missing.AddRange(missingContext.EnumerateArray().Select(m => m.GetProperty("key").GetString() ?? "?"));
        }

        if (!root.TryGetProperty("artifacts", out var artifacts))
        {
            return;
        }

        foreach (var artifact in artifacts.EnumerateObject())
        {
            var type = artifact.Value.GetProperty("type").GetString();
            var properties = artifact.Value.TryGetProperty("properties", out var p) ? p : default;
            if (type == "cdk:cloud-assembly")
            {
                var nested = Path.Combine(directory, properties.GetProperty("directoryName").GetString()!);
                ReadAssembly(nested, properties.TryGetProperty("displayName", out var name) ? name.GetString()! : artifact.Name, stacks, missing);
            }
            else if (type == "aws:cloudformation:stack")
            {
                stacks.Add(ReadStack(directory, stage, artifact.Value, properties));
            }
        }
    }

    private static PlannedStack ReadStack(string directory, string stage, JsonElement artifact, JsonElement properties)
    {
        var environment = artifact.GetProperty("environment").GetString()!["aws://".Length..].Split('/');
        var templateFile = Path.Combine(directory, properties.GetProperty("templateFile").GetString()!);
        using var template = JsonDocument.Parse(File.ReadAllText(templateFile));
        var counts = template.RootElement.TryGetProperty("Resources", out var resources)
            ? resources.EnumerateObject().GroupBy(r => r.Value.GetProperty("Type").GetString()!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)
            : new Dictionary<string, int>(StringComparer.Ordinal);
        return new PlannedStack(
            stage,
            properties.TryGetProperty("stackName", out var name) ? name.GetString()! : Path.GetFileNameWithoutExtension(templateFile),
            environment[0],
            environment[1],
            templateFile,
            properties.TryGetProperty("terminationProtection", out var tp) && tp.GetBoolean(),
            counts);
    }
}
