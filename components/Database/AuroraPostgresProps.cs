using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;

namespace Infra.Components.Database;

/// <summary>How many database instances run, and on what.</summary>
public sealed record AuroraCapacity
{
    private AuroraCapacity()
    {
    }

    /// <summary>Aurora Serverless v2: <c>db.serverless</c> instances between <see cref="MinAcu"/> and <see cref="MaxAcu"/>.</summary>
    public bool IsServerless { get; private init; }

    /// <summary>The instance class of provisioned instances (Graviton, for example <c>db.r7g.large</c>).</summary>
    public string? InstanceClass { get; private init; }

    /// <summary>Minimum Aurora capacity units (0 lets an idle cluster pause).</summary>
    public double MinAcu { get; private init; }

    /// <summary>Maximum Aurora capacity units.</summary>
    public double MaxAcu { get; private init; }

    /// <summary>Seconds of idleness before a cluster at 0 ACU pauses.</summary>
    public int? SecondsUntilAutoPause { get; private init; }

    /// <summary>Reader instances besides the writer; each in the next AZ, in promotion tier 1 so it scales with the writer.</summary>
    public int Readers { get; private init; }

    /// <summary>Instances in the cluster: the writer (or, on a secondary, the instance that takes over writing) and the readers.</summary>
    public int Instances => Readers + 1;

    /// <summary>Serverless v2 capacity.</summary>
    public static AuroraCapacity ServerlessV2(double minAcu, double maxAcu, int readers = 0, int? secondsUntilAutoPause = null) =>
        new() { IsServerless = true, MinAcu = minAcu, MaxAcu = maxAcu, Readers = readers, SecondsUntilAutoPause = secondsUntilAutoPause };

    /// <summary>Provisioned instances of <paramref name="instanceClass"/>.</summary>
    public static AuroraCapacity Provisioned(string instanceClass, int readers) =>
        new() { IsServerless = false, InstanceClass = instanceClass, Readers = readers };
}

/// <summary>Membership of an Aurora global database.</summary>
public sealed record GlobalDatabaseMembership
{
    /// <summary>The global cluster's literal identifier (both regions name it; tokens cannot cross regions).</summary>
    public required string GlobalClusterIdentifier { get; init; }

    /// <summary>
    /// Whether this cluster is the global database's home: it creates the global cluster and holds the master credentials
    /// (a generated secret). Exactly one member is home, for the database's whole life; failovers do not change it.
    /// </summary>
    public required bool IsHome { get; init; }

    /// <summary>Whether this cluster is currently the writer. Flip it in config after a switchover or failover; it changes no resource identity.</summary>
    public required bool IsWriter { get; init; }

    /// <summary>Regions the master secret is replicated to (the other members' regions), so applications there can connect after a failover.</summary>
    public IReadOnlyList<string> SecretReplicaRegions { get; init; } = [];

    /// <summary>Forward writes from this (secondary) cluster to the writer.</summary>
    /// <value><c>false</c>.</value>
    public bool WriteForwarding { get; init; }
}

/// <summary>Properties of an <see cref="AuroraPostgresCluster"/>.</summary>
public sealed record AuroraPostgresProps
{
    /// <summary>The cluster's literal identifier (the log group and the global database name it).</summary>
    public required string ClusterIdentifier { get; init; }

    /// <summary>The Aurora PostgreSQL engine version, from <see cref="AuroraPostgresVersions.Supported"/>.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>The VPC.</summary>
    public required IVpc Vpc { get; init; }

    /// <summary>The isolated subnets of the subnet group.</summary>
    public required SubnetSelection Subnets { get; init; }

    /// <summary>The subnets the hosted rotation Lambda runs in (they need a route to Secrets Manager).</summary>
    public required SubnetSelection RotationSubnets { get; init; }

    /// <summary>The capacity.</summary>
    public required AuroraCapacity Capacity { get; init; }

    /// <summary>Global database membership.</summary>
    /// <value>Omitted: a single-region cluster.</value>
    public GlobalDatabaseMembership? Global { get; init; }

    /// <summary>The master user name (home or single-region clusters only).</summary>
    /// <value><c>postgres_admin</c>.</value>
    public string MasterUsername { get; init; } = "postgres_admin";

    /// <summary>The first database (home or single-region clusters only).</summary>
    /// <value><c>app</c>.</value>
    public string DatabaseName { get; init; } = "app";

    /// <summary>Let RDS manage the master password in Secrets Manager. Refused for global databases (AWS does not support it).</summary>
    /// <value><c>false</c>: a generated secret with rotation.</value>
    public bool RdsManagedMasterPassword { get; init; }

    /// <summary>Days of automated backups (1 to 35; 14 or more in prod).</summary>
    /// <value>7.</value>
    public int BackupRetentionDays { get; init; } = 7;

    /// <summary>Days the exported PostgreSQL logs are kept (a CloudWatch Logs retention value).</summary>
    /// <value>30.</value>
    public int LogRetentionDays { get; init; } = 30;

    /// <summary>Enhanced Monitoring interval in seconds (0 turns it off; 1, 5, 10, 15, 30 or 60).</summary>
    /// <value>60.</value>
    public int MonitoringIntervalSeconds { get; init; } = 60;

    /// <summary>The customer-managed key for storage, Performance Insights, logs, the secret and the alarm topic.</summary>
    /// <value>Omitted: a key with rotation is created.</value>
    public IKey? EncryptionKey { get; init; }

    /// <summary>Peers allowed to connect on the database port (for example the EKS cluster's security group).</summary>
    /// <value>None: nothing can connect until <see cref="AuroraPostgresCluster.Connections"/> allows it.</value>
    public IReadOnlyList<ISecurityGroup> AllowedPeers { get; init; } = [];

    /// <summary>Where alarms notify.</summary>
    /// <value>Omitted: an encrypted topic is created.</value>
    public ITopic? AlarmTopic { get; init; }

    /// <summary>What happens to the cluster when it leaves the stack: SNAPSHOT, RETAIN or DESTROY.</summary>
    /// <value><see cref="RemovalPolicy.SNAPSHOT"/>.</value>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.SNAPSHOT;

    /// <summary>Deletion protection on the cluster (and the global cluster).</summary>
    /// <value>On unless <see cref="RemovalPolicy"/> is DESTROY.</value>
    public bool? DeletionProtection { get; init; }
}
