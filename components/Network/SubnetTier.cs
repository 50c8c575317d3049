namespace Infra.Components.Network;

/// <summary>
/// The subnet tiers of a <see cref="VpcNetwork"/>. Each tier has a fixed block of the VPC range, in this order, and each
/// availability zone a fixed slot in its tier's block, so adding a tier or appending an AZ never moves an existing subnet.
/// </summary>
public enum SubnetTier
{
    /// <summary>Private subnets with egress (through NAT when there is one): workloads, EKS nodes. Block 0, the largest.</summary>
    Private = 0,

    /// <summary>Public subnets: load balancers and NAT gateways only; no public IP is assigned automatically. Block 1.</summary>
    Public = 1,

    /// <summary>Isolated subnets with no route to the internet: databases. Block 2.</summary>
    Isolated = 2,
}

/// <summary>How the private tier reaches the internet.</summary>
public enum NatGatewayStrategy
{
    /// <summary>No NAT gateway: the private tier is isolated and reaches AWS only through VPC endpoints. Costs nothing.</summary>
    None = 0,

    /// <summary>One NAT gateway for every AZ (about $33 a month plus data): cheap, but one AZ failure cuts egress everywhere.</summary>
    Single = 1,

    /// <summary>One NAT gateway per AZ, each private subnet routed through its own AZ's gateway: highly available.</summary>
    PerAvailabilityZone = 2,
}
