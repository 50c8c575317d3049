using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;

namespace Infra.TestKit;

/// <summary>Plain JSON views of synthesized templates, for assertions that read values rather than match shapes.</summary>
public static class TemplateJson
{
    /// <summary>The template as a JSON object.</summary>
    public static JsonObject ToJsonObject(this Template template) =>
        JsonNode.Parse(JsonSerializer.Serialize(template.ToJSON()))!.AsObject();

    /// <summary>The resources of <paramref name="type"/>, by logical id.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Resources(this JsonObject template, string type) =>
        (template["Resources"]?.AsObject() ?? new JsonObject())
            .Where(r => (string?)r.Value!["Type"] == type)
            .ToDictionary(r => r.Key, r => r.Value!.AsObject());

    /// <summary>The single resource of <paramref name="type"/>; fails when there is not exactly one.</summary>
    public static JsonObject Single(this JsonObject template, string type)
    {
        var found = template.Resources(type);
        Xunit.Assert.True(found.Count == 1, $"expected one {type}, found {found.Count}: {string.Join(", ", found.Keys)}");
        return found.Values.Single();
    }

    /// <summary>A resource's tags as a dictionary (CloudFormation's Key/Value list form).</summary>
    public static IReadOnlyDictionary<string, string> Tags(this JsonObject resource) =>
        (resource["Properties"]?["Tags"]?.AsArray() ?? new JsonArray())
            .Select(t => t!.AsObject())
            .Where(t => t["Key"] is not null)
            .ToDictionary(t => (string)t["Key"]!, t => t["Value"]?.ToJsonString().Trim('"') ?? "");

    /// <summary>
    /// The text of a value CloudFormation will join: a literal string as is, an <c>Fn::Join</c> as its literal parts
    /// with <c>&lt;token&gt;</c> for each reference (KubernetesManifest and HelmChart values are synthesized this way).
    /// </summary>
    public static string Text(this JsonNode node) => Join(node, _ => "<token>");

    /// <summary>As <see cref="Text"/>, but each <c>Ref</c> reads <c>${LogicalId}</c>, so a test can tell which resource a value names.</summary>
    public static string TextWithRefs(this JsonNode node) =>
        Join(node, part => part is JsonObject r && r["Ref"] is JsonValue id ? $"${{{(string)id!}}}" : "<token>");

    private static string Join(JsonNode node, System.Func<JsonNode, string> token) => node switch
    {
        JsonValue v => (string)v!,
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Concat(join[1]!.AsArray().Select(p => p is JsonValue pv ? (string)pv! : token(p!))),
        _ => node.ToJsonString(),
    };
}
