using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Infra.Components;

namespace Infra.Stacks.Configuration;

/// <summary>
/// Where each property of one component's props comes from in the environment file. A component reports a problem at
/// a property path (<c>NodePools[1].Disruption.ConsolidateAfter</c>); this maps it to the key the user wrote
/// (<c>kubernetes.karpenter.nodePools[1].consolidateAfter</c>), so the message keeps the component's words and gains
/// the file and line. Paths are matched with list indices erased (<c>NodePools[].Weight</c>); the indices go back into
/// the key in order. A path with no entry of its own takes its nearest mapped parent's key, and a path with no mapped
/// parent the section's, so no problem is ever dropped.
/// </summary>
internal sealed partial class PropertyKeys
{
    private readonly string _section;
    private readonly Dictionary<string, string> _keys;

    /// <summary>Creates the map of one component's props.</summary>
    /// <param name="section">The key a problem falls back to, such as <c>observability</c>.</param>
    /// <param name="keys">Property paths (indices as <c>[]</c>) and the file's keys they come from.</param>
    public PropertyKeys(string section, IReadOnlyDictionary<string, string> keys)
    {
        _section = section;
        _keys = new Dictionary<string, string>(keys, StringComparer.Ordinal);
    }

    /// <summary>Every property path (indices as <c>[]</c>) and its key.</summary>
    public IReadOnlyDictionary<string, string> Entries => _keys;

    /// <summary>The file's key for <paramref name="property"/>.</summary>
    public string KeyOf(string property)
    {
        var indices = Index().Matches(property).Select(m => m.Groups[1].Value).ToList();
        for (var path = Index().Replace(property, "[]"); path.Length > 0; path = Parent(path))
        {
            if (_keys.TryGetValue(path, out var key))
            {
                var next = 0;
                return EmptyIndex().Replace(key, _ => next < indices.Count ? $"[{indices[next++]}]" : "[]");
            }
        }

        return _section;
    }

    /// <summary>
    /// Reports every problem of <paramref name="problems"/> at its key in the file, except at a key that already has a
    /// problem (or holds one): one problem per value, the first found, which is the most basic (an unsupported
    /// Kubernetes version, not also the add-ons that have no versions for it).
    /// </summary>
    public void Report(IEnumerable<PropertyProblem> problems, ConfigContext context)
    {
        foreach (var problem in problems)
        {
            var key = KeyOf(problem.Property);
            if (!context.HasProblem(key))
            {
                context.Add(key, problem.Message);
            }
        }
    }

    private static string Parent(string path)
    {
        if (path.EndsWith("[]", StringComparison.Ordinal))
        {
            return path[..^2];
        }

        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Index();

    [GeneratedRegex(@"\[\]")]
    private static partial Regex EmptyIndex();
}
