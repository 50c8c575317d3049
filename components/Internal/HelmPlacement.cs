using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Kubernetes;

namespace Infra.Components.Internal;

/// <summary>A pod toleration as charts take it (<c>tolerations</c> entries).</summary>
internal sealed record HelmToleration
{
    /// <summary>The taint key; <c>null</c> with <c>Exists</c> tolerates every taint.</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary><c>Exists</c> or <c>Equal</c>.</summary>
    [JsonPropertyName("operator")]
    public required string Operator { get; init; }

    /// <summary>The taint value (with <c>Equal</c>).</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>The taint effect; <c>null</c> tolerates every effect.</summary>
    [JsonPropertyName("effect")]
    public string? Effect { get; init; }
}

/// <summary>Where a chart's pods run: the node labels they require and the taints they tolerate.</summary>
internal sealed record HelmPlacement
{
    /// <summary><c>nodeSelector</c>: node labels the pods require.</summary>
    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    /// <summary><c>tolerations</c>: taints the pods tolerate.</summary>
    [JsonPropertyName("tolerations")]
    public required IReadOnlyList<HelmToleration> Tolerations { get; init; }

    /// <summary>The system node group: its label selected, its <c>CriticalAddonsOnly</c> taint tolerated.</summary>
    public static HelmPlacement SystemNodes { get; } = new()
    {
        NodeSelector = EksClusterDefaults.SystemNodeLabels,
        Tolerations = [new HelmToleration { Key = EksClusterDefaults.SystemTaintKey, Operator = "Exists", Effect = "NoSchedule" }],
    };

    /// <summary>A toleration of every taint (key and effect omitted, <c>Exists</c>): for agents that must run on every node.</summary>
    public static IReadOnlyList<HelmToleration> EveryTaint { get; } = [new HelmToleration { Operator = "Exists" }];

    /// <summary>Nodes with these labels, no taints tolerated.</summary>
    public static HelmPlacement On(IReadOnlyDictionary<string, string> nodeSelector) => new() { NodeSelector = nodeSelector, Tolerations = [] };
}

/// <summary>A chart's <c>serviceAccount</c> block: the account's name and, where the chart asks, whether to create it.</summary>
internal sealed record HelmServiceAccount
{
    /// <summary><c>create</c>; left out (the chart's default) when <c>null</c>.</summary>
    [JsonPropertyName("create")]
    public bool? Create { get; init; }

    /// <summary><c>name</c>: the account Pod Identity hands the role to.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}

/// <summary>A container's <c>resources</c> block with requests only (a chart merges it with its own limits).</summary>
internal sealed record HelmResources
{
    /// <summary><c>requests</c>.</summary>
    [JsonPropertyName("requests")]
    public required HelmRequests Requests { get; init; }

    /// <summary>Requests of <paramref name="cpu"/> and <paramref name="memory"/>; <c>null</c> when neither is given.</summary>
    public static HelmResources? Of(string? cpu, string? memory) =>
        cpu is null && memory is null ? null : new HelmResources { Requests = new HelmRequests { Cpu = cpu, Memory = memory } };
}

/// <summary><c>resources.requests</c>.</summary>
internal sealed record HelmRequests
{
    /// <summary><c>cpu</c>; left out when <c>null</c>.</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary><c>memory</c>; left out when <c>null</c>.</summary>
    [JsonPropertyName("memory")]
    public string? Memory { get; init; }
}
