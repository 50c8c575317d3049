using System.Collections.Generic;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>The well-known node label keys the typed NodePool requirements use; also usable in pod node selectors.</summary>
public static class WellKnownLabels
{
    /// <summary><c>karpenter.sh/capacity-type</c>: <c>spot</c>, <c>on-demand</c> or <c>reserved</c>.</summary>
    public const string CapacityType = "karpenter.sh/capacity-type";

    /// <summary><c>kubernetes.io/arch</c>: <c>amd64</c> or <c>arm64</c>.</summary>
    public const string Architecture = "kubernetes.io/arch";

    /// <summary><c>kubernetes.io/os</c>: <c>linux</c> or <c>windows</c>.</summary>
    public const string OperatingSystem = "kubernetes.io/os";

    /// <summary><c>karpenter.k8s.aws/instance-category</c>: the letters before the generation, such as <c>c</c>, <c>m</c>, <c>r</c>.</summary>
    public const string InstanceCategory = "karpenter.k8s.aws/instance-category";

    /// <summary><c>karpenter.k8s.aws/instance-generation</c>: the generation number, such as <c>7</c> for <c>m7g</c>.</summary>
    public const string InstanceGeneration = "karpenter.k8s.aws/instance-generation";

    /// <summary><c>karpenter.k8s.aws/instance-family</c>: such as <c>m7g</c>.</summary>
    public const string InstanceFamily = "karpenter.k8s.aws/instance-family";

    /// <summary><c>node.kubernetes.io/instance-type</c>: such as <c>m7g.large</c>.</summary>
    public const string InstanceType = "node.kubernetes.io/instance-type";

    /// <summary><c>topology.kubernetes.io/zone</c>: such as <c>eu-west-1a</c>.</summary>
    public const string Zone = "topology.kubernetes.io/zone";
}

/// <summary>How an instance is bought (<c>karpenter.sh/capacity-type</c>).</summary>
public enum CapacityType
{
    /// <summary><c>spot</c>: spare capacity at a discount; EC2 can reclaim it at two minutes' notice.</summary>
    Spot = 1,

    /// <summary><c>on-demand</c>: pay by the second, never reclaimed.</summary>
    OnDemand = 2,

    /// <summary>
    /// <c>reserved</c>: capacity reservations selected by the EC2NodeClass's <c>capacityReservationSelectorTerms</c>,
    /// which <see cref="Ec2NodeClassSpec"/> does not type yet; without them nothing is launched as reserved.
    /// </summary>
    Reserved = 3,
}

/// <summary>The CPU architecture of a node (<c>kubernetes.io/arch</c>).</summary>
public enum CpuArchitecture
{
    /// <summary><c>amd64</c>: x86-64 (Intel and AMD).</summary>
    Amd64 = 1,

    /// <summary><c>arm64</c>: AWS Graviton.</summary>
    Arm64 = 2,
}

/// <summary>The operating system of a node (<c>kubernetes.io/os</c>).</summary>
public enum NodeOperatingSystem
{
    /// <summary><c>linux</c>.</summary>
    Linux = 1,

    /// <summary><c>windows</c>: needs a Windows AMI in the EC2NodeClass.</summary>
    Windows = 2,
}

/// <summary>How a requirement relates its key to its values.</summary>
public enum RequirementOperator
{
    /// <summary><c>In</c>: the label has one of the values (at least one value).</summary>
    In = 1,

    /// <summary><c>NotIn</c>: the label has none of the values (at least one value).</summary>
    NotIn = 2,

    /// <summary><c>Exists</c>: the label is present (no values).</summary>
    Exists = 3,

    /// <summary><c>DoesNotExist</c>: the label is absent (no values).</summary>
    DoesNotExist = 4,

    /// <summary><c>Gt</c>: the label, as an integer, is greater than the single value.</summary>
    Gt = 5,

    /// <summary><c>Lt</c>: the label, as an integer, is less than the single value.</summary>
    Lt = 6,
}

/// <summary>
/// A node requirement that the typed NodePool props do not cover, such as <c>karpenter.k8s.aws/instance-cpu</c>
/// <c>In ["4", "8"]</c>. It is written after the typed requirements.
/// </summary>
public sealed record NodeSelectorRequirement
{
    /// <summary>The label key, such as <c>karpenter.k8s.aws/instance-hypervisor</c>.</summary>
    public required string Key { get; init; }

    /// <summary>How the key relates to <see cref="Values"/>.</summary>
    public required RequirementOperator Operator { get; init; }

    /// <summary>
    /// The values: at least one for <c>In</c>/<c>NotIn</c>, none for <c>Exists</c>/<c>DoesNotExist</c>, one integer for
    /// <c>Gt</c>/<c>Lt</c>.
    /// </summary>
    /// <value>Omitted: no values (right for <c>Exists</c> and <c>DoesNotExist</c>).</value>
    public IReadOnlyList<string> Values { get; init; } = [];
}

/// <summary>What a taint does to pods that do not tolerate it.</summary>
public enum TaintEffect
{
    /// <summary><c>NoSchedule</c>: new pods are not scheduled on the node.</summary>
    NoSchedule = 1,

    /// <summary><c>PreferNoSchedule</c>: the scheduler avoids the node when it can.</summary>
    PreferNoSchedule = 2,

    /// <summary><c>NoExecute</c>: new pods are not scheduled and running pods are evicted.</summary>
    NoExecute = 3,
}

/// <summary>A taint put on every node of the pool.</summary>
public sealed record Taint
{
    /// <summary>The taint key, such as <c>workload-tier</c> or <c>example.com/dedicated</c>.</summary>
    public required string Key { get; init; }

    /// <summary>The taint value.</summary>
    /// <value>Omitted: the taint has no value; tolerations match it with <c>operator: Exists</c>.</value>
    public string? Value { get; init; }

    /// <summary>What the taint does to pods that do not tolerate it.</summary>
    public required TaintEffect Effect { get; init; }
}

/// <summary>Which nodes Karpenter may remove or replace to save cost.</summary>
public enum ConsolidationPolicy
{
    /// <summary><c>WhenEmpty</c>: only nodes running no workload pods (daemonsets do not count).</summary>
    WhenEmpty = 1,

    /// <summary><c>WhenEmptyOrUnderutilized</c>: also nodes whose pods fit elsewhere or on a cheaper node.</summary>
    WhenEmptyOrUnderutilized = 2,
}

/// <summary>A disruption method a budget can be limited to.</summary>
public enum DisruptionReason
{
    /// <summary><c>Empty</c>: removing nodes that run no workload pods.</summary>
    Empty = 1,

    /// <summary><c>Drifted</c>: replacing nodes that no longer match their NodePool or EC2NodeClass (for example a new AMI).</summary>
    Drifted = 2,

    /// <summary><c>Underutilized</c>: consolidating nodes whose pods fit elsewhere.</summary>
    Underutilized = 3,
}

/// <summary>
/// Caps how many of the pool's nodes Karpenter may disrupt at once. When several budgets are active, the most
/// restrictive applies.
/// </summary>
public sealed record DisruptionBudget
{
    /// <summary>The most nodes that may be disrupting at once: a whole number such as <c>"0"</c> or a percentage such as <c>"10%"</c>.</summary>
    public required string Nodes { get; init; }

    /// <summary>The disruption methods this budget limits.</summary>
    /// <value>Omitted: the budget limits every method (Empty, Drifted, Underutilized).</value>
    public IReadOnlyList<DisruptionReason> Reasons { get; init; } = [];

    /// <summary>When the budget becomes active, in cron syntax (UTC), such as <c>"0 9 * * mon-fri"</c>. Needs <see cref="Duration"/>.</summary>
    /// <value>Omitted: the budget is always active.</value>
    public string? Schedule { get; init; }

    /// <summary>How long the budget stays active after each <see cref="Schedule"/> hit, in hours and minutes, such as <c>"8h"</c>.</summary>
    /// <value>Omitted: the budget is always active (only without a schedule).</value>
    public string? Duration { get; init; }
}

/// <summary>How Karpenter consolidates the pool's nodes.</summary>
public sealed record NodePoolDisruption
{
    /// <summary>Which nodes consolidation may remove or replace.</summary>
    /// <value><see cref="ConsolidationPolicy.WhenEmptyOrUnderutilized"/>, the CRD default.</value>
    public ConsolidationPolicy ConsolidationPolicy { get; init; } = KarpenterDefaults.ConsolidationPolicy;

    /// <summary>
    /// How long a node must have had no pod added or removed before consolidation considers it, such as <c>"30s"</c> or
    /// <c>"5m"</c>; <c>"Never"</c> turns consolidation off.
    /// </summary>
    /// <value><c>"0s"</c>, the CRD default: consolidate as soon as possible.</value>
    public string ConsolidateAfter { get; init; } = KarpenterDefaults.ConsolidateAfter;

    /// <summary>The disruption budgets.</summary>
    /// <value>Omitted: the CRD default, one budget of <c>10%</c> of the pool's nodes.</value>
    public IReadOnlyList<DisruptionBudget> Budgets { get; init; } = [];
}

/// <summary>The most capacity the pool may hold; Karpenter stops launching nodes once a limit is reached.</summary>
public sealed record NodePoolLimits
{
    /// <summary>Total vCPUs, as a quantity such as <c>"64"</c> or <c>"500m"</c>.</summary>
    /// <value>Omitted: no CPU limit.</value>
    public string? Cpu { get; init; }

    /// <summary>Total memory, as a quantity such as <c>"256Gi"</c>.</summary>
    /// <value>Omitted: no memory limit.</value>
    public string? Memory { get; init; }

    /// <summary>Total nodes.</summary>
    /// <value>Omitted: no node-count limit.</value>
    public int? Nodes { get; init; }
}
