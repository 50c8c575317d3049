namespace Infra.Components.Kubernetes;

/// <summary>Properties of an <see cref="AwsLoadBalancerController"/>.</summary>
public sealed record AwsLoadBalancerControllerProps
{
    /// <summary>The cluster the controller runs on and whose load balancers it manages.</summary>
    public required EksCluster Cluster { get; init; }

    /// <summary>Controller replicas (one leader, the others on standby), 1 to 5.</summary>
    /// <value>2: a node replacement never stops load balancer changes.</value>
    public int Replicas { get; init; } = AwsLoadBalancerControllerDefaults.Replicas;
}

/// <summary>The defaults of <see cref="AwsLoadBalancerControllerProps"/>, in one place.</summary>
internal static class AwsLoadBalancerControllerDefaults
{
    public const int Replicas = 2;

    public const int MaxReplicas = 5;
}
