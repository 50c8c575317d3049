using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Infra.Policies;

namespace Infra.Stacks.Deploy;

/// <summary>The slowest chain of resources in one template: what a stack operation waits for.</summary>
/// <param name="Minutes">The chain's weight (the stack's own overhead not included).</param>
/// <param name="LogicalIds">The chain, first resource first; empty when nothing in the template takes time.</param>
public sealed record ResourceChain(double Minutes, IReadOnlyList<string> LogicalIds);

/// <summary>
/// The order CloudFormation works through a template in: a resource starts once every resource it references
/// (<c>Ref</c>, <c>Fn::GetAtt</c>, <c>Fn::Sub</c>) or names in <c>DependsOn</c> is done, and independent resources run
/// side by side. So a stack takes as long as its slowest chain of resources, not the sum of them.
/// </summary>
public static partial class TemplateTimeline
{
    /// <summary>
    /// The slowest chain of <paramref name="template"/>, each resource weighed by <paramref name="weigh"/> (its logical
    /// id and JSON in, minutes out). Throws <see cref="InvalidDataException"/> naming the resources of a dependency cycle,
    /// which CloudFormation would refuse too.
    /// </summary>
    public static ResourceChain SlowestChain(JsonObject template, Func<string, JsonObject, double> weigh)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(weigh);
        var resources = (template["Resources"] as JsonObject ?? [])
            .Where(r => r.Value is JsonObject)
            .ToDictionary(r => r.Key, r => (JsonObject)r.Value!, StringComparer.Ordinal);
        var dependencies = resources.ToDictionary(r => r.Key, r => DependenciesOf(r.Value, resources), StringComparer.Ordinal);
        var finish = new Dictionary<string, (double Minutes, string? After)>(StringComparer.Ordinal);
        var visiting = new List<string>();

        (double Minutes, string? After) Finish(string id)
        {
            if (finish.TryGetValue(id, out var known))
            {
                return known;
            }

            if (visiting.Contains(id))
            {
                throw new InvalidDataException($"The template's resources depend on each other in a cycle ({string.Join(" → ", visiting.SkipWhile(v => v != id).Append(id))}); CloudFormation refuses it too.");
            }

            visiting.Add(id);
            var start = dependencies[id].Select(d => (Id: d, Finish(d).Minutes)).OrderByDescending(d => d.Minutes).ThenBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault();
            visiting.RemoveAt(visiting.Count - 1);
            var result = (start.Minutes + weigh(id, resources[id]), start.Id);
            finish[id] = result;
            return result;
        }

        var last = resources.Keys.Select(id => (Id: id, Finish(id).Minutes)).OrderByDescending(r => r.Minutes).ThenBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault();
        if (last.Id is null || last.Minutes <= 0)
        {
            return new ResourceChain(0, []);
        }

        var chain = new List<string>();
        for (var id = last.Id; id is not null; id = finish[id].After)
        {
            chain.Add(id);
        }

        chain.Reverse();
        return new ResourceChain(last.Minutes, chain);
    }

    /// <summary>The resources of the template that <paramref name="resource"/> waits for: those it references or names in <c>DependsOn</c>.</summary>
    public static IReadOnlySet<string> DependenciesOf(JsonObject resource, IReadOnlyDictionary<string, JsonObject> resources)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(resources);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Cfn.Strings(resource["DependsOn"]))
        {
            names.Add(name);
        }

        Collect(resource["Properties"], names);
        names.IntersectWith(resources.Keys);
        return names;
    }

    private static void Collect(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject { Count: 1 } o when o.First().Key == "Ref" && Cfn.AsString(o["Ref"]) is { } name:
                names.Add(name);
                return;
            case JsonObject { Count: 1 } o when o.First().Key == "Fn::GetAtt":
                if (o["Fn::GetAtt"] is JsonArray { Count: > 0 } getAtt && Cfn.AsString(getAtt[0]) is { } target)
                {
                    names.Add(target);
                }
                else if (Cfn.AsString(o["Fn::GetAtt"]) is { } dotted)
                {
                    names.Add(dotted.Split('.')[0]);
                }

                return;
            case JsonObject { Count: 1 } o when o.First().Key == "Fn::Sub":
                CollectSub(o["Fn::Sub"], names);
                return;
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    Collect(value, names);
                }

                return;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, names);
                }

                return;
        }
    }

    // Fn::Sub "text ${Name} ${Name.Attribute}", or ["text", {variables}]: a variable of the map shadows a resource name.
    private static void CollectSub(JsonNode? sub, HashSet<string> names)
    {
        var (text, variables) = sub switch
        {
            JsonArray { Count: 2 } pair => (Cfn.AsString(pair[0]), pair[1] as JsonObject),
            _ => (Cfn.AsString(sub), null),
        };
        Collect(variables, names);
        foreach (Match match in SubVariable().Matches(text ?? ""))
        {
            var name = match.Groups["name"].Value;
            if (variables?.ContainsKey(name) != true)
            {
                names.Add(name);
            }
        }
    }

    // ${Name} or ${Name.Attribute}; ${!Literal} is text.
    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}")]
    private static partial Regex SubVariable();
}
