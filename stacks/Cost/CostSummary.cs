using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Stacks.Cost;

/// <summary>The cost line <c>make plan</c> prints under each environment.</summary>
public static class CostSummary
{
    /// <summary>What <c>make plan</c> prints after its totals: where the details are.</summary>
    public static string Footer => $"Cost: monthly at idle from list prices ({PriceTable.Default.Version}, checked {PriceTable.Default.Date}); make cost prints every line item and assumption.";

    /// <summary>Each environment's headline (<see cref="CostReport.Headline"/>), with a warning when a type has no price.</summary>
    public static IReadOnlyDictionary<string, string> Headlines(string assemblyDirectory) =>
        CostEstimator.Estimate(assemblyDirectory).Environments.ToDictionary(
            e => e.Environment,
            e => CostReport.Headline(e) + (e.Unpriced.Count > 0 ? $"; {e.Unpriced.Sum(u => u.Count)} resources unpriced (make cost)" : ""),
            StringComparer.Ordinal);
}
