using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Cost;
using Infra.Policies;

namespace Infra.Stacks.Cost;

/// <summary>
/// Reads what a stack's components declare the cluster will create at run time (<see cref="RuntimeResources"/>), from
/// the cloud assembly's manifest: these never appear as resources in a template, but they are billed.
/// </summary>
internal static class RuntimeDeclarations
{
    /// <summary>Every declaration of <paramref name="stack"/>, with the construct path that made it.</summary>
    public static IEnumerable<(string Path, JsonObject Declaration)> Of(AssemblyStack stack) =>
        stack.Metadata
            .SelectMany(entry => Cfn.Items(entry.Value).Select(item => (Path: entry.Key, Item: item)))
            .Where(e => Cfn.AsString(e.Item?["type"]) == RuntimeResources.MetadataType && e.Item?["data"] is JsonObject)
            .Select(e => (e.Path, (JsonObject)e.Item!["data"]!));

    /// <summary>A Kubernetes CPU quantity (<c>250m</c>, <c>1</c>, <c>1.5</c>) in millicores; 0 when absent.</summary>
    public static decimal Millicores(string? quantity)
    {
        if (string.IsNullOrWhiteSpace(quantity))
        {
            return 0;
        }

        return quantity.EndsWith('m')
            ? decimal.Parse(quantity[..^1], CultureInfo.InvariantCulture)
            : decimal.Parse(quantity, CultureInfo.InvariantCulture) * 1000;
    }

    /// <summary>A Kubernetes memory quantity (<c>512Mi</c>, <c>4Gi</c>, <c>1G</c>) in MiB; 0 when absent.</summary>
    public static decimal Mebibytes(string? quantity)
    {
        if (string.IsNullOrWhiteSpace(quantity))
        {
            return 0;
        }

        var units = new (string Suffix, decimal MiB)[]
        {
            ("Ki", 1m / 1024), ("Mi", 1), ("Gi", 1024), ("Ti", 1024 * 1024),
            ("k", 1000m / 1048576), ("M", 1000000m / 1048576), ("G", 1000000000m / 1048576), ("T", 1000000000000m / 1048576),
        };
        foreach (var (suffix, mib) in units)
        {
            if (quantity.EndsWith(suffix, StringComparison.Ordinal))
            {
                return decimal.Parse(quantity[..^suffix.Length], CultureInfo.InvariantCulture) * mib;
            }
        }

        return decimal.Parse(quantity, CultureInfo.InvariantCulture) / 1048576;
    }
}
