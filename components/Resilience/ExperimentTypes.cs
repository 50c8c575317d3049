using System;
using System.Collections.Generic;
using Amazon.CDK.AWS.IAM;

namespace Infra.Components.Resilience;

/// <summary>The FIS resource types the experiments here target.</summary>
public enum ExperimentTargetType
{
    /// <summary>EC2 instances (<c>aws:ec2:instance</c>).</summary>
    Ec2Instance,

    /// <summary>EC2 Spot Instances (<c>aws:ec2:spot-instance</c>).</summary>
    Ec2SpotInstance,

    /// <summary>VPC subnets (<c>aws:ec2:subnet</c>).</summary>
    Ec2Subnet,

    /// <summary>Aurora clusters (<c>aws:rds:cluster</c>).</summary>
    RdsCluster,
}

/// <summary>How many of the resources a target matches an action acts on.</summary>
public sealed record TargetSelection
{
    private TargetSelection(string mode, int? value)
    {
        Mode = mode;
        Value = value;
    }

    /// <summary>Every matching resource.</summary>
    public static TargetSelection All { get; } = new("ALL", null);

    /// <summary>The mode: <c>ALL</c>, <c>COUNT</c> or <c>PERCENT</c>.</summary>
    public string Mode { get; }

    /// <summary>The count or percentage; <c>null</c> for <c>ALL</c>.</summary>
    public int? Value { get; }

    /// <summary>This many resources, picked at random.</summary>
    public static TargetSelection Count(int count) => new("COUNT", count);

    /// <summary>This share of the resources (1 to 100), picked at random.</summary>
    public static TargetSelection Percent(int percent) => new("PERCENT", percent);

    /// <summary>FIS's spelling: <c>ALL</c>, <c>COUNT(2)</c>, <c>PERCENT(25)</c>.</summary>
    public override string ToString() => Value is null ? Mode : $"{Mode}({Value})";
}

/// <summary>
/// Resources an action acts on, resolved when the experiment starts: by tags (every tag must match) or by ARN, then
/// narrowed by filters on the resource's attributes (<c>Placement.AvailabilityZone</c>, <c>State.Name</c>).
/// </summary>
public sealed record ExperimentTarget
{
    /// <summary>The target's name in the template (letters, digits and hyphens).</summary>
    public required string Name { get; init; }

    /// <summary>What kind of resource.</summary>
    public required ExperimentTargetType ResourceType { get; init; }

    /// <summary>How many of the matching resources.</summary>
    /// <value><see cref="TargetSelection.All"/>.</value>
    public TargetSelection Selection { get; init; } = TargetSelection.All;

    /// <summary>Tags every targeted resource carries; the experiment role is scoped to the same tags.</summary>
    /// <value>Omitted: selected by <see cref="ResourceArns"/>.</value>
    public IReadOnlyDictionary<string, string> ResourceTags { get; init; } = new Dictionary<string, string>();

    /// <summary>The targeted resources by ARN; the experiment role is scoped to them.</summary>
    /// <value>Omitted: selected by <see cref="ResourceTags"/>.</value>
    public IReadOnlyList<string> ResourceArns { get; init; } = [];

    /// <summary>Filters on the resources' attributes (as the service's Describe call spells them) and the values allowed.</summary>
    /// <value>Omitted: no filter.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Resource-type parameters (for Aurora clusters, <c>writerAvailabilityZoneIdentifiers</c>).</summary>
    /// <value>Omitted: none.</value>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>FIS's name of the resource type.</summary>
    public string FisResourceType => ResourceType switch
    {
        ExperimentTargetType.Ec2Instance => "aws:ec2:instance",
        ExperimentTargetType.Ec2SpotInstance => "aws:ec2:spot-instance",
        ExperimentTargetType.Ec2Subnet => "aws:ec2:subnet",
        ExperimentTargetType.RdsCluster => "aws:rds:cluster",
        _ => throw new ArgumentOutOfRangeException(nameof(ResourceType), ResourceType, null),
    };
}

/// <summary>
/// One fault an experiment injects. Each kind knows its FIS action, its parameters, the target key it acts on and the
/// least permissions the experiment role needs for it.
/// </summary>
public abstract record ExperimentAction
{
    /// <summary>The action's name in the template (letters, digits and hyphens).</summary>
    public required string Name { get; init; }

    /// <summary>Actions that must finish before this one starts.</summary>
    /// <value>Omitted: starts with the experiment.</value>
    public IReadOnlyList<string> StartAfter { get; init; } = [];

    /// <summary>The FIS action id (<c>aws:ec2:terminate-instances</c>).</summary>
    public abstract string ActionId { get; }

    /// <summary>The target the action acts on, and the key FIS expects for it (<c>Instances</c>); <c>null</c> for actions without one.</summary>
    public abstract (string Key, ExperimentTarget Target)? Target { get; }

    /// <summary>The action's parameters as FIS takes them (ISO 8601 durations, strings).</summary>
    public abstract IReadOnlyDictionary<string, string> Parameters { get; }
}

/// <summary>
/// <c>aws:ec2:send-spot-instance-interruptions</c>: EC2's two-minute interruption notice (and a rebalance
/// recommendation first when the notice is longer), then the interruption: what Karpenter's interruption queue handles.
/// </summary>
public sealed record SpotInterruptionAction : ExperimentAction
{
    /// <summary>Spot Instances to interrupt (<see cref="ExperimentTargetType.Ec2SpotInstance"/>); FIS acts on at most 5 per action.</summary>
    public required ExperimentTarget SpotInstances { get; init; }

    /// <summary>Minutes between the notice and the interruption, 2 to 15.</summary>
    /// <value>2 (the real notice).</value>
    public int NoticeMinutes { get; init; } = 2;

    /// <inheritdoc />
    public override string ActionId => "aws:ec2:send-spot-instance-interruptions";

    /// <inheritdoc />
    public override (string Key, ExperimentTarget Target)? Target => ("SpotInstances", SpotInstances);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string> { ["durationBeforeInterruption"] = $"PT{NoticeMinutes}M" };
}

/// <summary><c>aws:ec2:terminate-instances</c>: instances disappear without notice, as on hardware failure.</summary>
public sealed record TerminateInstancesAction : ExperimentAction
{
    /// <summary>Instances to terminate (<see cref="ExperimentTargetType.Ec2Instance"/>).</summary>
    public required ExperimentTarget Instances { get; init; }

    /// <inheritdoc />
    public override string ActionId => "aws:ec2:terminate-instances";

    /// <inheritdoc />
    public override (string Key, ExperimentTarget Target)? Target => ("Instances", Instances);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>();
}

/// <summary>
/// <c>aws:network:disrupt-connectivity</c> with scope <c>all</c>: FIS swaps the subnets' network ACL for a deny-all one it
/// creates (tagged <c>managedByFIS=true</c>), and restores the original when the duration ends or the experiment stops.
/// </summary>
public sealed record DisruptConnectivityAction : ExperimentAction
{
    /// <summary>Subnets to cut off (<see cref="ExperimentTargetType.Ec2Subnet"/>).</summary>
    public required ExperimentTarget Subnets { get; init; }

    /// <summary>Minutes the subnets stay cut off, 1 to 720.</summary>
    public required int DurationMinutes { get; init; }

    /// <summary>The subnets' VPC: the role may then create and swap network ACLs in it only.</summary>
    /// <value>Omitted: in any VPC of the account and region (the subnets themselves stay scoped by the target).</value>
    public Amazon.CDK.AWS.EC2.IVpc? Vpc { get; init; }

    /// <inheritdoc />
    public override string ActionId => "aws:network:disrupt-connectivity";

    /// <inheritdoc />
    public override (string Key, ExperimentTarget Target)? Target => ("Subnets", Subnets);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string> { ["duration"] = $"PT{DurationMinutes}M", ["scope"] = "all" };
}

/// <summary><c>aws:rds:failover-db-cluster</c>: Aurora promotes a reader to writer.</summary>
public sealed record FailoverDbClusterAction : ExperimentAction
{
    /// <summary>Clusters to fail over (<see cref="ExperimentTargetType.RdsCluster"/>).</summary>
    public required ExperimentTarget Clusters { get; init; }

    /// <inheritdoc />
    public override string ActionId => "aws:rds:failover-db-cluster";

    /// <inheritdoc />
    public override (string Key, ExperimentTarget Target)? Target => ("Clusters", Clusters);

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>();
}

/// <summary>
/// <c>aws:ssm:start-automation-execution</c>: runs an SSM Automation document (for what FIS has no action of its own,
/// such as an Aurora global database switchover) with its own role, and waits for it; stopping the experiment stops it.
/// </summary>
public sealed record StartAutomationAction : ExperimentAction
{
    /// <summary>The Automation document's name (in the experiment's account and region).</summary>
    public required string DocumentName { get; init; }

    /// <summary>The role the document runs as; FIS may pass it to SSM and nothing else.</summary>
    public required IRole AutomationRole { get; init; }

    /// <summary>The document's parameters as a JSON object (strings or lists of strings).</summary>
    public required string DocumentParameters { get; init; }

    /// <summary>The longest the document may run, in minutes (1 to 720); FIS fails the action after it.</summary>
    public required int MaxDurationMinutes { get; init; }

    /// <summary>The document's ARN, filled in by the experiment (its region and account).</summary>
    internal string? DocumentArn { get; init; }

    /// <inheritdoc />
    public override string ActionId => "aws:ssm:start-automation-execution";

    /// <inheritdoc />
    public override (string Key, ExperimentTarget Target)? Target => null;

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["documentArn"] = DocumentArn ?? DocumentName,
        ["documentParameters"] = DocumentParameters,
        ["maxDuration"] = $"PT{MaxDurationMinutes}M",
    };
}
