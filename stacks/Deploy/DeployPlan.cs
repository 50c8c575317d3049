using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Deploy;

/// <summary>What a deploy costs, resource by resource: the first deploy creates everything; a change deploys what it touches.</summary>
public interface IDeployWeights
{
    /// <summary>Whether the deploy runs the stack at all (the CLI skips a stack whose template is unchanged).</summary>
    bool Deploys(string stackName);

    /// <summary>
    /// The minutes one resource of <paramref name="stackPath"/> takes: its stack's name, or <c>parent › logical id</c> for a
    /// nested stack. A nested stack resource's weight is its own overhead; its template is weighed resource by resource.
    /// </summary>
    double Weigh(string stackPath, string logicalId, JsonObject resource);
}

/// <summary>A first deploy: every stack is created, every resource weighed by its typical creation time.</summary>
public sealed class FirstDeployWeights : IDeployWeights
{
    /// <summary>The one instance: it holds no state.</summary>
    public static FirstDeployWeights Instance { get; } = new();

    private FirstDeployWeights()
    {
    }

    /// <inheritdoc/>
    public bool Deploys(string stackName) => true;

    /// <inheritdoc/>
    public double Weigh(string stackPath, string logicalId, JsonObject resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return ResourceDurations.For(Cfn.AsString(resource["Type"]) ?? "", resource["Properties"] as JsonObject ?? []).CreateMinutes;
    }
}

/// <summary>One stack in the deploy plan.</summary>
/// <param name="ArtifactId">The stack's artifact id in the cloud assembly.</param>
/// <param name="StackName">The CloudFormation stack name.</param>
/// <param name="Region">Where it deploys.</param>
/// <param name="DependsOn">The stacks (by name) the assembly makes it deploy after.</param>
/// <param name="Minutes">Its estimated deploy time: the stack overhead plus its slowest resource chain; 0 when the deploy skips it.</param>
/// <param name="Chain">Its slowest chain of resources (nested stacks' resources as <c>logical id › logical id</c>).</param>
public sealed record StackEstimate(string ArtifactId, string StackName, string Region, IReadOnlyList<string> DependsOn, double Minutes, ResourceChain Chain)
{
    /// <summary>Its wave: 1 for a stack that depends on nothing, else one more than its latest dependency's.</summary>
    public int Wave { get; init; }

    /// <summary>Minutes after the deploy starts that it can start: when its last dependency finishes.</summary>
    public double Start { get; init; }

    /// <summary>Minutes after the deploy starts that it finishes.</summary>
    public double Finish => Start + Minutes;
}

/// <summary>
/// One environment's deploy: its stacks in waves from the assembly's dependency graph, and the critical path, the
/// chain of dependent stacks that decides how long a deploy takes when every ready stack starts at once
/// (<c>cdk deploy --concurrency</c> at least <see cref="WidestWave"/>).
/// </summary>
/// <param name="Environment">The environment.</param>
/// <param name="Stacks">Its stacks, by wave and name.</param>
public sealed record EnvironmentDeployPlan(string Environment, IReadOnlyList<StackEstimate> Stacks)
{
    /// <summary>The stacks of each wave: a wave's stacks depend only on earlier waves, so they may deploy side by side.</summary>
    public IReadOnlyList<IReadOnlyList<StackEstimate>> Waves => Stacks.GroupBy(s => s.Wave).OrderBy(g => g.Key).Select(g => (IReadOnlyList<StackEstimate>)g.ToList()).ToList();

    /// <summary>The most stacks one wave holds: a deploy concurrency below it makes some ready stack wait for a slot.</summary>
    public int WidestWave => Stacks.Count == 0 ? 0 : Stacks.GroupBy(s => s.Wave).Max(g => g.Count());

    /// <summary>The stacks, dependency after dependency, that finish last; the ones the deploy skips are left out.</summary>
    public IReadOnlyList<StackEstimate> CriticalPath
    {
        get
        {
            var byName = Stacks.ToDictionary(s => s.StackName, StringComparer.Ordinal);
            var path = new List<StackEstimate>();
            for (var stack = Stacks.OrderByDescending(s => s.Finish).ThenBy(s => s.StackName, StringComparer.Ordinal).FirstOrDefault();
                 stack is not null;
                 stack = stack.DependsOn.Select(d => byName[d]).OrderByDescending(d => d.Finish).ThenBy(d => d.StackName, StringComparer.Ordinal).FirstOrDefault())
            {
                if (stack.Minutes > 0)
                {
                    path.Add(stack);
                }
            }

            path.Reverse();
            return path;
        }
    }

    /// <summary>The estimated deploy time with every ready stack deployed at once: the critical path's length.</summary>
    public double CriticalMinutes => Stacks.Count == 0 ? 0 : Stacks.Max(s => s.Finish);

    /// <summary>The estimated deploy time one stack at a time (<c>cdk deploy</c> without <c>--concurrency</c>).</summary>
    public double SerialMinutes => Stacks.Sum(s => s.Minutes);

    /// <summary>Every dependency as (stack, the stack it deploys after), by name.</summary>
    public IReadOnlyList<(string Stack, string DependsOn)> Edges =>
        Stacks.SelectMany(s => s.DependsOn.Select(d => (Stack: s.StackName, DependsOn: d)))
            .OrderBy(e => e.Stack, StringComparer.Ordinal).ThenBy(e => e.DependsOn, StringComparer.Ordinal).ToList();
}

/// <summary>Builds the deploy plan of every environment of a synthesized cloud assembly (<c>cdk.out</c>), offline.</summary>
public static class DeployPlan
{
    /// <summary>The first deploy of every environment (or of <paramref name="environment"/>): every stack created.</summary>
    public static IReadOnlyList<EnvironmentDeployPlan> FirstDeploy(string assemblyDirectory, string? environment = null) =>
        Build(assemblyDirectory, FirstDeployWeights.Instance, environment);

    /// <summary>
    /// Every environment's plan (or <paramref name="environment"/>'s), weighed by <paramref name="weights"/>. Throws
    /// <see cref="InvalidDataException"/> when stacks depend on each other in a cycle.
    /// </summary>
    public static IReadOnlyList<EnvironmentDeployPlan> Build(string assemblyDirectory, IDeployWeights weights, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var stacks = TemplateLoader.ReadAssembly(assemblyDirectory).Stacks;
        return EnvironmentConfigLoader.OrderEnvironments(stacks)
            .Where(e => environment is null || e == environment)
            .Select(e => Plan(e, stacks.Where(s => s.Environment == e).ToList(), weights))
            .ToList();
    }

    /// <summary>The slowest chain of resources of a stack's template, nested stacks weighed from their own templates.</summary>
    public static ResourceChain StackChain(string stackPath, string templateFile, IDeployWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var template = JsonNode.Parse(File.ReadAllText(templateFile)) as JsonObject ?? [];
        var nested = new Dictionary<string, ResourceChain>(StringComparer.Ordinal);
        var chain = TemplateTimeline.SlowestChain(template, (id, resource) =>
        {
            var own = weights.Weigh(stackPath, id, resource);
            if (NestedTemplate(templateFile, resource) is not { } file)
            {
                return own;
            }

            nested[id] = StackChain($"{stackPath} › {id}", file, weights);
            return own + nested[id].Minutes;
        });
        // A nested stack on the chain is shown with its own slowest chain: "Provider › Handler".
        var ids = chain.LogicalIds.SelectMany(id => nested.TryGetValue(id, out var inner) && inner.LogicalIds.Count > 0
            ? inner.LogicalIds.Select(i => $"{id} › {i}")
            : [id]).ToList();
        return chain with { LogicalIds = ids };
    }

    private static EnvironmentDeployPlan Plan(string environment, IReadOnlyList<AssemblyStack> stacks, IDeployWeights weights)
    {
        var names = stacks.ToDictionary(s => s.ArtifactId, s => s.StackName, StringComparer.Ordinal);
        var estimates = stacks.ToDictionary(s => s.StackName, s =>
        {
            var dependsOn = s.Dependencies.Where(names.ContainsKey).Select(d => names[d]).Order(StringComparer.Ordinal).ToList();
            if (!weights.Deploys(s.StackName))
            {
                return new StackEstimate(s.ArtifactId, s.StackName, s.Region, dependsOn, 0, new ResourceChain(0, []));
            }

            var chain = StackChain(s.StackName, s.TemplateFile, weights);
            return new StackEstimate(s.ArtifactId, s.StackName, s.Region, dependsOn, ResourceDurations.StackOverheadMinutes + chain.Minutes, chain);
        }, StringComparer.Ordinal);

        var scheduled = new Dictionary<string, StackEstimate>(StringComparer.Ordinal);
        var visiting = new List<string>();
        StackEstimate Schedule(string name)
        {
            if (scheduled.TryGetValue(name, out var done))
            {
                return done;
            }

            if (visiting.Contains(name))
            {
                throw new InvalidDataException($"{environment}: the stacks depend on each other in a cycle ({string.Join(" → ", visiting.SkipWhile(v => v != name).Append(name))}); no deploy order exists.");
            }

            visiting.Add(name);
            var dependencies = estimates[name].DependsOn.Select(Schedule).ToList();
            visiting.RemoveAt(visiting.Count - 1);
            var estimate = estimates[name] with
            {
                Wave = dependencies.Count == 0 ? 1 : dependencies.Max(d => d.Wave) + 1,
                Start = dependencies.Count == 0 ? 0 : dependencies.Max(d => d.Finish),
            };
            scheduled[name] = estimate;
            return estimate;
        }

        var ordered = estimates.Keys.Select(Schedule).OrderBy(s => s.Wave).ThenBy(s => s.StackName, StringComparer.Ordinal).ToList();
        return new EnvironmentDeployPlan(environment, ordered);
    }

    // A nested stack's template: an asset beside its parent's, named in the resource's aws:asset:path metadata.
    private static string? NestedTemplate(string parentTemplate, JsonObject resource) =>
        Cfn.AsString(resource["Type"]) == "AWS::CloudFormation::Stack"
        && Cfn.AsString(resource["Metadata"]?["aws:asset:path"]) is { } asset
        && Path.Combine(Path.GetDirectoryName(parentTemplate)!, asset) is var file
        && File.Exists(file)
            ? file
            : null;
}
