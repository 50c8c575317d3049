using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Infra.Stacks.Cost;

/// <summary>Renders a <see cref="CostEstimate"/> as a terminal table, Markdown and JSON.</summary>
public static class CostReport
{
    /// <summary>Dollars as the reports write them: <c>$1,234.56</c>.</summary>
    public static string Usd(decimal amount) => amount < 0
        ? "-$" + (-amount).ToString("#,##0.00", CultureInfo.InvariantCulture)
        : "$" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A signed amount: <c>+$197.10</c>, <c>-$32.85</c>.</summary>
    public static string Signed(decimal amount) => amount >= 0 ? "+" + Usd(amount) : Usd(amount);

    /// <summary>What the prices are and are not, printed under every estimate.</summary>
    public static string Basis(CostEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        return $"Prices: table {estimate.PriceTableVersion} (checked {estimate.PriceDate}), on-demand list prices in USD, {UsageAssumptions.Number(estimate.HoursPerMonth)} hours a month; "
            + "no free tier, taxes, Savings Plans or reserved capacity. Idle: no application traffic; usage from the assumptions listed.";
    }

    /// <summary>The one-line summary of an environment: total, per region, and the budget.</summary>
    public static string Headline(EnvironmentEstimate environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var regions = string.Join(", ", environment.ByRegion.Select(r => $"{r.Key} {Usd(r.Value)}"));
        var budget = environment.Budget is { } b
            ? environment.IsOverBudget ? $"; over its budget of {Usd(b.MonthlyUsd)} by {Usd(environment.Total - b.MonthlyUsd)}" : $"; budget {Usd(b.MonthlyUsd)}"
            : "";
        return $"{Usd(environment.Total)}/month at idle ({regions}){budget}";
    }

    /// <summary>The terminal report: per environment the headline, every line by stack, what is free or unpriced, and the assumptions.</summary>
    public static string Text(CostEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var text = new StringBuilder();
        foreach (var environment in estimate.Environments)
        {
            text.AppendLine();
            text.AppendLine($"{environment.Environment}: {Headline(environment)}");
            foreach (var stack in environment.Lines.GroupBy(l => l.Stack))
            {
                text.AppendLine($"  {stack.Key} ({stack.First().Region}): {Usd(stack.Sum(l => l.Monthly))}");
                foreach (var line in stack)
                {
                    var marker = line.Basis switch { CostBasis.Usage => "~", CostBasis.Runtime => "*", _ => " " };
                    text.AppendLine(CultureInfo.InvariantCulture, $"   {marker} {Shorten(line.Item, 96),-96} {Quantity(line.Quantity),10} {Shorten(line.Unit, 20),-20} x {UnitPrice(line.UnitPrice),-9} {Usd(line.Monthly),10}");
                }
            }

            AppendCounts(text, "  not charged at idle: ", environment.NoIdleCharge);
            text.AppendLine(environment.Unpriced.Count == 0
                ? "  unpriced: none"
                : $"  UNPRICED: {string.Join(", ", environment.Unpriced.Select(u => $"{u.Type} x{u.Count}"))} (add prices to {PriceTable.RepositoryPath})");
            foreach (var note in environment.Notes)
            {
                text.AppendLine($"  note: {note}");
            }

            text.AppendLine($"  assumptions (~): {string.Join("; ", environment.Assumptions.Describe().Select(a => $"{a.Key} {a.Value}"))}");
        }

        text.AppendLine();
        text.AppendLine("* created at run time by the cluster because of this code; ~ quantity from a usage assumption (cost.usage in the environment's file).");
        text.AppendLine(Basis(estimate));
        return text.ToString();
    }

    /// <summary>The Markdown report: a summary table, then per environment its lines, counts and assumptions.</summary>
    public static string Markdown(CostEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var text = new StringBuilder();
        text.AppendLine("## Monthly cost at idle");
        text.AppendLine();
        text.AppendLine("| Environment | Monthly | By region | Budget |");
        text.AppendLine("|---|---:|---|---:|");
        foreach (var e in estimate.Environments)
        {
            var budget = e.Budget is { } b ? (e.IsOverBudget ? $"**{Usd(b.MonthlyUsd)} (over)**" : Usd(b.MonthlyUsd)) : "—";
            text.AppendLine($"| {e.Environment} | {Usd(e.Total)} | {string.Join(", ", e.ByRegion.Select(r => $"{r.Key} {Usd(r.Value)}"))} | {budget} |");
        }

        text.AppendLine();
        foreach (var e in estimate.Environments)
        {
            text.AppendLine($"<details><summary>{e.Environment}: {Usd(e.Total)} a month, {e.Lines.Count} lines</summary>");
            text.AppendLine();
            text.AppendLine("| Stack | Region | Item | Quantity | Unit price | Monthly |");
            text.AppendLine("|---|---|---|---:|---:|---:|");
            foreach (var line in e.Lines)
            {
                var marker = line.Basis switch { CostBasis.Usage => " (assumed)", CostBasis.Runtime => " (run time)", _ => "" };
                text.AppendLine($"| `{line.Stack}` | {line.Region} | {Escape(line.Item)}{marker} | {Quantity(line.Quantity)} {line.Unit} | {UnitPrice(line.UnitPrice)} | {Usd(line.Monthly)} |");
            }

            text.AppendLine();
            text.AppendLine($"Not charged at idle: {(e.NoIdleCharge.Count == 0 ? "none" : string.Join(", ", e.NoIdleCharge.Select(u => $"{u.Type} x{u.Count}")))}. "
                + $"Unpriced: {(e.Unpriced.Count == 0 ? "none" : string.Join(", ", e.Unpriced.Select(u => $"**{u.Type} x{u.Count}**")))}.");
            foreach (var note in e.Notes)
            {
                text.AppendLine();
                text.AppendLine($"Note: {Escape(note)}");
            }

            text.AppendLine();
            text.AppendLine($"Assumptions: {string.Join("; ", e.Assumptions.Describe().Select(a => $"`{a.Key}` {a.Value}"))}.");
            text.AppendLine();
            text.AppendLine("</details>");
            text.AppendLine();
        }

        text.AppendLine($"<sub>{Basis(estimate)}</sub>");
        return text.ToString();
    }

    /// <summary>The estimate as JSON for other tools.</summary>
    public static string Json(CostEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var json = new JsonObject
        {
            ["priceTable"] = new JsonObject { ["version"] = estimate.PriceTableVersion, ["date"] = estimate.PriceDate, ["currency"] = "USD", ["hoursPerMonth"] = estimate.HoursPerMonth },
            ["environments"] = new JsonArray(estimate.Environments.Select(e => (JsonNode?)new JsonObject
            {
                ["environment"] = e.Environment,
                ["monthlyUsd"] = e.Total,
                ["byRegion"] = new JsonObject(e.ByRegion.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))),
                ["byStack"] = new JsonObject(e.ByStack.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                ["budget"] = e.Budget is { } b ? new JsonObject { ["monthlyUsd"] = b.MonthlyUsd, ["blockOverBudget"] = b.BlockOverBudget, ["over"] = e.IsOverBudget } : null,
                ["lines"] = new JsonArray(e.Lines.Select(l => (JsonNode?)new JsonObject
                {
                    ["stack"] = l.Stack, ["region"] = l.Region, ["resource"] = l.Resource, ["item"] = l.Item, ["quantity"] = l.Quantity,
                    ["unit"] = l.Unit, ["unitPriceUsd"] = l.UnitPrice, ["priceKey"] = l.PriceKey, ["basis"] = l.Basis.ToString().ToLowerInvariant(), ["monthlyUsd"] = l.Monthly,
                }).ToArray()),
                ["noIdleCharge"] = Counts(e.NoIdleCharge),
                ["unpriced"] = Counts(e.Unpriced),
                ["notes"] = new JsonArray(e.Notes.Select(n => (JsonNode?)n).ToArray()),
                ["assumptions"] = JsonSerializer.SerializeToNode(e.Assumptions),
            }).ToArray()),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static JsonArray Counts(IReadOnlyList<UncostedType> types) =>
        new(types.Select(u => (JsonNode?)new JsonObject { ["type"] = u.Type, ["count"] = u.Count, ["why"] = u.Why }).ToArray());

    private static void AppendCounts(StringBuilder text, string label, IReadOnlyList<UncostedType> types) =>
        text.AppendLine($"{label}{types.Sum(t => t.Count)} resources of {types.Count} types ({string.Join(", ", types.OrderByDescending(t => t.Count).ThenBy(t => t.Type, StringComparer.Ordinal).Select(t => $"{t.Type.Replace("AWS::", "", StringComparison.Ordinal)} x{t.Count}"))})");

    private static string Quantity(decimal quantity) => quantity.ToString("#,##0.####", CultureInfo.InvariantCulture);

    private static string UnitPrice(decimal price) => "$" + price.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
