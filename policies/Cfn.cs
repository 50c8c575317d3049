using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies;

/// <summary>
/// Token-safe readers for CloudFormation values. A value built with an intrinsic function (<c>Ref</c>, <c>Fn::*</c>)
/// is unknown at synth: the readers return <c>null</c> for it, and rules treat unknown as "cannot tell", never as a pass
/// or a failure they cannot prove.
/// </summary>
public static class Cfn
{
    /// <summary>Whether <paramref name="node"/> is an intrinsic function call such as <c>{"Ref": "X"}</c>.</summary>
    public static bool IsIntrinsic(JsonNode? node) =>
        node is JsonObject { Count: 1 } obj && obj.First().Key is var key && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal) || key == "Condition");

    /// <summary>A literal boolean (CloudFormation also accepts the strings "true" and "false"); otherwise <c>null</c>.</summary>
    public static bool? AsBool(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var parsed) => parsed,
        _ => null,
    };

    /// <summary>A literal string (numbers are rendered invariantly); otherwise <c>null</c>.</summary>
    public static string? AsString(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<double>(out var d) => d.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => null,
    };

    /// <summary>A literal whole number (or a string holding one); otherwise <c>null</c>.</summary>
    public static long? AsLong(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    /// <summary>The items of a list, or the value itself when it is not a list (IAM allows both); nothing for null.</summary>
    public static IEnumerable<JsonNode?> Items(JsonNode? node) => node switch
    {
        null => Array.Empty<JsonNode?>(),
        JsonArray array => array,
        // An explicit array: a collection expression here would become a JsonArray and re-parent the node.
        _ => new[] { node },
    };

    /// <summary>The literal strings among <see cref="Items"/>.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => Items(node).Select(AsString).OfType<string>();

    /// <summary>Whether <paramref name="node"/> (anywhere inside) refers to <paramref name="logicalId"/> with Ref or Fn::GetAtt.</summary>
    public static bool RefersTo(JsonNode? node, string logicalId) => node switch
    {
        JsonObject { Count: 1 } o when o["Ref"] is JsonValue r && AsString(r) == logicalId => true,
        JsonObject { Count: 1 } o when o["Fn::GetAtt"] is JsonArray { Count: >= 1 } a && AsString(a[0]) == logicalId => true,
        JsonObject { Count: 1 } o when o["Fn::GetAtt"] is JsonValue g && AsString(g)?.Split('.')[0] == logicalId => true,
        JsonObject o => o.Any(kv => RefersTo(kv.Value, logicalId)),
        JsonArray a => a.Any(i => RefersTo(i, logicalId)),
        _ => false,
    };

    /// <summary>The statements of an IAM policy document (a list or a single statement).</summary>
    public static IEnumerable<JsonObject> Statements(JsonNode? policyDocument) =>
        Items((policyDocument as JsonObject)?["Statement"]).OfType<JsonObject>();

    /// <summary>Whether a statement allows (the default effect is irrelevant: IAM requires one; anything but Deny is treated as Allow).</summary>
    public static bool IsAllow(JsonObject statement) => AsString(statement["Effect"]) != "Deny";

    /// <summary>The principals of a statement as strings: <c>*</c>, or <c>Service:x</c>, <c>AWS:y</c>, <c>Federated:z</c>.</summary>
    public static IEnumerable<string> Principals(JsonObject statement)
    {
        var principal = statement["Principal"];
        if (AsString(principal) is { } any)
        {
            yield return any;
            yield break;
        }

        if (principal is JsonObject map)
        {
            foreach (var (kind, value) in map)
            {
                foreach (var item in Items(value))
                {
                    yield return $"{kind}:{AsString(item) ?? (IsIntrinsic(item) ? "(token)" : item?.ToJsonString())}";
                }
            }
        }
    }

    /// <summary>The value at a dotted property path (<c>A.B.C</c>), or <c>null</c>.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node;
    }
}
