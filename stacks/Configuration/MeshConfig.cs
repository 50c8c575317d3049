namespace Infra.Stacks.Configuration;

/// <summary>The Istio service mesh on the environment's cluster.</summary>
public sealed record MeshConfig
{
    /// <summary>The Istio version.</summary>
    public required string IstioVersion { get; init; }

    /// <summary>Install istiod as a revision behind the <c>stable</c> tag (canary upgrades).</summary>
    public required bool Revisioned { get; init; }

    /// <summary>istiod replicas.</summary>
    public required int IstiodReplicas { get; init; }

    /// <summary>An internet-facing ingress NLB (otherwise internal).</summary>
    public required bool GatewayInternetFacing { get; init; }

    /// <summary>The ingress gateway's autoscaler minimum.</summary>
    public required int GatewayMinReplicas { get; init; }

    /// <summary>The ingress gateway's autoscaler maximum.</summary>
    public required int GatewayMaxReplicas { get; init; }

    /// <summary>istiod's CPU request; <c>null</c> for the chart's default.</summary>
    public string? IstiodCpu { get; init; }

    /// <summary>istiod's memory request; <c>null</c> for the chart's default.</summary>
    public string? IstiodMemory { get; init; }

    /// <summary>Each gateway pod's CPU request; <c>null</c> for the chart's default.</summary>
    public string? GatewayCpu { get; init; }

    /// <summary>Each gateway pod's memory request; <c>null</c> for the chart's default.</summary>
    public string? GatewayMemory { get; init; }
}
