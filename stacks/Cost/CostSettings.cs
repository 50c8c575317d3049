using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Cost;

/// <summary>
/// An environment's cost settings as its stacks carry them in the cloud assembly (<see cref="CostEstimator.MetadataType"/>):
/// the budget and the usage assumptions travel with the templates, so an estimate, and a preview's before and after,
/// use the settings of the commit that produced each assembly.
/// </summary>
public static class CostSettings
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The metadata value of <paramref name="cost"/>: <c>{"monthlyBudgetUsd", "blockOverBudget", "usage"}</c>.</summary>
    public static Dictionary<string, object> ToMetadata(CostConfig cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var usage = JsonSerializer.SerializeToElement(cost.Usage, Options).EnumerateObject()
            .ToDictionary(p => p.Name, p => (object)p.Value.GetDouble(), StringComparer.Ordinal);
        return new Dictionary<string, object>
        {
            ["monthlyBudgetUsd"] = (double)cost.MonthlyBudgetUsd,
            ["blockOverBudget"] = cost.BlockOverBudget,
            ["usage"] = usage,
        };
    }
}
