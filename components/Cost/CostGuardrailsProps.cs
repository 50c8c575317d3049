using System.Collections.Generic;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;

namespace Infra.Components.Cost;

/// <summary>Properties of <see cref="CostGuardrails"/>.</summary>
public sealed record CostGuardrailsProps
{
    /// <summary>
    /// A short name for the monitor and subscriptions (<c>infra-prod</c>): Cost Anomaly Detection requires names, and
    /// they show in the Billing console.
    /// </summary>
    public required string Name { get; init; }

    /// <summary>The monthly budget in US dollars; the account's whole cost (unblended, the console's default) is measured against it.</summary>
    public required decimal MonthlyBudgetUsd { get; init; }

    /// <summary>Percentages of the budget at which actual spend notifies (each a notification; at most five in all).</summary>
    /// <value>80 and 100.</value>
    public IReadOnlyList<int> ActualAlertPercents { get; init; } = CostGuardrailsDefaults.ActualAlertPercents;

    /// <summary>Percentages of the budget at which the month's forecast notifies.</summary>
    /// <value>100.</value>
    public IReadOnlyList<int> ForecastAlertPercents { get; init; } = CostGuardrailsDefaults.ForecastAlertPercents;

    /// <summary>
    /// The topic budget alerts and anomalies go to (immediately). Its policy is extended to admit AWS Budgets and Cost
    /// Anomaly Detection for this account only.
    /// </summary>
    /// <value>Omitted: only <see cref="AlertEmails"/> are notified.</value>
    public ITopic? AlertTopic { get; init; }

    /// <summary>
    /// The customer-managed key that encrypts <see cref="AlertTopic"/>: its policy is extended so the two services
    /// can publish (they encrypt as the publisher). Give it whenever the topic is encrypted with a customer-managed key.
    /// </summary>
    /// <value>Omitted: the topic is unencrypted or uses the AWS-managed key.</value>
    public IKey? AlertTopicKey { get; init; }

    /// <summary>E-mail addresses that get every budget notification and a daily summary of anomalies (at most ten).</summary>
    /// <value>None.</value>
    public IReadOnlyList<string> AlertEmails { get; init; } = [];

    /// <summary>The total impact in US dollars from which an anomaly is reported.</summary>
    /// <value>A tenth of <see cref="MonthlyBudgetUsd"/>, at least $10.</value>
    public decimal? AnomalyThresholdUsd { get; init; }
}

/// <summary>The defaults of <see cref="CostGuardrailsProps"/>, in one place.</summary>
public static class CostGuardrailsDefaults
{
    /// <summary>Actual spend notifies at 80% and 100% of the budget.</summary>
    public static readonly IReadOnlyList<int> ActualAlertPercents = [80, 100];

    /// <summary>The forecast notifies when it passes the budget.</summary>
    public static readonly IReadOnlyList<int> ForecastAlertPercents = [100];

    /// <summary>A budget holds at most five notifications.</summary>
    public const int MaxNotifications = 5;

    /// <summary>A budget notification and an anomaly subscription take at most ten e-mail subscribers.</summary>
    public const int MaxEmails = 10;

    /// <summary>The only region where Cost Explorer's CloudFormation resources (<c>AWS::CE::*</c>) exist.</summary>
    public const string CostExplorerRegion = "us-east-1";

    /// <summary>The anomaly threshold when none is given: a tenth of the budget, at least $10.</summary>
    public static decimal AnomalyThreshold(decimal monthlyBudgetUsd) => System.Math.Max(10, System.Math.Round(monthlyBudgetUsd / 10, 2));
}
