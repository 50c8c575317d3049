using System.Collections.Generic;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;

namespace Infra.Stacks.Configuration;

/// <summary>The EKS cluster and Karpenter settings of an environment.</summary>
public sealed record KubernetesConfig
{
    /// <summary>The Kubernetes minor version, for example 1.35.</summary>
    public required string Version { get; init; }

    /// <summary>What EKS does when the version leaves standard support (the cluster's upgrade policy).</summary>
    public EksSupportType SupportType { get; init; } = EksSupportType.Standard;

    /// <summary>Who may reach the API endpoint.</summary>
    public required EndpointExposure Endpoint { get; init; }

    /// <summary>CIDRs allowed to reach a public endpoint.</summary>
    public IReadOnlyList<string> PublicAccessCidrs { get; init; } = [];

    /// <summary>IAM role ARNs with cluster-admin access entries.</summary>
    public required IReadOnlyList<string> AdminRoleArns { get; init; }

    /// <summary>Days the control-plane logs are kept.</summary>
    public required int ControlPlaneLogRetentionDays { get; init; }

    /// <summary>The system node group.</summary>
    public required SystemNodeGroupOptions SystemNodes { get; init; }

    /// <summary>Karpenter.</summary>
    public required KarpenterConfig Karpenter { get; init; }

    /// <summary>Where monitoring and the mesh run (<c>platformPlacement</c>).</summary>
    /// <value><see cref="PlatformPlacement.OnDemand"/>.</value>
    public PlatformPlacement PlatformPlacement { get; init; } = PlatformPlacement.OnDemand;
}

/// <summary>Karpenter's settings.</summary>
public sealed record KarpenterConfig
{
    /// <summary>The Karpenter version.</summary>
    public required string Version { get; init; }

    /// <summary>Controller replicas.</summary>
    public required int Replicas { get; init; }

    /// <summary>The AMI alias of the node class (<c>al2023@latest</c>, or pinned <c>al2023@vYYYYMMDD</c>).</summary>
    public required string AmiAlias { get; init; }

    /// <summary>The node pools.</summary>
    public required IReadOnlyList<NodePoolConfig> NodePools { get; init; }
}

/// <summary>One Karpenter NodePool, as the environment file describes it.</summary>
public sealed record NodePoolConfig
{
    /// <summary>The pool's name.</summary>
    public required string Name { get; init; }

    /// <summary>The capacity types (<c>spot</c>, <c>on-demand</c>, <c>reserved</c> in the file).</summary>
    public required IReadOnlyList<CapacityType> CapacityTypes { get; init; }

    /// <summary>The CPU architectures (<c>amd64</c>, <c>arm64</c> in the file).</summary>
    public required IReadOnlyList<CpuArchitecture> Architectures { get; init; }

    /// <summary>Instance categories such as c, m, r.</summary>
    public required IReadOnlyList<string> InstanceCategories { get; init; }

    /// <summary>Only generations above this number.</summary>
    public required int InstanceGenerationGreaterThan { get; init; }

    /// <summary>The pool's CPU limit (a quantity).</summary>
    public required string CpuLimit { get; init; }

    /// <summary>The pool's memory limit (a quantity).</summary>
    public required string MemoryLimit { get; init; }

    /// <summary>When Karpenter consolidates (<c>whenEmpty</c> or <c>whenEmptyOrUnderutilized</c> in the file).</summary>
    public required ConsolidationPolicy ConsolidationPolicy { get; init; }

    /// <summary>How long a node must be empty or underutilized first.</summary>
    public required string ConsolidateAfter { get; init; }

    /// <summary>Node lifetime.</summary>
    public required string ExpireAfter { get; init; }

    /// <summary>Disruption budgets (nodes, optional schedule and duration).</summary>
    public IReadOnlyList<BudgetConfig> Budgets { get; init; } = [];

    /// <summary>The pool's weight (higher pools are tried first).</summary>
    public int? Weight { get; init; }

    /// <summary>Labels the pool's nodes carry (workloads select the pool with them).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

/// <summary>A disruption budget.</summary>
public sealed record BudgetConfig
{
    /// <summary>Nodes that may be disrupted at once: a count or a percentage.</summary>
    public required string Nodes { get; init; }

    /// <summary>A cron schedule when the budget applies.</summary>
    public string? Schedule { get; init; }

    /// <summary>How long after each scheduled start it applies.</summary>
    public string? Duration { get; init; }

    /// <summary>Which disruption reasons it limits (<c>Empty</c>, <c>Drifted</c>, <c>Underutilized</c> in the file); all when empty.</summary>
    public IReadOnlyList<DisruptionReason> Reasons { get; init; } = [];
}
