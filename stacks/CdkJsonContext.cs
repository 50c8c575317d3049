using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Infra.Stacks;

/// <summary>
/// Reads the pinned feature flags (the <c>context</c> of <c>cdk.json</c>) so the app synthesizes the same templates
/// whether the CDK CLI runs it (which passes the same context), a test builds it, or it is run directly.
/// </summary>
public static class CdkJsonContext
{
    /// <summary>The <c>context</c> object of <paramref name="cdkJsonPath"/>, as values jsii can pass to <c>AppProps.Context</c>.</summary>
    public static IDictionary<string, object> Load(string cdkJsonPath)
    {
        var root = JsonNode.Parse(File.ReadAllText(cdkJsonPath))?.AsObject()
            ?? throw new InvalidDataException($"{cdkJsonPath} is not a JSON object.");
        // The CDK CLI adds this when it runs the app; set here too so every synth writes each resource's construct
        // path into its metadata, which the policy reports use to name resources.
        var context = new Dictionary<string, object> { ["aws:cdk:enable-path-metadata"] = true };
        if (root["context"] is JsonObject values)
        {
            foreach (var (key, value) in values)
            {
                context[key] = ToPlain(value);
            }
        }

        return context;
    }

    private static object ToPlain(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(ToPlain).ToArray(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        JsonValue value => value.ToString(),
        JsonObject obj => obj.ToDictionary(kv => kv.Key, kv => ToPlain(kv.Value)),
        _ => "",
    };
}
