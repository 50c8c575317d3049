using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Constructs;
using Infra.Components.Lambda;
using Infra.Components.Tagging;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// One environment (<c>Dev</c>, <c>Staging</c>, <c>Prod</c>) as a CDK stage: a network stack per region in use, the
/// EKS cluster stack, the storage stack and, when replicating, the storage replica in the secondary region; with a
/// <c>recovery</c> section the backup stacks, and with a <c>chaos</c> section the resilience stacks. Tags and the Lambda
/// runtime aspect are applied here, since aspects do not cross stage boundaries.
/// </summary>
public sealed class EnvironmentStage : Stage
{
    /// <summary>The tags every taggable resource gets.</summary>
    public static readonly IReadOnlyList<string> RequiredTagKeys = ["environment", "owner", "cost-center", "managed-by"];

    /// <summary>Creates the environment's stage and stacks.</summary>
    /// <param name="scope">The app.</param>
    /// <param name="config">The environment.</param>
    /// <param name="repositoryRoot">The repository root: the kubectl layer comes from its node_modules.</param>
    public EnvironmentStage(Construct scope, EnvironmentConfig config, string repositoryRoot)
        : base(scope, StageId(config), new StageProps())
    {
        Config = config;
        NetworkStacks = config.Regions.ToDictionary(r => r.Name, r => new NetworkStack(this, $"Network-{r.Name}", config, r));
        Cluster = new ClusterStack(this, "Cluster", config, NetworkStacks[config.PrimaryRegion.Name], repositoryRoot);
        // The home member (primary region) first: the secondary joins the global cluster it creates.
        // Each database admits its region's database-client group, owned by the network: never the cluster's own
        // security group, whose import would make the database wait for (and be pinned to) the cluster stack.
        var home = new DatabaseStack(this, $"Database-{config.PrimaryRegion.Name}", config, config.PrimaryRegion, NetworkStacks[config.PrimaryRegion.Name],
            [NetworkStacks[config.PrimaryRegion.Name].DatabaseClients]);
        DatabaseStacks = config.SecondaryRegion is { } other
            ? new Dictionary<string, DatabaseStack> { [config.PrimaryRegion.Name] = home, [other.Name] = SecondaryDatabase(config, other, home) }
            : new Dictionary<string, DatabaseStack> { [config.PrimaryRegion.Name] = home };
        StorageReplica = config.Storage.ReplicateToSecondaryRegion && config.SecondaryRegion is { } secondary
            ? new StorageReplicaStack(this, "StorageReplica", config, secondary)
            : null;
        Storage = new StorageStack(this, "Storage", config, StorageReplica);
        Platform = new PlatformStack(this, "Platform", config, Cluster);
        BackupStacks = CreateBackupStacks(config);
        ResilienceStacks = config.Regions.Where(r => ResilienceStack.ExperimentsIn(config, r).Count > 0)
            .ToDictionary(r => r.Name, r => new ResilienceStack(this, $"Resilience-{r.Name}", config, r, NetworkStacks[r.Name]));

        foreach (var stack in Stacks)
        {
            stack.ProtectIfStateful();
        }

        CostAllocationTags.Apply(this, config.ResourceTags);
        Aspects.Of(this).Add(new SupportedLambdaRuntimes());
    }

    /// <summary>The environment's configuration.</summary>
    public EnvironmentConfig Config { get; }

    /// <summary>The network stack of each region in use.</summary>
    public IReadOnlyDictionary<string, NetworkStack> NetworkStacks { get; }

    /// <summary>The EKS cluster stack (primary region).</summary>
    public ClusterStack Cluster { get; }

    /// <summary>The platform on the cluster: monitoring (primary region).</summary>
    public PlatformStack Platform { get; }

    /// <summary>The database stack of each region in use.</summary>
    public IReadOnlyDictionary<string, DatabaseStack> DatabaseStacks { get; }

    /// <summary>The storage stack (primary region).</summary>
    public StorageStack Storage { get; }

    /// <summary>The replica storage stack (secondary region); <c>null</c> without replication.</summary>
    public StorageReplicaStack? StorageReplica { get; }

    /// <summary>The backup stack of each region in use (the plan in the primary, the copy vault in the secondary); empty without <c>recovery</c>.</summary>
    public IReadOnlyDictionary<string, BackupStack> BackupStacks { get; }

    /// <summary>The experiments of each region that holds some; empty without <c>chaos</c>.</summary>
    public IReadOnlyDictionary<string, ResilienceStack> ResilienceStacks { get; }

    /// <summary>Every stack of the stage.</summary>
    public IReadOnlyList<EnvironmentStack> Stacks =>
        [.. NetworkStacks.Values, .. StorageReplica is null ? [] : new EnvironmentStack[] { StorageReplica }, Storage, Cluster, Platform, .. DatabaseStacks.Values,
            .. BackupStacks.Values, .. ResilienceStacks.Values];

    // The copy vault first: the primary's plan copies into it, across regions (so no reference makes the order).
    private Dictionary<string, BackupStack> CreateBackupStacks(EnvironmentConfig config)
    {
        var stacks = new Dictionary<string, BackupStack>();
        if (config.Recovery is null)
        {
            return stacks;
        }

        var copyVault = config.SecondaryRegion is { } secondary && config.Recovery.Backup.CopyToSecondaryRegion
            ? new BackupStack(this, $"Backup-{secondary.Name}", config, secondary)
            : null;
        var primary = new BackupStack(this, $"Backup-{config.PrimaryRegion.Name}", config, Storage, Platform);
        primary.AddDependency(DatabaseStacks[config.PrimaryRegion.Name], "the plan selects the database cluster by its ARN");
        stacks[config.PrimaryRegion.Name] = primary;
        if (copyVault is not null)
        {
            primary.AddDependency(copyVault, "every recovery point is copied into the secondary region's vault");
            stacks[copyVault.TargetRegion.Name] = copyVault;
        }

        return stacks;
    }

    private DatabaseStack SecondaryDatabase(EnvironmentConfig config, RegionConfig region, DatabaseStack home)
    {
        // No EKS cluster runs in the secondary region yet, so nothing carries that region's client group until one
        // does: a cluster stood up there attaches the group and reaches the database with no database change.
        var secondary = new DatabaseStack(this, $"Database-{region.Name}", config, region, NetworkStacks[region.Name], [NetworkStacks[region.Name].DatabaseClients]);
        secondary.AddDependency(home, "the secondary joins the global cluster the home member creates");
        return secondary;
    }

    /// <summary>The stage's construct id: the environment name in Pascal case (<c>prod</c> is <c>Prod</c>, <c>load-test</c> is <c>LoadTest</c>).</summary>
    public static string StageId(EnvironmentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return string.Concat(config.Name.Split('-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }

}
