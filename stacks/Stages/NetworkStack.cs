using Constructs;
using Infra.Components.Network;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>The network of one region: the VPC and its endpoints and flow logs.</summary>
public sealed class NetworkStack : EnvironmentStack
{
    /// <summary>Creates the network stack of <paramref name="region"/>.</summary>
    public NetworkStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region)
        : base(scope, id, config, region, $"network-{region.Name}")
    {
        Network = new VpcNetwork(this, "Network", NetworkProps(config, region));
    }

    /// <summary>The VPC's props from the environment file .</summary>
    internal static VpcNetworkProps NetworkProps(EnvironmentConfig config, RegionConfig region)
    {
        var network = config.Network;
        return new VpcNetworkProps
        {
            Cidr = region.VpcCidr,
            AvailabilityZones = region.AvailabilityZones,
            NatGateways = network.NatGateways,
            SubnetMasks = network.SubnetMasks,
            InterfaceEndpoints = network.InterfaceEndpoints,
            KarpenterDiscoveryTag = config.ClusterName,
            FlowLogRemovalPolicy = StatefulRemovalPolicyOf(config),
            FlowLogs = new VpcFlowLogOptions
            {
                Destination = network.FlowLogs.Destination,
                TrafficType = network.FlowLogs.TrafficType,
                RetentionDays = network.FlowLogs.RetentionDays,
                MaxAggregationInterval = network.FlowLogs.MaxAggregationInterval,
            },
        };
    }

    /// <summary>The region's network.</summary>
    public VpcNetwork Network { get; }
}
