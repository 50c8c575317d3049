using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Infra.Components.Internal;

/// <summary>
/// Turns a typed Helm values record into the nested dictionaries <c>HelmChart</c> takes. The records name each key
/// with <see cref="JsonPropertyNameAttribute"/> exactly as the chart's values.yaml spells it, so a misspelled key does
/// not compile; a <c>null</c> property is left out, so the chart's default applies.
/// </summary>
internal static class HelmValues
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The record's values as Helm values (maps, lists, strings, numbers, booleans).</summary>
    public static Dictionary<string, object> From<T>(T values)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(values);
        return (Dictionary<string, object>)Convert(JsonSerializer.SerializeToElement(values, Options));
    }

    private static object Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Convert(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToArray(),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt32(out var i) => i,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        _ => throw new ArgumentOutOfRangeException(nameof(element), element.ValueKind, string.Create(CultureInfo.InvariantCulture, $"{element.ValueKind} is not a Helm value.")),
    };
}
