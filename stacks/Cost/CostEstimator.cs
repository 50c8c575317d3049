using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Cost;

/// <summary>
/// Estimates what each environment of a synthesized cloud assembly costs a month at idle, from its templates (nested
/// stacks included), what its components declare the cluster creates at run time, its usage assumptions and the price
/// table: per environment, stack and line item. Offline and deterministic: the same assembly and table give the same
/// figures. Every resource is accounted for: priced, counted as free at idle, or listed as unpriced.
/// </summary>
public static class CostEstimator
{
    /// <summary>
    /// The construct-metadata type under which a stack carries its environment's cost settings: the budget and the
    /// usage assumptions (<c>{"monthlyBudgetUsd": 170, "blockOverBudget": false, "usage": {...}}</c>), written by the
    /// stage from the environment's <c>cost</c> section. An assembly without it is estimated with the default assumptions.
    /// </summary>
    public const string MetadataType = "infra:cost";

    /// <summary>Estimates every environment of the assembly in <paramref name="assemblyDirectory"/> (or only <paramref name="environment"/>).</summary>
    public static CostEstimate Estimate(string assemblyDirectory, PriceTable? prices = null, string? environment = null)
    {
        prices ??= PriceTable.Default;
        if (!File.Exists(Path.Combine(assemblyDirectory, "manifest.json")))
        {
            throw new FileNotFoundException($"No cloud assembly in '{assemblyDirectory}': run the synth first (make plan or make cost does).");
        }

        var stacks = TemplateLoader.ReadAssembly(assemblyDirectory).Stacks.Where(s => environment is null || s.Environment == environment).ToList();
        var environments = EnvironmentConfigLoader.OrderEnvironments(stacks)
            .Select(name => EstimateEnvironment(name, stacks.Where(s => s.Environment == name).ToList(), prices))
            .ToList();
        return new CostEstimate(prices.Version, prices.Date, prices.HoursPerMonth, environments);
    }

    private static EnvironmentEstimate EstimateEnvironment(string name, IReadOnlyList<AssemblyStack> stacks, PriceTable prices)
    {
        var (assumptions, budget) = Settings(stacks);
        var templates = stacks.Select(s => (Stack: s, Templates: WithNested(s))).ToList();
        var cluster = ClusterCapacity.Read(templates.SelectMany(t => t.Templates.Select(x => x.Template)));
        var lines = new List<CostLine>();
        var notes = new List<string>();
        var unpriced = new Dictionary<string, (int Count, string Why)>(StringComparer.Ordinal);
        var free = new Dictionary<string, (int Count, string Why)>(StringComparer.Ordinal);
        foreach (var (stack, stackTemplates) in templates)
        {
            foreach (var (template, _) in stackTemplates)
            {
                var context = new PricingContext(stack.StackName, stack.Region, template, assumptions, prices, lines, notes);
                foreach (var (logicalId, node) in template["Resources"] as JsonObject ?? [])
                {
                    if (node is not JsonObject resource || Cfn.AsString(resource["Type"]) is not { } type)
                    {
                        continue;
                    }

                    var outcome = ResourcePricing.Price(context, logicalId, type, resource);
                    if (outcome.Priced)
                    {
                        continue;
                    }

                    var why = outcome.Why ?? (prices.NoIdleCharge.TryGetValue(type, out var reason) ? reason : null);
                    var bucket = why is null ? unpriced : free;
                    var counted = bucket.GetValueOrDefault(type);
                    bucket[type] = (counted.Count + 1, why ?? "no price in the table: add one (docs/cost.md)");
                }
            }

            RuntimePricing.Price(new PricingContext(stack.StackName, stack.Region, [], assumptions, prices, lines, notes), stack, cluster);
        }

        return new EnvironmentEstimate(
            name,
            lines,
            unpriced.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new UncostedType(kv.Key, kv.Value.Count, kv.Value.Why)).ToList(),
            free.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new UncostedType(kv.Key, kv.Value.Count, kv.Value.Why)).ToList(),
            assumptions,
            budget,
            notes.Distinct(StringComparer.Ordinal).ToList());
    }

    // The environment's assumptions and budget from the first stack that carries them; the defaults otherwise.
    private static (UsageAssumptions Assumptions, CostBudget? Budget) Settings(IEnumerable<AssemblyStack> stacks)
    {
        var data = stacks
            .SelectMany(s => s.Metadata.SelectMany(entry => Cfn.Items(entry.Value)))
            .FirstOrDefault(item => Cfn.AsString(item?["type"]) == MetadataType)?["data"];
        if (data is not JsonObject settings)
        {
            return (new UsageAssumptions(), null);
        }

        var usage = settings["usage"]?.Deserialize<UsageAssumptions>() ?? new UsageAssumptions();
        var budget = settings["monthlyBudgetUsd"] is JsonValue amount && amount.TryGetValue<decimal>(out var usd)
            ? new CostBudget(usd, Cfn.AsBool(settings["blockOverBudget"]) ?? false)
            : null;
        return (usage, budget);
    }

    // The stack's template and the templates of its nested stacks: files beside it, named by the stack's asset manifest
    // (<artifact id>.assets.json lists every nested template it uploads, at any depth) or by a nested stack's
    // aws:asset:path metadata, which the CDK CLI adds.
    private static List<(JsonObject Template, string File)> WithNested(AssemblyStack stack)
    {
        var directory = Path.GetDirectoryName(stack.TemplateFile)!;
        var files = new List<string> { stack.TemplateFile };
        var assets = Path.Combine(directory, $"{stack.ArtifactId}.assets.json");
        if (File.Exists(assets) && JsonNode.Parse(File.ReadAllText(assets))?["files"] is JsonObject uploads)
        {
            files.AddRange(uploads.Select(u => Cfn.AsString(u.Value?["source"]?["path"])).OfType<string>()
                .Where(f => f.EndsWith(".nested.template.json", StringComparison.Ordinal))
                .Select(f => Path.Combine(directory, f)));
        }

        var result = new List<(JsonObject Template, string File)>();
        var pending = new Queue<string>(files);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var file))
        {
            if (!seen.Add(Path.GetFullPath(file)) || !File.Exists(file))
            {
                continue;
            }

            var template = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? [];
            result.Add((template, file));
            foreach (var (_, node) in template["Resources"] as JsonObject ?? [])
            {
                if (Cfn.AsString(node?["Type"]) == "AWS::CloudFormation::Stack" && Cfn.AsString(node?["Metadata"]?["aws:asset:path"]) is { } nested)
                {
                    pending.Enqueue(Path.Combine(Path.GetDirectoryName(file)!, nested));
                }
            }
        }

        return result;
    }
}

/// <summary>What the pricing of one stack's template needs, and where its lines and notes go.</summary>
internal sealed record PricingContext(
    string Stack, string Region, JsonObject Template, UsageAssumptions Usage, PriceTable Prices, List<CostLine> Lines, List<string> Notes)
{
    public JsonObject Resources => Template["Resources"] as JsonObject ?? [];

    /// <summary>Adds a line priced from the table; a price the table lacks becomes a note and no line.</summary>
    public bool Add(string resource, string item, decimal quantity, string priceKey, CostBasis basis, decimal factor = 1)
    {
        if (Prices.Find(Region, priceKey) is not { } price)
        {
            Notes.Add($"{Stack} ({Region}): no price '{priceKey}' for {item} of {resource}; add it to {PriceTable.RepositoryPath}.");
            return false;
        }

        Lines.Add(new CostLine(Stack, Region, resource, item, quantity, price.Unit, price.Usd * factor, priceKey, basis));
        return true;
    }

    /// <summary>The resource a <c>Ref</c> or <c>Fn::GetAtt</c> points at in this template, or <c>null</c>.</summary>
    public JsonObject? Referenced(JsonNode? reference)
    {
        var id = Cfn.AsString(reference?["Ref"]) ?? (reference?["Fn::GetAtt"] as JsonArray)?[0]?.GetValue<string>();
        return id is not null ? Resources[id] as JsonObject : null;
    }
}
