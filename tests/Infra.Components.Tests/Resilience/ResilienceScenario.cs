using System.Collections.Generic;
using System.Text.Json.Nodes;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.Logs;
using Infra.Components.Resilience;
using Infra.TestKit;

namespace Infra.Components.Tests.Resilience;

/// <summary>
/// The three experiments of an environment, synthesized once: capacity loss (its own log group), zone loss and a
/// global database switchover (a shared log group), each stopped by alarms of the stack.
/// </summary>
public sealed class ResilienceScenario
{
    public static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string> { ["environment"] = "prod" };

    public const string Home = "arn:aws:rds:us-east-1:123456789012:cluster:infra-prod-us-east-1";

    public const string Secondary = "arn:aws:rds:us-west-2:123456789012:cluster:infra-prod-us-west-2";

    public ResilienceScenario()
    {
        var stack = TestApp.Stack();
        var metric = new Metric(new MetricProps { Namespace = "AWS/EKS", MetricName = "scheduler_pending_pods_UNSCHEDULABLE" });
        Unschedulable = new Alarm(stack, "Unschedulable", new AlarmProps { Metric = metric, Threshold = 0, EvaluationPeriods = 10 });
        WriterMissing = new Alarm(stack, "WriterMissing", new AlarmProps { Metric = metric, Threshold = 1, EvaluationPeriods = 3 });
        var vpc = Vpc.FromVpcAttributes(stack, "Vpc", new VpcAttributes { VpcId = "vpc-0123456789abcdef0", AvailabilityZones = ["us-east-1a"] });
        var shared = new LogGroup(stack, "Shared", new LogGroupProps { LogGroupName = "/infra/prod/fis" });

        var nodes = new Dictionary<string, string>(Environment) { ["karpenter.sh/nodepool"] = "general" };
        var running = new Dictionary<string, IReadOnlyList<string>> { ["State.Name"] = ["running"] };
        CapacityLoss = new FaultInjectionExperiment(stack, "CapacityLoss", new FaultInjectionExperimentProps
        {
            ExperimentName = "prod-karpenter-capacity-loss",
            Hypothesis = "Karpenter replaces lost Spot capacity.",
            StopConditions = [Unschedulable],
            Actions =
            [
                new SpotInterruptionAction
                {
                    Name = "interrupt-spot-nodes",
                    SpotInstances = new ExperimentTarget { Name = "spot-nodes", ResourceType = ExperimentTargetType.Ec2SpotInstance, Selection = TargetSelection.Percent(25), ResourceTags = nodes, Filters = running },
                },
                new TerminateInstancesAction
                {
                    Name = "terminate-nodes",
                    StartAfter = ["interrupt-spot-nodes"],
                    Instances = new ExperimentTarget { Name = "pool-nodes", ResourceType = ExperimentTargetType.Ec2Instance, Selection = TargetSelection.Percent(25), ResourceTags = nodes, Filters = running },
                },
            ],
        });
        ZoneLoss = new FaultInjectionExperiment(stack, "ZoneLoss", new FaultInjectionExperimentProps
        {
            ExperimentName = "prod-availability-zone-loss",
            Hypothesis = "The other zones carry the load.",
            StopConditions = [Unschedulable, WriterMissing],
            LogGroup = shared,
            SkipEmptyTargets = true,
            Actions =
            [
                new DisruptConnectivityAction
                {
                    Name = "cut-off-zone",
                    DurationMinutes = 10,
                    Vpc = vpc,
                    Subnets = new ExperimentTarget
                    {
                        Name = "zone-subnets", ResourceType = ExperimentTargetType.Ec2Subnet, ResourceTags = Environment,
                        Filters = new Dictionary<string, IReadOnlyList<string>> { ["AvailabilityZone"] = ["us-east-1b"] },
                    },
                },
                new FailoverDbClusterAction
                {
                    Name = "fail-over-database",
                    Clusters = new ExperimentTarget
                    {
                        Name = "database-writer-in-zone", ResourceType = ExperimentTargetType.RdsCluster, ResourceTags = Environment,
                        Parameters = new Dictionary<string, string> { ["writerAvailabilityZoneIdentifiers"] = "us-east-1b" },
                    },
                },
            ],
        });
        Failover = new AuroraGlobalFailover(stack, "GlobalDatabaseFailover", new AuroraGlobalFailoverProps { GlobalClusterIdentifier = "infra-prod", MemberClusterArns = [Home, Secondary] });
        Switchover = new FaultInjectionExperiment(stack, "Switchover", new FaultInjectionExperimentProps
        {
            ExperimentName = "prod-aurora-global-switchover",
            Hypothesis = "The writer moves to us-west-2.",
            StopConditions = [WriterMissing],
            LogGroup = shared,
            Actions = [Failover.Action("move-writer", Secondary, GlobalFailoverMode.Switchover, 60)],
        });
        Template = Amazon.CDK.Assertions.Template.FromStack(stack).ToJsonObject();
    }

    public Alarm Unschedulable { get; }

    public Alarm WriterMissing { get; }

    public FaultInjectionExperiment CapacityLoss { get; }

    public FaultInjectionExperiment ZoneLoss { get; }

    public FaultInjectionExperiment Switchover { get; }

    public AuroraGlobalFailover Failover { get; }

    public JsonObject Template { get; }
}
