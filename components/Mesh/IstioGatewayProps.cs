using Infra.Components.Kubernetes;

namespace Infra.Components.Mesh;

/// <summary>The mesh's ingress gateway: Envoy behind an NLB the AWS Load Balancer Controller creates.</summary>
public sealed record IstioGatewayProps
{
    /// <summary>The controller that creates the NLB; the gateway installs after it.</summary>
    public required AwsLoadBalancerController LoadBalancerController { get; init; }

    /// <summary>An internet-facing NLB in the public subnets; otherwise internal, in the private subnets.</summary>
    /// <value><c>false</c>.</value>
    public bool InternetFacing { get; init; }

    /// <summary>The autoscaler's minimum; with 2 or more, a PodDisruptionBudget keeps one serving through node drains.</summary>
    /// <value>1.</value>
    public int MinReplicas { get; init; } = 1;

    /// <summary>The autoscaler's maximum (scales at 80% CPU).</summary>
    /// <value>5.</value>
    public int MaxReplicas { get; init; } = 5;

    /// <summary>Each gateway pod's CPU request (a Kubernetes quantity).</summary>
    /// <value>Omitted: the chart's <see cref="IstioVersions.GatewayDefaultCpu"/>.</value>
    public string? Cpu { get; init; }

    /// <summary>Each gateway pod's memory request (a Kubernetes quantity).</summary>
    /// <value>Omitted: the chart's <see cref="IstioVersions.GatewayDefaultMemory"/>.</value>
    public string? Memory { get; init; }
}
