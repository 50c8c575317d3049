namespace Infra.Stacks.Configuration;

/// <summary>The Aurora PostgreSQL database of an environment: single-region in dev, a global database with a secondary region elsewhere.</summary>
public sealed record DatabaseConfig
{
    /// <summary>The Aurora PostgreSQL engine version.</summary>
    public required string EngineVersion { get; init; }

    /// <summary>The region whose cluster currently writes; flip it after a switchover or failover (replaces nothing).</summary>
    public required string WriterRegion { get; init; }

    /// <summary>How the instances are sized: Serverless v2 (ACU range) or provisioned (an instance class).</summary>
    public required DatabaseCapacityType CapacityType { get; init; }

    /// <summary>Serverless v2 minimum ACU (0 pauses an idle single-region cluster).</summary>
    public double MinAcu { get; init; }

    /// <summary>Serverless v2 maximum ACU.</summary>
    public double MaxAcu { get; init; }

    /// <summary>Idle seconds before a 0-ACU cluster pauses.</summary>
    public int? SecondsUntilAutoPause { get; init; }

    /// <summary>Provisioned instance class (Graviton).</summary>
    public string? InstanceClass { get; init; }

    /// <summary>Readers besides the writer in the primary region.</summary>
    public required int Readers { get; init; }

    /// <summary>Instances in the secondary region (the first takes over writing after a failover).</summary>
    public required int SecondaryInstances { get; init; }

    /// <summary>Days of automated backups.</summary>
    public required int BackupRetentionDays { get; init; }

    /// <summary>Days the PostgreSQL logs are kept.</summary>
    public required int LogRetentionDays { get; init; }

    /// <summary>Enhanced Monitoring interval in seconds (0 is off).</summary>
    public required int MonitoringIntervalSeconds { get; init; }

    /// <summary>Forward writes from the secondary region to the writer.</summary>
    public required bool WriteForwarding { get; init; }
}

/// <summary>How an environment's Aurora instances are sized.</summary>
public enum DatabaseCapacityType
{
    /// <summary>Aurora Serverless v2 between <c>minAcu</c> and <c>maxAcu</c> (<c>serverlessV2</c>).</summary>
    ServerlessV2,

    /// <summary>Provisioned instances of one Graviton class (<c>provisioned</c>).</summary>
    Provisioned,
}
