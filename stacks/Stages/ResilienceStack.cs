using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Infra.Components.Resilience;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The environment's fault injection experiments in one region, from its <c>chaos</c> section, with the alarms that stop
/// them and one encrypted log group. The primary region holds the capacity-loss and zone-loss experiments (the cluster
/// and the writer live there); the global database switchover lives in the region it moves the writer to. Nothing is
/// scheduled: experiments start by hand (<c>make chaos</c>, docs/runbooks/game-day.md).
/// </summary>
public sealed class ResilienceStack : EnvironmentStack
{
    /// <summary>Minutes pods may stay unschedulable before the capacity experiments stop.</summary>
    public const int UnschedulableMinutes = 10;

    /// <summary>Minutes the database may have no writer before the zone experiment stops (a failover takes about one).</summary>
    public const int WriterMissingMinutes = 3;

    /// <summary>Global replication lag (milliseconds) above which the switchover does not start, or stops.</summary>
    public const int ReplicationLagMilliseconds = 60_000;

    /// <summary>The longest the global database automation may run.</summary>
    public const int SwitchoverMaxMinutes = 60;

    /// <summary>Days the experiment log is kept.</summary>
    public const int LogRetentionDays = 90;

    private readonly Dictionary<string, Alarm> _alarms = new(StringComparer.Ordinal);

    /// <summary>Creates the experiments that belong in <paramref name="region"/>.</summary>
    public ResilienceStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region, NetworkStack network)
        : base(scope, id, config, region, $"resilience-{region.Name}")
    {
        var key = new Amazon.CDK.AWS.KMS.Key(this, "LogKey", new Amazon.CDK.AWS.KMS.KeyProps
        {
            Description = $"Encrypts the FIS experiment log of {config.ClusterName} in {region.Name}",
            EnableKeyRotation = true,
            PendingWindow = Duration.Days(30),
            RemovalPolicy = StatefulRemovalPolicy,
        });
        var logGroupName = LogGroupName(config);
        key.AddToResourcePolicy(new Amazon.CDK.AWS.IAM.PolicyStatement(new Amazon.CDK.AWS.IAM.PolicyStatementProps
        {
            Sid = "AllowLogEncryption",
            Principals = [new Amazon.CDK.AWS.IAM.ServicePrincipal($"logs.{region.Name}.amazonaws.com")],
            Actions = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object>
            {
                ["ArnEquals"] = new Dictionary<string, object> { ["kms:EncryptionContext:aws:logs:arn"] = $"arn:{Partition}:logs:{region.Name}:{config.Account}:log-group:{logGroupName}" },
            },
        }));
        Logs = new LogGroup(this, "ExperimentLogs", new LogGroupProps
        {
            LogGroupName = logGroupName,
            EncryptionKey = key,
            Retention = Infra.Components.LogRetention.FromDays(LogRetentionDays),
            RemovalPolicy = StatefulRemovalPolicy,
        });

        AuroraGlobalFailover? failover = null;
        var experiments = new Dictionary<ChaosExperiment, FaultInjectionExperiment>();
        foreach (var experiment in ExperimentsIn(config, region))
        {
            if (experiment == ChaosExperiment.AuroraGlobalSwitchover)
            {
                failover = new AuroraGlobalFailover(this, "GlobalDatabaseFailover", FailoverProps(config));
            }

            var stops = StopConditionsOf(experiment).Select(Alarm).ToArray();
            var props = ExperimentProps(config, region, experiment, stops, failover is null ? null : SwitchoverAction(config, region, failover), network.Network.Vpc) with
            {
                LogGroup = Logs,
            };
            var created = new FaultInjectionExperiment(this, RecoveryConfigReader.Name(experiment), props);
            PolicySuppressions.Add(created.Policy, "INFRA-IAM-12",
                "FIS writes the experiment log through CloudWatch Logs' vended log delivery, whose CreateLogDelivery and PutResourcePolicy accept only Resource *; every other write is scoped to the targets' tags or ARNs.",
                "Statement::DeliverExperimentLog");
            if (experiment == ChaosExperiment.AuroraGlobalSwitchover)
            {
                PolicySuppressions.Add(created.Policy, "INFRA-IAM-12",
                    "FIS reads and stops the automation execution it started (stopping the experiment stops it); an execution's id exists only once it runs, and stopping is the safe direction.",
                    "Statement::MoveWriterFollow");
            }

            PolicySuppressions.Add(created.Policy, "INFRA-IAM-3",
                "Only reads that accept nothing but * (Describe calls and tag:GetResources, which FIS uses to resolve targets) and the log delivery calls are on *.",
                "Resource::*");
            experiments[experiment] = created;
        }

        Experiments = experiments;
        Failover = failover;
    }

    /// <summary>The region's experiments.</summary>
    public IReadOnlyDictionary<ChaosExperiment, FaultInjectionExperiment> Experiments { get; }

    /// <summary>The stop-condition alarms, by construct id.</summary>
    public IReadOnlyDictionary<string, Alarm> Alarms => _alarms;

    /// <summary>The global database automation; <c>null</c> when this region holds no switchover.</summary>
    public AuroraGlobalFailover? Failover { get; }

    /// <summary>Where every experiment of the region logs.</summary>
    public LogGroup Logs { get; }

    /// <summary>
    /// The experiments of <paramref name="config"/> that live in <paramref name="region"/>: capacity and zone loss where
    /// the cluster is (the primary region), the switchover where the writer moves to (every region but the writer's).
    /// </summary>
    public static IReadOnlyList<ChaosExperiment> ExperimentsIn(EnvironmentConfig config, RegionConfig region)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(region);
        return (config.Chaos?.Experiments ?? []).Where(e => e switch
        {
            ChaosExperiment.AuroraGlobalSwitchover => config.SecondaryRegion is not null && region.Name != config.Database.WriterRegion,
            _ => region.Name == config.PrimaryRegion.Name,
        }).Distinct().ToList();
    }

    /// <summary>The log group every experiment of <paramref name="config"/> writes to: <c>/infra/&lt;env&gt;/fis</c>.</summary>
    public static string LogGroupName(EnvironmentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return $"/infra/{config.Name}/fis";
    }

    /// <summary>The name (and tag) of <paramref name="config"/>'s <paramref name="experiment"/>: <c>prod-karpenter-capacity-loss</c>.</summary>
    public static string ExperimentName(EnvironmentConfig config, ChaosExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(config);
        return $"{config.Name}-{Kebab(RecoveryConfigReader.Name(experiment))}";
    }

    /// <summary>The alarms (by construct id) that stop <paramref name="experiment"/>.</summary>
    public static IReadOnlyList<string> StopConditionsOf(ChaosExperiment experiment) => experiment switch
    {
        ChaosExperiment.KarpenterCapacityLoss => ["WorkloadsUnschedulable"],
        ChaosExperiment.AvailabilityZoneLoss => ["WorkloadsUnschedulable", "DatabaseWriterUnavailable"],
        _ => ["ReplicationLagHigh"],
    };

    /// <summary>The document that moves the global database's writer: every member may become it.</summary>
    internal static AuroraGlobalFailoverProps FailoverProps(EnvironmentConfig config) => new()
    {
        GlobalClusterIdentifier = config.ClusterName,
        MemberClusterArns = config.Regions.Select(r => BackupStack.DatabaseArn(config, r)).ToArray(),
    };

    /// <summary>The FIS action that makes <paramref name="region"/>'s cluster the writer.</summary>
    internal static StartAutomationAction SwitchoverAction(EnvironmentConfig config, RegionConfig region, AuroraGlobalFailover failover) =>
        failover.Action("move-writer", FailoverProps(config).MemberClusterArns.Single(a => a.Contains($":rds:{region.Name}:", StringComparison.Ordinal)),
            config.Chaos!.GlobalDatabaseMode, SwitchoverMaxMinutes);

    /// <summary>An experiment's props from the environment file, stopped by <paramref name="stopConditions"/>.</summary>
    internal static FaultInjectionExperimentProps ExperimentProps(EnvironmentConfig config, RegionConfig region, ChaosExperiment experiment,
        IReadOnlyList<IAlarm> stopConditions, StartAutomationAction? switchover, Amazon.CDK.AWS.EC2.IVpc? vpc)
    {
        var chaos = config.Chaos!;
        var environment = new Dictionary<string, string> { ["environment"] = config.Name };
        var name = ExperimentName(config, experiment);
        return experiment switch
        {
            ChaosExperiment.KarpenterCapacityLoss => CapacityLoss(config, name, environment, stopConditions),
            ChaosExperiment.AvailabilityZoneLoss => new FaultInjectionExperimentProps
            {
                ExperimentName = name,
                Hypothesis = $"Losing {chaos.OutageZone} (its subnets cut off for {chaos.OutageMinutes} minutes, the database failed over when its writer is there) causes no customer impact: the other zones carry the load, Karpenter provisions in them, and the database has a writer again within {WriterMissingMinutes} minutes.",
                StopConditions = stopConditions,
                // The database target is empty when its writer is in another zone: then only the network fails.
                SkipEmptyTargets = true,
                Actions =
                [
                    new DisruptConnectivityAction
                    {
                        Name = "cut-off-zone",
                        DurationMinutes = chaos.OutageMinutes,
                        Vpc = vpc,
                        Subnets = new ExperimentTarget
                        {
                            Name = "zone-subnets",
                            ResourceType = ExperimentTargetType.Ec2Subnet,
                            ResourceTags = environment,
                            Filters = new Dictionary<string, IReadOnlyList<string>> { ["AvailabilityZone"] = [chaos.OutageZone ?? ""] },
                        },
                    },
                    new FailoverDbClusterAction
                    {
                        Name = "fail-over-database",
                        Clusters = new ExperimentTarget
                        {
                            Name = "database-writer-in-zone",
                            ResourceType = ExperimentTargetType.RdsCluster,
                            ResourceTags = environment,
                            Parameters = new Dictionary<string, string> { ["writerAvailabilityZoneIdentifiers"] = chaos.OutageZone ?? "" },
                        },
                    },
                ],
            },
            _ => new FaultInjectionExperimentProps
            {
                ExperimentName = name,
                Hypothesis = $"A {RecoveryConfigReader.GlobalModes.Single(m => m.Value == chaos.GlobalDatabaseMode).Key} of global database {config.ClusterName} to {region.Name} completes within {SwitchoverMaxMinutes} minutes while replication is caught up, as docs/runbooks/aurora-global-failover.md says; then set database.writerRegion to {region.Name}.",
                StopConditions = stopConditions,
                Actions = switchover is null ? [] : [switchover],
            },
        };
    }

    private static FaultInjectionExperimentProps CapacityLoss(EnvironmentConfig config, string name, Dictionary<string, string> environment, IReadOnlyList<IAlarm> stopConditions)
    {
        var percent = config.Chaos!.CapacityLossPercent;
        // The first pool that runs Spot: its nodes are the workload's (the system node group belongs to no pool).
        var pool = config.Kubernetes.Karpenter.NodePools.FirstOrDefault(p => p.CapacityTypes.Contains(Components.Kubernetes.Karpenter.CapacityType.Spot))?.Name ?? "";
        var nodes = new Dictionary<string, string>(environment) { ["karpenter.sh/nodepool"] = pool };
        var running = new Dictionary<string, IReadOnlyList<string>> { ["State.Name"] = ["running"] };
        return new FaultInjectionExperimentProps
        {
            ExperimentName = name,
            Hypothesis = $"Spot interruption notices to {percent}% of the {pool} pool's nodes, then the sudden loss of {percent}% of those left, cause no customer impact: Karpenter drains interrupted nodes from its interruption queue within the notice, replaces lost capacity within the disruption budgets, and no pod stays unschedulable for {UnschedulableMinutes} minutes.",
            StopConditions = stopConditions,
            Actions =
            [
                new SpotInterruptionAction
                {
                    Name = "interrupt-spot-nodes",
                    SpotInstances = new ExperimentTarget
                    {
                        Name = "spot-nodes",
                        ResourceType = ExperimentTargetType.Ec2SpotInstance,
                        Selection = TargetSelection.Percent(percent),
                        ResourceTags = nodes,
                        Filters = running,
                    },
                },
                new TerminateInstancesAction
                {
                    Name = "terminate-nodes",
                    StartAfter = ["interrupt-spot-nodes"],
                    Instances = new ExperimentTarget
                    {
                        Name = "pool-nodes",
                        ResourceType = ExperimentTargetType.Ec2Instance,
                        Selection = TargetSelection.Percent(percent),
                        ResourceTags = nodes,
                        Filters = running,
                    },
                },
            ],
        };
    }

    // The alarms that mean customer impact, created once per stack when an experiment needs them.
    private Alarm Alarm(string id)
    {
        if (_alarms.TryGetValue(id, out var existing))
        {
            return existing;
        }

        var config = Config;
        var cluster = DatabaseStack.ClusterProps(config, TargetRegion, null!, null!, null!, []).ClusterIdentifier;
        var alarm = id switch
        {
            "WorkloadsUnschedulable" => new Alarm(this, id, new AlarmProps
            {
                AlarmDescription = $"{config.ClusterName}: pods unschedulable for {UnschedulableMinutes} minutes (capacity is not coming back). Stops the capacity and zone experiments.",
                Metric = new Metric(new MetricProps
                {
                    Namespace = "AWS/EKS",
                    MetricName = "scheduler_pending_pods_UNSCHEDULABLE",
                    DimensionsMap = new Dictionary<string, string> { ["ClusterName"] = config.ClusterName },
                    Statistic = "Maximum",
                    Period = Duration.Minutes(1),
                }),
                Threshold = 0,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                EvaluationPeriods = UnschedulableMinutes,
                DatapointsToAlarm = UnschedulableMinutes,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            }),
            "DatabaseWriterUnavailable" => new Alarm(this, id, new AlarmProps
            {
                AlarmDescription = $"{cluster}: no {(config.Database.WriterRegion == TargetRegion.Name ? "writer" : "instance")} has reported for {WriterMissingMinutes} minutes. Stops the zone experiment.",
                Metric = new Metric(new MetricProps
                {
                    Namespace = "AWS/RDS",
                    MetricName = "CPUUtilization",
                    // Where the writer is, its role's metrics; elsewhere (after a switchover) any instance's.
                    DimensionsMap = config.Database.WriterRegion == TargetRegion.Name
                        ? new Dictionary<string, string> { ["DBClusterIdentifier"] = cluster, ["Role"] = "WRITER" }
                        : new Dictionary<string, string> { ["DBClusterIdentifier"] = cluster },
                    Statistic = "SampleCount",
                    Period = Duration.Minutes(1),
                }),
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
                EvaluationPeriods = WriterMissingMinutes,
                DatapointsToAlarm = WriterMissingMinutes,
                TreatMissingData = TreatMissingData.BREACHING,
            }),
            _ => new Alarm(this, id, new AlarmProps
            {
                AlarmDescription = $"{cluster}: global replication lag above {ReplicationLagMilliseconds / 1000} s for 3 minutes (readers here are stale; a failover would lose that much). Stops the switchover, or keeps it from starting.",
                Metric = new Metric(new MetricProps
                {
                    Namespace = "AWS/RDS",
                    MetricName = "AuroraGlobalDBReplicationLag",
                    DimensionsMap = new Dictionary<string, string> { ["DBClusterIdentifier"] = cluster },
                    Statistic = "Maximum",
                    Period = Duration.Minutes(1),
                }),
                Threshold = ReplicationLagMilliseconds,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
                EvaluationPeriods = 3,
                DatapointsToAlarm = 3,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            }),
        };
        _alarms[id] = alarm;
        return alarm;
    }

    private static string Kebab(string camel) => string.Concat(camel.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "-") + char.ToLowerInvariant(c) : c.ToString()));
}
