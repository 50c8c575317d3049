using System;
using System.Collections.Generic;

namespace Infra.Policies.Rules.CloudFormation;

/// <summary>Suggests the name someone probably meant: the closest candidate by edit distance, when it is close.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// The candidate equal to <paramref name="name"/> but for case, else the one with the fewest edits (ignoring case)
    /// when at most one in <paramref name="charactersPerEdit"/> of the name's characters differ (at least one edit);
    /// <c>null</c> when none is that close. Ties go to the candidate that comes first.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates, int charactersPerEdit = 3)
    {
        var limit = Math.Max(1, name.Length / charactersPerEdit);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - name.Length) > limit)
            {
                continue;
            }

            var distance = string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(name, candidate);
            if (distance <= limit && distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance between two strings, ignoring case.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
