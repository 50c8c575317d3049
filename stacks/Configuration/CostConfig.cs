using System.Collections.Generic;
using Infra.Components.Cost;
using Infra.Stacks.Cost;

namespace Infra.Stacks.Configuration;

/// <summary>
/// What an environment may cost and who hears about it (<c>cost</c> in its file): the monthly budget the deployed AWS
/// Budgets budget and every preview measure against, the alert thresholds and recipients, the Cost Anomaly Detection
/// threshold, and the usage assumptions of its estimate.
/// </summary>
public sealed record CostConfig
{
    /// <summary>The monthly budget in US dollars (<c>monthlyBudgetUsd</c>).</summary>
    public required decimal MonthlyBudgetUsd { get; init; }

    /// <summary>
    /// Whether a preview whose estimate goes over the budget blocks the pull request (<c>blockOverBudget</c>); off, it
    /// warns.
    /// </summary>
    /// <value><c>false</c>.</value>
    public bool BlockOverBudget { get; init; }

    /// <summary>Percentages of the budget at which actual spend alerts (<c>actualAlertPercents</c>).</summary>
    /// <value>80 and 100.</value>
    public IReadOnlyList<int> ActualAlertPercents { get; init; } = CostConfigDefaults.ActualAlertPercents;

    /// <summary>Percentages of the budget at which forecast spend alerts (<c>forecastAlertPercents</c>).</summary>
    /// <value>100.</value>
    public IReadOnlyList<int> ForecastAlertPercents { get; init; } = CostConfigDefaults.ForecastAlertPercents;

    /// <summary>E-mail addresses that get budget alerts and a daily anomaly summary besides the alert topic (<c>alertEmails</c>).</summary>
    /// <value>None: alerts go to the environment's alert topic only.</value>
    public IReadOnlyList<string> AlertEmails { get; init; } = [];

    /// <summary>The total impact in US dollars from which a cost anomaly alerts (<c>anomalyThresholdUsd</c>).</summary>
    /// <value>A tenth of the monthly budget, at least $10.</value>
    public required decimal AnomalyThresholdUsd { get; init; }

    /// <summary>The usage assumptions of the estimate (<c>usage</c>, keyed like <see cref="UsageAssumptions"/>).</summary>
    /// <value>The defaults of <see cref="UsageAssumptions"/>.</value>
    public UsageAssumptions Usage { get; init; } = new();
}

/// <summary>The defaults of <see cref="CostConfig"/>, in one place.</summary>
internal static class CostConfigDefaults
{
    public static readonly IReadOnlyList<int> ActualAlertPercents = CostGuardrailsDefaults.ActualAlertPercents;

    public static readonly IReadOnlyList<int> ForecastAlertPercents = CostGuardrailsDefaults.ForecastAlertPercents;

    public static decimal AnomalyThreshold(decimal budget) => CostGuardrailsDefaults.AnomalyThreshold(budget);
}

/// <summary>
/// Reads the <c>cost</c> section: types and known keys here; the rules about the values (ranges, formats, AWS's
/// limits) are <see cref="CostGuardrails.Validate(CostGuardrailsProps, string?)"/>, the component's own, which
/// <see cref="ComponentRules"/> maps to the section's keys (<c>AlertEmails[1]</c> is <c>cost.alertEmails[1]</c>).
/// </summary>
internal static class CostConfigReader
{
    public static CostConfig Read(YamlMapReader? r)
    {
        var budget = r?.Double("monthlyBudgetUsd") is { } b ? (decimal)b : 0m;
        var config = new CostConfig
        {
            MonthlyBudgetUsd = budget,
            BlockOverBudget = r?.Bool("blockOverBudget", required: false) ?? false,
            ActualAlertPercents = Percents(r, "actualAlertPercents") ?? CostConfigDefaults.ActualAlertPercents,
            ForecastAlertPercents = Percents(r, "forecastAlertPercents") ?? CostConfigDefaults.ForecastAlertPercents,
            AlertEmails = r?.StringList("alertEmails", required: false) ?? [],
            AnomalyThresholdUsd = r?.Double("anomalyThresholdUsd", required: false) is { } t ? (decimal)t : CostConfigDefaults.AnomalyThreshold(budget),
            Usage = Usage(r?.Map("usage", required: false)),
        };
        r?.Done();
        return config;
    }

    private static List<int>? Percents(YamlMapReader? r, string key)
    {
        var items = r?.StringList(key, required: false);
        if (items is null)
        {
            return null;
        }

        var percents = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (int.TryParse(items[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var p))
            {
                percents.Add(p);
            }
            else
            {
                r!.Context.Add($"{r.At(key)}[{i}]", $"'{items[i]}' is not a whole percentage of the monthly budget (for example 80).");
            }
        }

        return percents;
    }

    // Every assumption by its name in UsageAssumptions; any other key is reported by Done() with the allowed names.
    private static UsageAssumptions Usage(YamlMapReader? r)
    {
        var usage = new UsageAssumptions();
        if (r is null)
        {
            return usage;
        }

        decimal? Value(string key)
        {
            var value = r.Double(key, required: false);
            if (value is < 0)
            {
                r.Context.Add(r.At(key), $"{value} must not be negative.");
                return null;
            }

            return (decimal?)value;
        }

        usage = new UsageAssumptions
        {
            NatGatewayGbPerMonth = Value("natGatewayGbPerMonth") ?? usage.NatGatewayGbPerMonth,
            InterfaceEndpointGbPerMonth = Value("interfaceEndpointGbPerMonth") ?? usage.InterfaceEndpointGbPerMonth,
            ControlPlaneLogGbPerMonth = Value("controlPlaneLogGbPerMonth") ?? usage.ControlPlaneLogGbPerMonth,
            FlowLogGbPerMonth = Value("flowLogGbPerMonth") ?? usage.FlowLogGbPerMonth,
            DatabaseLogGbPerMonth = Value("databaseLogGbPerMonth") ?? usage.DatabaseLogGbPerMonth,
            OtherLogGbPerMonth = Value("otherLogGbPerMonth") ?? usage.OtherLogGbPerMonth,
            DataBucketGb = Value("dataBucketGb") ?? usage.DataBucketGb,
            OtherBucketGb = Value("otherBucketGb") ?? usage.OtherBucketGb,
            ReplicatedGbPerMonth = Value("replicatedGbPerMonth") ?? usage.ReplicatedGbPerMonth,
            AuroraStorageGb = Value("auroraStorageGb") ?? usage.AuroraStorageGb,
            AuroraIoMillionsPerMonth = Value("auroraIoMillionsPerMonth") ?? usage.AuroraIoMillionsPerMonth,
            AuroraReplicatedWriteMillionsPerMonth = Value("auroraReplicatedWriteMillionsPerMonth") ?? usage.AuroraReplicatedWriteMillionsPerMonth,
            AuroraAverageAcu = Value("auroraAverageAcu") ?? usage.AuroraAverageAcu,
            SqsMillionRequestsPerMonth = Value("sqsMillionRequestsPerMonth") ?? usage.SqsMillionRequestsPerMonth,
            LoadBalancerCapacityUnits = Value("loadBalancerCapacityUnits") ?? usage.LoadBalancerCapacityUnits,
            SpotDiscountPercent = Value("spotDiscountPercent") ?? usage.SpotDiscountPercent,
            NodeReservedCpuMillicores = Value("nodeReservedCpuMillicores") ?? usage.NodeReservedCpuMillicores,
            NodeReservedMemoryMiB = Value("nodeReservedMemoryMiB") ?? usage.NodeReservedMemoryMiB,
        };
        if (usage.SpotDiscountPercent >= 100)
        {
            r.Context.Add(r.At("spotDiscountPercent"), $"{usage.SpotDiscountPercent} must be below 100: spot capacity is never free.");
        }

        r.Done();
        return usage;
    }
}
