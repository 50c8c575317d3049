using System.Collections.Generic;
using System.Linq;
using Amazon.CDK.AWS.EC2;
using Constructs;
using Infra.Components.Database;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The environment's Aurora PostgreSQL cluster in one region. In dev, a single-region cluster. In staging and prod, a
/// member of the global database: the home member in the primary region (global cluster and credentials), a
/// secondary in the other. The writer role comes from <c>database.writerRegion</c>; flipping it after a switchover or
/// failover changes no resource identity.
/// </summary>
public sealed class DatabaseStack : EnvironmentStack
{
    /// <summary>Creates the database stack of <paramref name="region"/>.</summary>
    public DatabaseStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region, NetworkStack network, IReadOnlyList<ISecurityGroup> allowedPeers)
        : base(scope, id, config, region, $"database-{region.Name}")
    {
        Cluster = new AuroraPostgresCluster(this, "Database", ClusterProps(config, region, network.Vpc, network.IsolatedSubnets, network.PrivateSubnets, allowedPeers));
        if (Cluster.MonitoringRole is { } monitoring)
        {
            PolicySuppressions.Add(monitoring, "INFRA-IAM-4",
                "RDS Enhanced Monitoring is defined by AmazonRDSEnhancedMonitoringRole, which AWS keeps in step with the agent.",
                "Policy::service-role/AmazonRDSEnhancedMonitoringRole");
        }
    }

    /// <summary>The region's Aurora member from the environment file: in <paramref name="subnets"/> of <paramref name="vpc"/>, reachable from <paramref name="allowedPeers"/>.</summary>
    internal static AuroraPostgresProps ClusterProps(EnvironmentConfig config, RegionConfig region, IVpc vpc, SubnetSelection subnets, SubnetSelection rotationSubnets, IReadOnlyList<ISecurityGroup> allowedPeers)
    {
        var db = config.Database;
        var isHome = region.Name == config.PrimaryRegion.Name;
        var readers = isHome ? db.Readers : db.SecondaryInstances - 1;
        return new AuroraPostgresProps
        {
            ClusterIdentifier = $"infra-{config.Name}-{region.Name}",
            EngineVersion = db.EngineVersion,
            Vpc = vpc,
            Subnets = subnets,
            RotationSubnets = rotationSubnets,
            Capacity = db.CapacityType == DatabaseCapacityType.Provisioned
                ? AuroraCapacity.Provisioned(db.InstanceClass!, readers)
                : AuroraCapacity.ServerlessV2(db.MinAcu, db.MaxAcu, readers, db.SecondsUntilAutoPause),
            Global = config.SecondaryRegion is null ? null : new GlobalDatabaseMembership
            {
                GlobalClusterIdentifier = $"infra-{config.Name}",
                IsHome = isHome,
                IsWriter = region.Name == db.WriterRegion,
                SecretReplicaRegions = isHome ? config.Regions.Where(r => r.Name != region.Name).Select(r => r.Name).ToArray() : [],
                WriteForwarding = db.WriteForwarding && region.Name != db.WriterRegion,
            },
            BackupRetentionDays = db.BackupRetentionDays,
            LogRetentionDays = db.LogRetentionDays,
            MonitoringIntervalSeconds = db.MonitoringIntervalSeconds,
            AllowedPeers = allowedPeers,
            RemovalPolicy = StatefulRemovalPolicyOf(config),
        };
    }

    /// <summary>The cluster.</summary>
    public AuroraPostgresCluster Cluster { get; }
}
