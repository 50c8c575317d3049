using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using Infra.Policies;

namespace Infra.Stacks.Preview;

/// <summary>How CloudFormation templates link to each other: the exports they declare and the ones they import.</summary>
public static class TemplateReferences
{
    /// <summary>Every export name imported with <c>Fn::ImportValue</c> of a literal name, at any depth.</summary>
    public static IReadOnlySet<string> Imports(JsonNode? node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, names);
        return names;
    }

    /// <summary>The exports a template declares: each literal <c>Export.Name</c> of its outputs, with the output's value.</summary>
    public static IReadOnlyDictionary<string, JsonNode?> Exports(JsonObject template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var exports = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (_, output) in template["Outputs"] as JsonObject ?? [])
        {
            if (Cfn.AsString(output?["Export"]?["Name"]) is { } name)
            {
                exports[name] = output!["Value"];
            }
        }

        return exports;
    }

    private static void Collect(JsonNode? node, HashSet<string> names)
    {
        if (node is JsonObject o)
        {
            foreach (var (key, value) in o)
            {
                if (key == "Fn::ImportValue" && value is JsonValue v && v.TryGetValue(out string? name))
                {
                    names.Add(name);
                }
                else
                {
                    Collect(value, names);
                }
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var item in a)
            {
                Collect(item, names);
            }
        }
    }
}
