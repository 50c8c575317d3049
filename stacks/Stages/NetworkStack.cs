using Constructs;
using Infra.Components.Network;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The network of one region: the VPC and its endpoints and flow logs. The primary region, where the cluster runs, gets
/// the environment's NAT gateways and interface endpoints; the secondary region holds only the database's standby,
/// which needs neither (Aurora replicates over AWS's network, the replica bucket is not in the VPC), so its private
/// tier is isolated like the database tier. Running a cluster there after a failover means adding them back first
/// (docs/runbooks/aurora-global-failover.md).
/// </summary>
public sealed class NetworkStack : EnvironmentStack
{
    /// <summary>Creates the network stack of <paramref name="region"/>.</summary>
    public NetworkStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region)
        : base(scope, id, config, region, $"network-{region.Name}")
    {
        var network = config.Network;
        HoldsOnlyStandby = region.Name != config.PrimaryRegion.Name;
        Network = new VpcNetwork(this, "Network", new VpcNetworkProps
        {
            Cidr = region.VpcCidr,
            AvailabilityZones = region.AvailabilityZones,
            NatGateways = HoldsOnlyStandby ? NatGatewayStrategy.None : network.NatGateways,
            SubnetMasks = network.SubnetMasks,
            InterfaceEndpoints = HoldsOnlyStandby ? [] : network.InterfaceEndpoints,
            KarpenterDiscoveryTag = config.ClusterName,
            FlowLogRemovalPolicy = StatefulRemovalPolicy,
            FlowLogs = new VpcFlowLogOptions
            {
                Destination = network.FlowLogs.Destination,
                TrafficType = network.FlowLogs.TrafficType,
                RetentionDays = network.FlowLogs.RetentionDays,
                MaxAggregationInterval = network.FlowLogs.MaxAggregationInterval,
            },
        });
    }

    /// <summary>The region's network.</summary>
    public VpcNetwork Network { get; }

    /// <summary>Whether the region holds only the database's standby (the secondary region): no NAT, no interface endpoints.</summary>
    public bool HoldsOnlyStandby { get; }
}
