using System;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Infra.Components.Cost;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Cost;

[Collection(CdkCollection.Name)]
public sealed class CostGuardrailsTests
{
    private static JsonObject Synth(Func<TestStack, CostGuardrailsProps> props, string region = "us-east-1")
    {
        var stack = TestApp.Stack(region);
        _ = new CostGuardrails(stack, "Guardrails", props(stack));
        return Amazon.CDK.Assertions.Template.FromStack(stack).ToJsonObject();
    }

    private static CostGuardrailsProps WithTopic(TestStack stack, Func<CostGuardrailsProps, CostGuardrailsProps>? edit = null)
    {
        var key = new Key(stack, "Key", new KeyProps { EnableKeyRotation = true });
        var props = new CostGuardrailsProps
        {
            Name = "infra-test",
            MonthlyBudgetUsd = 200,
            AlertTopic = new Topic(stack, "Topic", new TopicProps { MasterKey = key }),
            AlertTopicKey = key,
        };
        return edit is null ? props : edit(props);
    }

    [Fact]
    public void Budgets_the_month_with_actual_alerts_at_80_and_100_percent_and_a_forecast_alert_at_100_to_the_topic()
    {
        var json = Synth(s => WithTopic(s));

        var budget = json.Resources("AWS::Budgets::Budget").Values.Single()["Properties"]!;
        Assert.Equal(("COST", "MONTHLY", 200d, "USD"), ((string)budget["Budget"]!["BudgetType"]!, (string)budget["Budget"]!["TimeUnit"]!,
            (double)budget["Budget"]!["BudgetLimit"]!["Amount"]!, (string)budget["Budget"]!["BudgetLimit"]!["Unit"]!));
        Assert.Null(budget["Budget"]!["BudgetName"]);   // generated: a fixed name cannot be replaced when notifications change
        var notifications = budget["NotificationsWithSubscribers"]!.AsArray();
        Assert.Equal(["ACTUAL 80", "ACTUAL 100", "FORECASTED 100"], notifications.Select(n => $"{n!["Notification"]!["NotificationType"]} {n["Notification"]!["Threshold"]}"));
        Assert.All(notifications, n =>
        {
            Assert.Equal(("GREATER_THAN", "PERCENTAGE"), ((string)n!["Notification"]!["ComparisonOperator"]!, (string)n["Notification"]!["ThresholdType"]!));
            var subscriber = n["Subscribers"]!.AsArray().Single()!;
            Assert.Equal("SNS", (string?)subscriber["SubscriptionType"]);
            Assert.StartsWith("Topic", (string?)subscriber["Address"]!["Ref"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Watches_every_aws_service_with_the_one_monitor_a_member_account_may_create_and_alerts_the_topic_immediately()
    {
        var json = Synth(s => WithTopic(s, p => p with { AnomalyThresholdUsd = 25 }));

        var monitor = json.Resources("AWS::CE::AnomalyMonitor").Values.Single()["Properties"]!;
        Assert.Equal(("DIMENSIONAL", "SERVICE", "infra-test-services"), ((string)monitor["MonitorType"]!, (string)monitor["MonitorDimension"]!, (string)monitor["MonitorName"]!));
        var subscription = json.Resources("AWS::CE::AnomalySubscription").Values.Single()["Properties"]!;
        Assert.Equal(("IMMEDIATE", "SNS", "infra-test-anomalies"), ((string)subscription["Frequency"]!, (string)subscription["Subscribers"]![0]!["Type"]!, (string)subscription["SubscriptionName"]!));
        Assert.Equal(
            """{"Dimensions":{"Key":"ANOMALY_TOTAL_IMPACT_ABSOLUTE","MatchOptions":["GREATER_THAN_OR_EQUAL"],"Values":["25"]}}""",
            (string?)subscription["ThresholdExpression"]);
        Assert.Null(subscription["Threshold"]);
    }

    [Fact]
    public void Lets_budgets_and_cost_anomaly_detection_publish_to_the_encrypted_topic_for_this_account_only()
    {
        var json = Synth(s => WithTopic(s));

        var topicStatement = json.Resources("AWS::SNS::TopicPolicy").Values.Single()["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray()
            .Single(st => (string?)st!["Sid"] == "AllowBudgetsAndCostAnomalyAlerts")!;
        var keyStatement = json.Resources("AWS::KMS::Key").Values.Single()["Properties"]!["KeyPolicy"]!["Statement"]!.AsArray()
            .Single(st => (string?)st!["Sid"] == "AllowBudgetsAndCostAnomalyAlerts")!;
        foreach (var statement in new[] { topicStatement, keyStatement })
        {
            Assert.Equal([CostGuardrails.BudgetsPrincipal, CostGuardrails.AnomalyPrincipal], statement["Principal"]!["Service"]!.AsArray().Select(p => (string)p!));
            Assert.Equal(TestApp.Account, (string?)statement["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
        }

        Assert.Equal("sns:Publish", (string?)topicStatement["Action"]);
        Assert.Equal(["kms:Decrypt", "kms:GenerateDataKey*"], keyStatement["Action"]!.AsArray().Select(a => (string)a!));
        // The budget and the subscription wait for the topic policy: both services check they may publish on creation.
        var policy = json.Resources("AWS::SNS::TopicPolicy").Keys.Single();
        Assert.Contains(policy, json.Resources("AWS::Budgets::Budget").Values.Single()["DependsOn"]!.AsArray().Select(d => (string)d!));
        Assert.Contains(policy, json.Resources("AWS::CE::AnomalySubscription").Values.Single()["DependsOn"]!.AsArray().Select(d => (string)d!));
    }

    [Fact]
    public void Sends_budget_alerts_and_a_daily_anomaly_summary_to_the_emails()
    {
        var json = Synth(s => WithTopic(s, p => p with { AlertEmails = ["ops@example.com"], ActualAlertPercents = [90], ForecastAlertPercents = [] }));

        var subscribers = json.Resources("AWS::Budgets::Budget").Values.Single()["Properties"]!["NotificationsWithSubscribers"]![0]!["Subscribers"]!.AsArray();
        Assert.Equal(["SNS", "EMAIL ops@example.com"], subscribers.Select(s => (string)s!["SubscriptionType"]! == "SNS" ? "SNS" : $"EMAIL {s["Address"]}"));
        var daily = json.Resources("AWS::CE::AnomalySubscription").Values.Select(s => s["Properties"]!).Single(s => (string?)s["Frequency"] == "DAILY");
        Assert.Equal(("EMAIL", "ops@example.com", "infra-test-anomalies-daily"), ((string)daily["Subscribers"]![0]!["Type"]!, (string)daily["Subscribers"]![0]!["Address"]!, (string)daily["SubscriptionName"]!));
        // A tenth of the budget when no threshold is given.
        Assert.Contains("\"Values\":[\"20\"]", (string?)daily["ThresholdExpression"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_bad_prop_at_once()
    {
        var error = Assert.Throws<ConstructValidationException>(() => Synth(s => new CostGuardrailsProps
        {
            Name = "has spaces",
            MonthlyBudgetUsd = 0,
            ActualAlertPercents = [80, 80, 0],
            ForecastAlertPercents = [100, 110, 120],
            AlertEmails = ["not-an-address"],
            AnomalyThresholdUsd = -1,
        }));

        Assert.Equal(
            [
                "MonthlyBudgetUsd: 0 must be more than 0: the monthly budget in US dollars.",
                "Name: 'has spaces' must be 1 to 60 letters, digits, '-' or '_' (it names the anomaly monitor and subscriptions).",
                "ActualAlertPercents[1]: 80 is listed twice; give each threshold once.",
                "ActualAlertPercents[2]: 0 must be a percentage of the budget from 1 to 1000.",
                "ActualAlertPercents: 6 thresholds in all (actual and forecast); a budget holds 1 to 5 notifications.",
                "AlertEmails[0]: 'not-an-address' is not an e-mail address (name@example.com).",
                "AnomalyThresholdUsd: -1 must be more than 0: the total impact in US dollars from which an anomaly alerts.",
            ],
            error.Problems);
    }

    [Fact]
    public void Refuses_a_region_without_cost_explorers_resources()
    {
        var error = Assert.Throws<ConstructValidationException>(() => Synth(s => WithTopic(s), "us-west-2"));

        Assert.Contains(error.Problems, p => p.StartsWith("the stack's region us-west-2 cannot hold Cost Explorer's resources", StringComparison.Ordinal));
    }

    [Fact]
    public void Needs_someone_to_tell()
    {
        var error = Assert.Throws<ConstructValidationException>(() => Synth(_ => new CostGuardrailsProps { Name = "x", MonthlyBudgetUsd = 10 }));

        Assert.Equal(["AlertTopic: give a topic or at least one address in AlertEmails; otherwise nobody hears about the bill."], error.Problems);
    }
}
