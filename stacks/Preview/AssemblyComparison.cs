using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Preview;

/// <summary>Compares two synthesized cloud assemblies stack by stack, nested stacks included.</summary>
public static class AssemblyComparison
{
    private const string NestedStackType = "AWS::CloudFormation::Stack";

    /// <summary>Every stack of either assembly, with what changed in it.</summary>
    /// <param name="baseAssembly">The base ref's <c>cdk.out</c>.</param>
    /// <param name="headAssembly">The head's <c>cdk.out</c>.</param>
    /// <param name="engine">The template diff engine.</param>
    /// <param name="environment">Only this environment's stacks; <c>null</c> for every environment.</param>
    public static IReadOnlyList<StackChange> Compare(string baseAssembly, string headAssembly, ITemplateDiffEngine engine, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var before = Templates(baseAssembly, environment);
        var after = Templates(headAssembly, environment);
        var keys = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).ToList();
        var pairs = keys.Select(k => new TemplatePair(k, before.GetValueOrDefault(k)?.File, after.GetValueOrDefault(k)?.File)).ToList();
        var diffs = engine.Diff(pairs);

        var order = EnvironmentConfigLoader.OrderEnvironments(TemplateLoader.ReadAssembly(headAssembly).Stacks.Concat(TemplateLoader.ReadAssembly(baseAssembly).Stacks)).ToList();
        var importers = Importers(before.Values);
        var afterExports = Exports(after.Values);
        return keys.Select(key =>
        {
            var old = before.GetValueOrDefault(key);
            var @new = after.GetValueOrDefault(key);
            var located = (@new ?? old)!;
            var oldResources = old?.Resources ?? [];
            var newResources = @new?.Resources ?? [];
            var resources = diffs.GetValueOrDefault(key, [])
                .Select(d => ChangeClassifier.Classify(d, oldResources[d.LogicalId] as JsonObject, newResources[d.LogicalId] as JsonObject))
                .OrderBy(r => r.LogicalId, StringComparer.Ordinal)
                .ToList();
            var conflicts = old is null ? [] : ExportConflicts(old, afterExports, importers, resources);
            var status = old is null ? StackStatus.Added : @new is null ? StackStatus.Removed : resources.Count + conflicts.Count > 0 ? StackStatus.Changed : StackStatus.Unchanged;
            return new StackChange(located.Environment, located.Name, located.Region, status, resources) { ExportConflicts = conflicts };
        })
        .OrderBy(s => Rank(order, s.Environment)).ThenBy(s => s.Environment, StringComparer.Ordinal).ThenBy(s => s.StackName, StringComparer.Ordinal)
        .ToList();
    }

    private static int Rank(List<string> order, string environment) => order.IndexOf(environment) is var i and >= 0 ? i : order.Count;

    // One template, parsed once.
    private sealed record LocatedTemplate(string Environment, string Name, string Region, string File, JsonObject Template)
    {
        public JsonObject Resources => Template["Resources"] as JsonObject ?? [];

        public static LocatedTemplate Read(string environment, string name, string region, string file) =>
            new(environment, name, region, file, JsonNode.Parse(System.IO.File.ReadAllText(file)) as JsonObject ?? []);
    }

    // CloudFormation refuses to delete an export, or change its value, while another stack imports it: the deployed
    // importers are the base's. A value also changes when it references a resource this change replaces or removes.
    private static List<string> ExportConflicts(
        LocatedTemplate exporter, Dictionary<string, JsonNode?> headExports, Dictionary<string, List<string>> importers, List<ResourceChange> resources)
    {
        var replaced = resources.Where(r => r.Kind is ChangeKind.Replaced or ChangeKind.MayBeReplaced or ChangeKind.Removed or ChangeKind.Orphaned)
            .Select(r => r.LogicalId).ToList();
        var conflicts = new List<string>();
        foreach (var (name, value) in TemplateReferences.Exports(exporter.Template).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!importers.TryGetValue($"{exporter.Environment}|{name}", out var importedBy))
            {
                continue;
            }

            var users = string.Join(", ", importedBy.Order(StringComparer.Ordinal));
            if (!headExports.TryGetValue($"{exporter.Environment}|{name}", out var newValue))
            {
                conflicts.Add($"export {name} is removed while {users} imports it: the deploy fails (deploy the importer without it first)");
            }
            else if (!JsonNode.DeepEquals(value, newValue))
            {
                conflicts.Add($"export {name} changes value while {users} imports it: the deploy fails");
            }
            else if (replaced.FirstOrDefault(id => Cfn.RefersTo(value, id)) is { } resource)
            {
                conflicts.Add($"export {name} changes value ({resource} is replaced or removed) while {users} imports it: the deploy fails");
            }
        }

        return conflicts;
    }

    // Who imports each export, by environment and export name.
    private static Dictionary<string, List<string>> Importers(IEnumerable<LocatedTemplate> templates)
    {
        var importers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            foreach (var name in TemplateReferences.Imports(template.Template))
            {
                var key = $"{template.Environment}|{name}";
                if (!importers.TryGetValue(key, out var list))
                {
                    importers[key] = list = [];
                }

                list.Add(template.Name);
            }
        }

        return importers;
    }

    private static Dictionary<string, JsonNode?> Exports(IEnumerable<LocatedTemplate> templates) =>
        templates.SelectMany(t => TemplateReferences.Exports(t.Template).Select(e => (Key: $"{t.Environment}|{e.Key}", e.Value)))
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    // Keyed by environment and stack name; a nested stack by its parent and its logical id in the parent.
    private static Dictionary<string, LocatedTemplate> Templates(string assembly, string? only)
    {
        var templates = new Dictionary<string, LocatedTemplate>(StringComparer.Ordinal);
        foreach (var stack in TemplateLoader.ReadAssembly(assembly).Stacks.Where(s => only is null || s.Environment == only))
        {
            var environment = stack.Environment;
            var top = LocatedTemplate.Read(environment, stack.StackName, stack.Region, stack.TemplateFile);
            templates[$"{environment}/{stack.StackName}"] = top;
            foreach (var (logicalId, file) in NestedTemplates(top))
            {
                templates[$"{environment}/{stack.StackName}/{logicalId}"] = LocatedTemplate.Read(environment, $"{stack.StackName} › {logicalId}", stack.Region, file);
            }
        }

        return templates;
    }

    // A nested stack's template is an asset beside its parent's: found by the parent's asset metadata (the CLI's synth
    // writes it) or else by the object key its TemplateURL points at in the parent's asset manifest.
    private static IEnumerable<(string LogicalId, string File)> NestedTemplates(LocatedTemplate parent)
    {
        var directory = Path.GetDirectoryName(parent.File)!;
        var byObjectKey = NestedTemplatesByObjectKey(parent.File);
        foreach (var (logicalId, resource) in parent.Resources)
        {
            if ((string?)resource?["Type"] != NestedStackType)
            {
                continue;
            }

            var url = resource["Properties"]?["TemplateURL"]?.ToJsonString() ?? "";
            var asset = (string?)resource["Metadata"]?["aws:asset:path"]
                ?? byObjectKey.FirstOrDefault(k => url.Contains(k.Key, StringComparison.Ordinal)).Value;
            if (asset is not null && File.Exists(Path.Combine(directory, asset)))
            {
                yield return (logicalId, Path.Combine(directory, asset));
            }
        }
    }

    private static Dictionary<string, string> NestedTemplatesByObjectKey(string templateFile)
    {
        var assets = templateFile.Replace(".template.json", ".assets.json", StringComparison.Ordinal);
        var files = File.Exists(assets) ? JsonNode.Parse(File.ReadAllText(assets))?["files"] as JsonObject : null;
        return (files ?? [])
            .Select(f => (Path: (string?)f.Value?["source"]?["path"], Keys: (f.Value?["destinations"] as JsonObject ?? []).Select(d => (string?)d.Value?["objectKey"])))
            .Where(f => f.Path?.EndsWith(".nested.template.json", StringComparison.Ordinal) == true)
            .SelectMany(f => f.Keys.OfType<string>().Select(k => (Key: k, f.Path)))
            .DistinctBy(f => f.Key)
            .ToDictionary(f => f.Key, f => f.Path!, StringComparer.Ordinal);
    }
}
