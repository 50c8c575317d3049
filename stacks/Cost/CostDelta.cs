using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Infra.Stacks.Cost;

/// <summary>One reason an environment's estimate moved: the lines of one price in one region, before and after.</summary>
/// <param name="Region">Where.</param>
/// <param name="Item">What (the item of a line, without its leading count).</param>
/// <param name="LinesBefore">How many lines (resources) the base had.</param>
/// <param name="LinesAfter">How many the head has.</param>
/// <param name="MonthlyBefore">Their monthly cost in the base.</param>
/// <param name="MonthlyAfter">Their monthly cost in the head.</param>
public sealed record CostLineChange(string Region, string Item, int LinesBefore, int LinesAfter, decimal MonthlyBefore, decimal MonthlyAfter)
{
    /// <summary>What the change adds (positive) or saves (negative) a month.</summary>
    public decimal Delta => MonthlyAfter - MonthlyBefore;

    /// <summary>As a reviewer reads it: <c>+$197.10/month: 6 more NAT gateway (us-east-1)</c>.</summary>
    public string Describe()
    {
        var what = (LinesAfter - LinesBefore) switch
        {
            > 0 and var more => $"{more} more {Item}",
            < 0 and var fewer => $"{-fewer} fewer {Item}",
            _ => $"{Item}: {CostReport.Usd(MonthlyBefore)} → {CostReport.Usd(MonthlyAfter)}",
        };
        return $"{CostReport.Signed(Delta)}/month: {what} ({Region})";
    }
}

/// <summary>How a change moves one environment's monthly estimate, and whether it breaks the budget.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Before">The base's monthly estimate; <c>null</c> for a new environment.</param>
/// <param name="After">The head's; <c>null</c> for a removed environment.</param>
/// <param name="Budget">The head's budget (the base's when the environment is removed); <c>null</c> when none is declared.</param>
/// <param name="Lines">What moved it, largest first.</param>
/// <param name="Unpriced">Resource types the head uses that the table cannot price.</param>
public sealed record EnvironmentCostChange(string Environment, decimal? Before, decimal? After, CostBudget? Budget, IReadOnlyList<CostLineChange> Lines, IReadOnlyList<string> Unpriced)
{
    /// <summary>What the change adds or saves a month.</summary>
    public decimal Delta => (After ?? 0) - (Before ?? 0);

    /// <summary>Whether the change adds cost and leaves the estimate over the budget.</summary>
    public bool OverBudget => Budget is { } b && After is { } after && after > b.MonthlyUsd && Delta > 0;

    /// <summary>Whether that blocks the pull request: the environment's file says <c>blockOverBudget: true</c>.</summary>
    public bool IsBlocking => OverBudget && Budget!.BlockOverBudget;
}

/// <summary>Compares the cost estimates of two synthesized assemblies: the figure a preview puts on a change.</summary>
public static class CostDelta
{
    /// <summary>The most line changes a preview lists per environment; the JSON has them all.</summary>
    public const int MaxListedLines = 10;

    /// <summary>Every environment of either assembly (or only <paramref name="environment"/>) with its before, after and why.</summary>
    public static IReadOnlyList<EnvironmentCostChange> Compare(string baseAssembly, string headAssembly, string? environment = null, PriceTable? prices = null)
    {
        var before = CostEstimator.Estimate(baseAssembly, prices, environment);
        var after = CostEstimator.Estimate(headAssembly, prices, environment);
        var names = after.Environments.Select(e => e.Environment).Concat(before.Environments.Select(e => e.Environment)).Distinct(StringComparer.Ordinal);
        return names.Select(name =>
        {
            var old = before.Of(name);
            var @new = after.Of(name);
            var oldGroups = Groups(old);
            var newGroups = Groups(@new);
            var lines = oldGroups.Keys.Union(newGroups.Keys)
                .Select(k => (Key: k, Old: oldGroups.TryGetValue(k, out var o) ? o : default, New: newGroups.TryGetValue(k, out var n) ? n : default))
                .Select(g => new CostLineChange(g.Key.Region, g.New.Item ?? g.Old.Item, g.Old.Count, g.New.Count, g.Old.Monthly, g.New.Monthly))
                .Where(c => c.Delta != 0)
                .OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.Item, StringComparer.Ordinal)
                .ToList();
            return new EnvironmentCostChange(name, old?.Total, @new?.Total, @new?.Budget ?? old?.Budget, lines, @new?.Unpriced.Select(u => $"{u.Type} x{u.Count}").ToList() ?? []);
        }).ToList();
    }

    // The lines of an estimate by region, price and item, summed: what a change adds or removes. A line "2 x m7g.large
    // node" counts as two of "m7g.large node"; any other line as one of its item.
    private static Dictionary<(string Region, string PriceKey, CostBasis Basis, string Item), (string Item, int Count, decimal Monthly)> Groups(EnvironmentEstimate? estimate) =>
        (estimate?.Lines ?? []).Select(l => (Line: l, Split: Split(l.Item)))
            .GroupBy(x => (x.Line.Region, x.Line.PriceKey, x.Line.Basis, x.Split.Item))
            .ToDictionary(g => g.Key, g => (g.Key.Item, Count: g.Sum(x => x.Split.Count), Monthly: g.Sum(x => x.Line.Monthly)));

    private static (int Count, string Item) Split(string item)
    {
        var x = item.IndexOf(" x ", StringComparison.Ordinal);
        return x > 0 && int.TryParse(item.AsSpan(0, x), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? (count, item[(x + 3)..])
            : (1, item);
    }

    /// <summary>The Markdown section of the preview: per environment before, after, the budget and the lines that moved it.</summary>
    public static string Markdown(IReadOnlyList<EnvironmentCostChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var text = new StringBuilder();
        text.AppendLine("### Monthly cost at idle");
        text.AppendLine();
        if (changes.Count == 0)
        {
            text.AppendLine("No environment to estimate.");
            text.AppendLine();
            return text.ToString();
        }

        text.AppendLine("| Environment | Before | After | Change | Budget |");
        text.AppendLine("|---|---:|---:|---:|---|");
        foreach (var c in changes)
        {
            var budget = c.Budget is not { } b ? "—"
                : c.IsBlocking ? $"**⛔ over {CostReport.Usd(b.MonthlyUsd)}**"
                : c.OverBudget ? $"**⚠️ over {CostReport.Usd(b.MonthlyUsd)}**"
                : CostReport.Usd(b.MonthlyUsd);
            text.AppendLine($"| {c.Environment} | {Amount(c.Before)} | {Amount(c.After)} | {(c.Delta == 0 ? "0" : CostReport.Signed(c.Delta))} | {budget} |");
        }

        text.AppendLine();
        foreach (var c in changes.Where(c => c.Lines.Count > 0 || c.Unpriced.Count > 0))
        {
            text.AppendLine($"**{c.Environment}**");
            foreach (var line in c.Lines.Take(MaxListedLines))
            {
                text.AppendLine($"- {line.Describe().Replace("|", "\\|", StringComparison.Ordinal)}");
            }

            if (c.Lines.Count > MaxListedLines)
            {
                text.AppendLine($"- … and {c.Lines.Count - MaxListedLines} more lines ({CostReport.Signed(c.Lines.Skip(MaxListedLines).Sum(l => l.Delta))}; preview.json lists every one)");
            }

            if (c.Unpriced.Count > 0)
            {
                text.AppendLine($"- unpriced, left out of the total: {string.Join(", ", c.Unpriced)} (add prices to `{PriceTable.RepositoryPath}`)");
            }

            text.AppendLine();
        }

        var over = changes.Where(c => c.OverBudget).ToList();
        foreach (var c in over)
        {
            text.AppendLine(c.IsBlocking
                ? $"⛔ **{c.Environment}** would cost {CostReport.Usd(c.After!.Value)} a month, over its budget of {CostReport.Usd(c.Budget!.MonthlyUsd)}, and its file blocks that (`cost.blockOverBudget`). Cut the cost or raise `cost.monthlyBudgetUsd` in the same pull request."
                : $"⚠️ **{c.Environment}** would cost {CostReport.Usd(c.After!.Value)} a month, over its budget of {CostReport.Usd(c.Budget!.MonthlyUsd)}.");
        }

        if (over.Count > 0)
        {
            text.AppendLine();
        }

        text.AppendLine($"<sub>Idle estimate from list prices ({PriceTable.Default.Version}, checked {PriceTable.Default.Date}) and each side's usage assumptions; `make cost` prints every line.</sub>");
        text.AppendLine();
        return text.ToString();
    }

    /// <summary>The same as JSON, for tools.</summary>
    public static JsonArray Json(IReadOnlyList<EnvironmentCostChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new JsonArray(changes.Select(c => (JsonNode?)new JsonObject
        {
            ["environment"] = c.Environment,
            ["beforeUsd"] = c.Before,
            ["afterUsd"] = c.After,
            ["deltaUsd"] = c.Delta,
            ["budgetUsd"] = c.Budget?.MonthlyUsd,
            ["overBudget"] = c.OverBudget,
            ["blocking"] = c.IsBlocking,
            ["lines"] = new JsonArray(c.Lines.Select(l => (JsonNode?)new JsonObject
            {
                ["region"] = l.Region, ["item"] = l.Item, ["linesBefore"] = l.LinesBefore, ["linesAfter"] = l.LinesAfter,
                ["beforeUsd"] = l.MonthlyBefore, ["afterUsd"] = l.MonthlyAfter, ["deltaUsd"] = l.Delta, ["text"] = l.Describe(),
            }).ToArray()),
            ["unpriced"] = new JsonArray(c.Unpriced.Select(u => (JsonNode?)u).ToArray()),
        }).ToArray());
    }

    private static string Amount(decimal? usd) => usd is { } v ? CostReport.Usd(v) : "—";
}
