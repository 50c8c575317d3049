using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Stacks.Preview;

/// <summary>What a CloudFormation template (or part of one) points at: imported exports and referenced resources.</summary>
public static class TemplateReferences
{
    /// <summary>Every export name imported with <c>Fn::ImportValue</c> of a literal name, at any depth.</summary>
    public static IReadOnlySet<string> Imports(JsonNode? node)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(node, names);
        return names;
    }

    /// <summary>The logical ids a value points at: <c>{"Ref": id}</c> and <c>{"Fn::GetAtt": [id, attribute]}</c>, at any depth.</summary>
    public static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o when o.Count == 1 && o.First().Key == "Ref" && o.First().Value is JsonValue r && r.TryGetValue(out string? id):
                yield return id;
                break;
            case JsonObject o when o.Count == 1 && o.First().Key == "Fn::GetAtt" && o.First().Value is JsonArray a && a.Count > 0 && a[0] is JsonValue g && g.TryGetValue(out string? target):
                yield return target;
                break;
            case JsonObject o:
                foreach (var child in o.SelectMany(p => References(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(References))
                {
                    yield return child;
                }

                break;
        }
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
