using Amazon.CDK.AWS.EC2;
using Constructs;
using Infra.Components.Network;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The network of one region: the VPC and its endpoints and flow logs, and the database-client security group, the
/// one thing the database and the cluster both refer to for who may reach the database (neither depends on the other).
/// The primary region, where the cluster runs, gets the environment's NAT gateways and interface endpoints; the
/// secondary region holds only the database's standby, which needs neither (Aurora replicates over AWS's network, the
/// replica bucket is not in the VPC), so its private tier is isolated like the database tier. Running a cluster there
/// after a failover means adding them back first (docs/runbooks/aurora-global-failover.md).
/// </summary>
public sealed class NetworkStack : EnvironmentStack
{
    /// <summary>Creates the network stack of <paramref name="region"/>.</summary>
    public NetworkStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region)
        : base(scope, id, config, region, $"network-{region.Name}")
    {
        HoldsOnlyStandby = HoldsOnlyStandbyIn(config, region);
        Network = new VpcNetwork(this, "Network", NetworkProps(config, region));
        // Owned here, not by the cluster: the databases admit it and the cluster's workload nodes carry it, so neither
        // stack imports from the other and they deploy side by side. It is an identity, not a filter: it admits nothing,
        // and its open egress adds nothing to the nodes' cluster group, which already allows all egress. (A restricted
        // egress would not hold either: CloudFormation keeps a group's default allow-all egress when the only egress
        // rules are separate resources, which is how a database stack would add its own.)
        DatabaseClients = new SecurityGroup(this, "DatabaseClients", new SecurityGroupProps
        {
            Vpc = Network.Vpc,
            Description = $"Database clients of infra-{config.Name} in {region.Name}: carried by whatever may reach the databases",
            AllowAllOutbound = true,
        });
    }

    private static bool HoldsOnlyStandbyIn(EnvironmentConfig config, RegionConfig region) => region.Name != config.PrimaryRegion.Name;

    /// <summary>The VPC's props from the environment file.</summary>
    internal static VpcNetworkProps NetworkProps(EnvironmentConfig config, RegionConfig region)
    {
        var network = config.Network;
        var standbyOnly = HoldsOnlyStandbyIn(config, region);
        return new VpcNetworkProps
        {
            Cidr = region.VpcCidr,
            AvailabilityZones = region.AvailabilityZones,
            NatGateways = standbyOnly ? NatGatewayStrategy.None : network.NatGateways,
            SubnetMasks = network.SubnetMasks,
            InterfaceEndpoints = standbyOnly ? [] : network.InterfaceEndpoints,
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

    /// <summary>The region's VPC.</summary>
    public IVpc Vpc => Network.Vpc;

    /// <summary>The private subnets (egress through NAT): the cluster's nodes, the rotation Lambdas.</summary>
    public SubnetSelection PrivateSubnets => Network.PrivateSubnets;

    /// <summary>The isolated subnets (no route out): the databases.</summary>
    public SubnetSelection IsolatedSubnets => Network.IsolatedSubnets;

    /// <summary>
    /// The security group that the region's databases admit on their port: attach it to what may connect (the EKS
    /// workload nodes, through Karpenter's EC2NodeClass). It admits nothing itself.
    /// </summary>
    public ISecurityGroup DatabaseClients { get; }

    /// <summary>Whether the region holds only the database's standby (the secondary region): no NAT, no interface endpoints.</summary>
    public bool HoldsOnlyStandby { get; }
}
