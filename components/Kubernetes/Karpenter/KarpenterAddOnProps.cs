using System.Collections.Generic;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>Properties of a <see cref="KarpenterAddOn"/>.</summary>
public sealed record KarpenterAddOnProps
{
    /// <summary>The cluster Karpenter manages nodes for.</summary>
    public required EksCluster Cluster { get; init; }

    /// <summary>The Karpenter release; checked against the cluster's Kubernetes version.</summary>
    /// <value><see cref="KarpenterVersion.V1_14_1"/>.</value>
    public KarpenterVersion Version { get; init; } = KarpenterVersion.V1_14_1;

    /// <summary>Controller replicas (two spread over nodes for availability).</summary>
    /// <value>2.</value>
    public int Replicas { get; init; } = 2;

    /// <summary>
    /// The role Karpenter's nodes run as (<see cref="KarpenterAddOn.CreateNodeRole"/> makes one); the node classes name
    /// its role name, so it exists before them.
    /// </summary>
    public required Amazon.CDK.AWS.IAM.IRole NodeRole { get; init; }

    /// <summary>The node classes; their <c>Role</c> must be <see cref="NodeRole"/>'s name.</summary>
    public required IReadOnlyList<Ec2NodeClassSpec> NodeClasses { get; init; }

    /// <summary>The node pools; each refers to one of <see cref="NodeClasses"/>.</summary>
    public required IReadOnlyList<NodePoolSpec> NodePools { get; init; }
}
