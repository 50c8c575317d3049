using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components;
using Infra.Policies;

namespace Infra.Stacks;

/// <summary>The components a synthesized stack holds, found by the <see cref="ComponentMetadata"/> marks in its manifest.</summary>
public static class AssemblyComponents
{
    /// <summary>Each component's construct path and class name (<c>VpcNetwork</c>), by path.</summary>
    public static IReadOnlyList<(string Path, string Kind)> Of(AssemblyStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return stack.Metadata
            .SelectMany(m => (m.Value as JsonArray ?? []).OfType<JsonObject>()
                .Where(e => (string?)e["type"] == ComponentMetadata.Type)
                .Select(e => (Path: m.Key, Kind: (string)e["data"]!)))
            .OrderBy(c => c.Path, StringComparer.Ordinal)
            .ToList();
    }
}
