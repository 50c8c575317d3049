using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Stacks.Preview;

/// <summary>Two templates to compare; a missing side (<c>null</c>) is an empty template.</summary>
/// <param name="Key">Names the pair in the answer.</param>
/// <param name="OldTemplate">The base template file.</param>
/// <param name="NewTemplate">The head template file.</param>
public sealed record TemplatePair(string Key, string? OldTemplate, string? NewTemplate);

/// <summary>One differing resource as the engine sees it.</summary>
/// <param name="LogicalId">The logical id.</param>
/// <param name="OldType">The base type; <c>null</c> when added.</param>
/// <param name="NewType">The head type; <c>null</c> when removed.</param>
/// <param name="Impact">The engine's impact: WILL_CREATE, WILL_UPDATE, WILL_REPLACE, MAY_REPLACE, WILL_DESTROY, WILL_ORPHAN, NO_CHANGE.</param>
/// <param name="Properties">Each changed property (top level) and its impact.</param>
/// <param name="OtherChanges">Changed resource attributes other than properties (DeletionPolicy, DependsOn, Metadata, ...).</param>
public sealed record EngineResourceDiff(
    string LogicalId, string? OldType, string? NewType, string Impact, IReadOnlyDictionary<string, string> Properties, IReadOnlyList<string> OtherChanges);

/// <summary>Compares CloudFormation templates and says which changes replace resources.</summary>
public interface ITemplateDiffEngine
{
    /// <summary>The engine's name and version, for the report.</summary>
    string Name { get; }

    /// <summary>The differing resources of every pair, by pair key.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<EngineResourceDiff>> Diff(IReadOnlyList<TemplatePair> pairs);
}

/// <summary>
/// The CDK CLI's diff engine, <c>@aws-cdk/cloudformation-diff</c> (what <c>cdk diff --template</c> runs), through
/// <c>scripts/template-diff.mjs</c> in Node: it knows from the CloudFormation resource specification which property
/// changes replace a resource. One Node process for all pairs; offline.
/// </summary>
public sealed class CloudFormationDiffEngine : ITemplateDiffEngine
{
    private const string Package = "@aws-cdk/cloudformation-diff";
    private readonly string _script;

    /// <summary>Uses the script under <paramref name="repositoryRoot"/> and the package in its node_modules.</summary>
    public CloudFormationDiffEngine(string repositoryRoot)
    {
        _script = Path.Combine(repositoryRoot, "scripts", "template-diff.mjs");
        var manifest = Path.Combine(repositoryRoot, "node_modules", "@aws-cdk", "cloudformation-diff", "package.json");
        Name = File.Exists(manifest) ? $"{Package}@{(string?)JsonNode.Parse(File.ReadAllText(manifest))?["version"]}" : Package;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, IReadOnlyList<EngineResourceDiff>> Diff(IReadOnlyList<TemplatePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (!File.Exists(_script))
        {
            throw new FileNotFoundException($"The diff engine's script is missing: {_script}.");
        }

        var request = Path.GetTempFileName();
        try
        {
            File.WriteAllText(request, new JsonObject
            {
                ["pairs"] = new JsonArray(pairs.Select(p => (JsonNode?)new JsonObject
                {
                    ["key"] = p.Key,
                    ["old"] = p.OldTemplate is null ? null : Path.GetFullPath(p.OldTemplate),
                    ["new"] = p.NewTemplate is null ? null : Path.GetFullPath(p.NewTemplate),
                }).ToArray()),
            }.ToJsonString());
            var answer = JsonNode.Parse(RunNode(request))!.AsObject();
            return answer["pairs"]!.AsArray().OfType<JsonObject>().ToDictionary(
                p => (string)p["key"]!,
                p => (IReadOnlyList<EngineResourceDiff>)p["resources"]!.AsArray().OfType<JsonObject>().Select(Parse).ToList(),
                StringComparer.Ordinal);
        }
        finally
        {
            File.Delete(request);
        }
    }

    private static EngineResourceDiff Parse(JsonObject r) => new(
        (string)r["logicalId"]!,
        (string?)r["oldType"],
        (string?)r["newType"],
        (string)r["impact"]!,
        r["properties"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!, StringComparer.Ordinal),
        r["other"]!.AsArray().Select(o => (string)o!).ToList());

    private string RunNode(string requestFile)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(_script)!,
        };
        start.ArgumentList.Add(_script);
        start.ArgumentList.Add(requestFile);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The diff engine failed (node {_script}, exit {process.ExitCode}): {stderr.Result.Trim()}{Environment.NewLine}Run `make install` (npm ci) if @aws-cdk/cloudformation-diff is missing.");
        }

        return stdout;
    }
}
