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
}
