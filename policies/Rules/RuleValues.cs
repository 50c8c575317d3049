using System.Globalization;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules;

/// <summary>How rules read and describe single property values.</summary>
internal static class RuleValues
{
    /// <summary>The value as a message shows it: <c>not set</c>, <c>empty</c>, the literal, or its JSON.</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "not set",
        _ when Cfn.AsString(node) is { } s => string.IsNullOrWhiteSpace(s) ? "empty" : s,
        _ => node.ToJsonString(),
    };

    /// <summary>Whether a boolean property is literally true, or an intrinsic the rule cannot judge.</summary>
    public static bool IsTrueOrUnknown(JsonNode? node) => Cfn.IsIntrinsic(node) || Cfn.AsBool(node) == true;

    /// <summary>Whether a property holds something: a non-blank literal, a non-empty list or object, or an intrinsic.</summary>
    public static bool IsSet(JsonNode? node) => node switch
    {
        null => false,
        JsonArray a => a.Count > 0,
        JsonObject o => o.Count > 0,
        _ => !string.IsNullOrWhiteSpace(Cfn.AsString(node) ?? "-"),
    };

    /// <summary>A count or size as messages show it, with invariant thousands separators: <c>6,144</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
