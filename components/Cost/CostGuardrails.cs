using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Budgets;
using Amazon.CDK.AWS.CE;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Cost;

/// <summary>
/// The guard rails that catch a surprise bill in one account: an AWS Budgets cost budget (monthly, actual and forecast
/// notifications at thresholds) and Cost Anomaly Detection (an AWS-services monitor, the one kind a member account may
/// create, and a subscription from a dollar threshold), both to the alert topic and optional e-mail addresses. The
/// topic's policy, and its key's, admit the two services for this account only. Cost Explorer's resources exist only
/// in us-east-1, so the construct must live in a us-east-1 stack.
/// </summary>
public sealed partial class CostGuardrails : Construct
{
    /// <summary>The service principal AWS Budgets publishes as.</summary>
    public const string BudgetsPrincipal = "budgets.amazonaws.com";

    /// <summary>The service principal Cost Anomaly Detection publishes as.</summary>
    public const string AnomalyPrincipal = "costalerts.amazonaws.com";

    /// <summary>Creates the budget, the anomaly monitor and its subscriptions, validating every prop first.</summary>
    public CostGuardrails(Construct scope, string id, CostGuardrailsProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        Validate(scope, id, props);
        AllowServicesToPublish(props);
        Budget = CreateBudget(props);
        (Monitor, Subscriptions) = CreateAnomalyDetection(props);
    }

    /// <summary>The monthly cost budget.</summary>
    public CfnBudget Budget { get; }

    /// <summary>The AWS-services anomaly monitor.</summary>
    public CfnAnomalyMonitor Monitor { get; }

    /// <summary>The anomaly subscriptions: immediate to the topic, daily to the e-mail addresses.</summary>
    public IReadOnlyList<CfnAnomalySubscription> Subscriptions { get; }

    /// <summary>
    /// Every problem with <paramref name="props"/>' settings, each at its property path; empty when they are valid. The
    /// constructor throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// The alert topic is not read: whether one is given is checked by the constructor.
    /// </summary>
    /// <param name="props">The props.</param>
    /// <param name="region">The stack's region, when known: Cost Explorer's resources exist in one region only.</param>
    public static IReadOnlyList<PropertyProblem> Validate(CostGuardrailsProps props, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new ValidationCollector();
        v.Require(props.MonthlyBudgetUsd > 0, nameof(props.MonthlyBudgetUsd), $"{props.MonthlyBudgetUsd} must be more than 0: the monthly budget in US dollars.");
        v.Require(NamePattern().IsMatch(props.Name), nameof(props.Name), $"'{props.Name}' must be 1 to 60 letters, digits, '-' or '_' (it names the anomaly monitor and subscriptions).");
        foreach (var (name, percents) in new[] { (nameof(props.ActualAlertPercents), props.ActualAlertPercents), (nameof(props.ForecastAlertPercents), props.ForecastAlertPercents) })
        {
            for (var i = 0; i < percents.Count; i++)
            {
                v.Require(percents[i] is >= 1 and <= 1000, $"{name}[{i}]", $"{percents[i]} must be a percentage of the budget from 1 to 1000.");
                v.Require(!percents.Take(i).Contains(percents[i]), $"{name}[{i}]", $"{percents[i]} is listed twice; give each threshold once.");
            }
        }

        var notifications = props.ActualAlertPercents.Count + props.ForecastAlertPercents.Count;
        v.Require(notifications is >= 1 and <= CostGuardrailsDefaults.MaxNotifications,
            nameof(props.ActualAlertPercents), $"{notifications} thresholds in all (actual and forecast); a budget holds 1 to {CostGuardrailsDefaults.MaxNotifications} notifications.");
        for (var i = 0; i < props.AlertEmails.Count; i++)
        {
            v.Require(EmailPattern().IsMatch(props.AlertEmails[i]), $"{nameof(props.AlertEmails)}[{i}]", $"'{props.AlertEmails[i]}' is not an e-mail address (name@example.com).");
        }

        v.Require(props.AlertEmails.Count <= CostGuardrailsDefaults.MaxEmails,
            nameof(props.AlertEmails), $"{props.AlertEmails.Count} addresses; AWS Budgets and Cost Anomaly Detection take at most {CostGuardrailsDefaults.MaxEmails}: use a list address or the alert topic.");
        v.Require(props.AnomalyThresholdUsd is null or > 0, nameof(props.AnomalyThresholdUsd), $"{props.AnomalyThresholdUsd} must be more than 0: the total impact in US dollars from which an anomaly alerts.");
        v.Require(region is null || Token.IsUnresolved(region) || region == CostGuardrailsDefaults.CostExplorerRegion,
            "", $"the stack's region {region} cannot hold Cost Explorer's resources (AWS::CE::AnomalyMonitor, AnomalySubscription), which exist only in {CostGuardrailsDefaults.CostExplorerRegion}; put the guard rails in a {CostGuardrailsDefaults.CostExplorerRegion} stack.");
        return v.Problems;
    }

    private static void Validate(Construct scope, string id, CostGuardrailsProps props)
    {
        var v = new ValidationCollector();
        v.AddRange(Validate(props, Stack.Of(scope).Region));
        v.Require(props.AlertTopic is not null || props.AlertEmails.Count > 0, nameof(props.AlertTopic), "give a topic or at least one address in AlertEmails; otherwise nobody hears about the bill.");
        v.ThrowIfAny(scope, id, nameof(CostGuardrailsProps));
    }

    // Both services publish to the topic as themselves; with a customer-managed key they also encrypt as the publisher.
    private void AllowServicesToPublish(CostGuardrailsProps props)
    {
        if (props.AlertTopic is not { } topic)
        {
            return;
        }

        var account = Stack.Of(this).Account;
        var onlyThisAccount = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = account } };
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowBudgetsAndCostAnomalyAlerts",
            Principals = [new ServicePrincipal(BudgetsPrincipal), new ServicePrincipal(AnomalyPrincipal)],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = onlyThisAccount,
        }));
        props.AlertTopicKey?.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowBudgetsAndCostAnomalyAlerts",
            Principals = [new ServicePrincipal(BudgetsPrincipal), new ServicePrincipal(AnomalyPrincipal)],
            Actions = ["kms:GenerateDataKey*", "kms:Decrypt"],
            Resources = ["*"],
            Conditions = onlyThisAccount,
        }));
    }

    // The name stays generated: a fixed BudgetName would make every change to the notifications (which replace the
    // budget) fail with "a custom-named resource requires replacing".
    private CfnBudget CreateBudget(CostGuardrailsProps props)
    {
        var subscribers = props.AlertEmails.Select(e => (CfnBudget.ISubscriberProperty)new CfnBudget.SubscriberProperty { SubscriptionType = "EMAIL", Address = e }).ToList();
        if (props.AlertTopic is { } topic)
        {
            subscribers.Insert(0, new CfnBudget.SubscriberProperty { SubscriptionType = "SNS", Address = topic.TopicArn });
        }

        CfnBudget.NotificationWithSubscribersProperty Notification(string type, int percent) => new()
        {
            Notification = new CfnBudget.NotificationProperty
            {
                NotificationType = type,
                ComparisonOperator = "GREATER_THAN",
                Threshold = percent,
                ThresholdType = "PERCENTAGE",
            },
            Subscribers = subscribers.ToArray(),
        };

        var budget = new CfnBudget(this, "Budget", new CfnBudgetProps
        {
            Budget = new CfnBudget.BudgetDataProperty
            {
                BudgetType = "COST",
                TimeUnit = "MONTHLY",
                BudgetLimit = new CfnBudget.SpendProperty { Amount = (double)props.MonthlyBudgetUsd, Unit = "USD" },
            },
            NotificationsWithSubscribers = props.ActualAlertPercents.Select(p => Notification("ACTUAL", p))
                .Concat(props.ForecastAlertPercents.Select(p => Notification("FORECASTED", p)))
                .Cast<object>()
                .ToArray(),
        });
        if (props.AlertTopic is not null)
        {
            // Budgets checks that it may publish when the budget is created.
            budget.Node.AddDependency(props.AlertTopic);
        }

        return budget;
    }

    private (CfnAnomalyMonitor, IReadOnlyList<CfnAnomalySubscription>) CreateAnomalyDetection(CostGuardrailsProps props)
    {
        // DIMENSIONAL/SERVICE watches every AWS service of the account: the only monitor type a member account may
        // create (linked-account, tag and cost-category monitors need the management account), one per account.
        var monitor = new CfnAnomalyMonitor(this, "AnomalyMonitor", new CfnAnomalyMonitorProps
        {
            MonitorName = $"{props.Name}-services",
            MonitorType = "DIMENSIONAL",
            MonitorDimension = "SERVICE",
        });
        var threshold = ThresholdExpression(props.AnomalyThresholdUsd ?? CostGuardrailsDefaults.AnomalyThreshold(props.MonthlyBudgetUsd));
        var subscriptions = new List<CfnAnomalySubscription>();
        if (props.AlertTopic is { } topic)
        {
            // An SNS subscriber requires IMMEDIATE; it takes exactly one topic.
            var immediate = new CfnAnomalySubscription(this, "AnomalyAlerts", new CfnAnomalySubscriptionProps
            {
                SubscriptionName = $"{props.Name}-anomalies",
                MonitorArnList = [monitor.AttrMonitorArn],
                Frequency = "IMMEDIATE",
                Subscribers = new CfnAnomalySubscription.ISubscriberProperty[] { new CfnAnomalySubscription.SubscriberProperty { Type = "SNS", Address = topic.TopicArn } },
                ThresholdExpression = threshold,
            });
            immediate.Node.AddDependency(topic);
            subscriptions.Add(immediate);
        }

        if (props.AlertEmails.Count > 0)
        {
            // E-mail subscribers get DAILY or WEEKLY summaries, never IMMEDIATE.
            subscriptions.Add(new CfnAnomalySubscription(this, "AnomalyDigest", new CfnAnomalySubscriptionProps
            {
                SubscriptionName = $"{props.Name}-anomalies-daily",
                MonitorArnList = [monitor.AttrMonitorArn],
                Frequency = "DAILY",
                Subscribers = props.AlertEmails.Select(e => (CfnAnomalySubscription.ISubscriberProperty)new CfnAnomalySubscription.SubscriberProperty { Type = "EMAIL", Address = e }).ToArray(),
                ThresholdExpression = threshold,
            }));
        }

        return (monitor, subscriptions);
    }

    // The subscription's threshold as Cost Explorer's Expression JSON: total impact at or above the amount.
    private static string ThresholdExpression(decimal usd) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["Dimensions"] = new Dictionary<string, object>
        {
            ["Key"] = "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            ["MatchOptions"] = new[] { "GREATER_THAN_OR_EQUAL" },
            ["Values"] = new[] { usd.ToString("0.##", CultureInfo.InvariantCulture) },
        },
    });

    [GeneratedRegex("^[A-Za-z0-9_-]{1,60}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
