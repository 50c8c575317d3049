using System.Collections.Generic;
using System.Linq;
using Infra.Components.Cost;
using Infra.Components.Database;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Mesh;
using Infra.Components.Network;
using Infra.Components.Observability;
using Infra.Components.Storage;
using Infra.Stacks.Stages;

namespace Infra.Stacks.Configuration;

/// <summary>
/// Checks an environment with the components' own rules before anything is synthesized: the props each stack would
/// pass are built by the same mapping the stack uses, each component's <c>Validate</c> judges them, and every problem
/// is reported at the key of the file that set the property. The rules live in the components only; this class knows
/// nothing but where each property comes from.
/// </summary>
/// <remarks>
/// The constructs a component is wired to (the VPC, the cluster, the roles) do not exist yet; they are passed as
/// <c>null</c>. Every component's <c>Validate</c> reads settings only, which the components' tests pin.
/// </remarks>
internal static partial class ComponentRules
{
    // The node role's name and the cluster security group's id are tokens at synth time; the node class check only
    // needs their shape, and nothing in the file sets them.
    private const string NodeRoleName = "KarpenterNodeRole";
    private const string ClusterSecurityGroupId = "sg-0123456789abcdef0";

    private static readonly PropertyKeys Network = new("network", new Dictionary<string, string>
    {
        [nameof(VpcNetworkProps.NatGateways)] = "network.natGateways",
        [nameof(VpcNetworkProps.SubnetMasks)] = "network.subnetMasks",
        [nameof(VpcNetworkProps.InterfaceEndpoints)] = "network.interfaceEndpoints",
        [nameof(VpcNetworkProps.FlowLogs)] = "network.flowLogs",
        [$"{nameof(VpcNetworkProps.FlowLogs)}.{nameof(VpcFlowLogOptions.RetentionDays)}"] = "network.flowLogs.retentionDays",
        [$"{nameof(VpcNetworkProps.FlowLogs)}.{nameof(VpcFlowLogOptions.Destination)}"] = "network.flowLogs.destination",
        [$"{nameof(VpcNetworkProps.FlowLogs)}.{nameof(VpcFlowLogOptions.TrafficType)}"] = "network.flowLogs.trafficType",
    });

    private static readonly PropertyKeys Cluster = new("kubernetes", new Dictionary<string, string>
    {
        [nameof(EksClusterProps.ClusterName)] = "(file name)",
        [nameof(EksClusterProps.Version)] = "kubernetes.version",
        [nameof(EksClusterProps.KubectlLayerVersion)] = "kubernetes.version",
        [nameof(EksClusterProps.AddonVersions)] = "kubernetes.version",
        [nameof(EksClusterProps.SupportType)] = "kubernetes.supportType",
        [nameof(EksClusterProps.AdminRoleArns)] = "kubernetes.adminRoleArns",
        [$"{nameof(EksClusterProps.AdminRoleArns)}[]"] = "kubernetes.adminRoleArns[]",
        [nameof(EksClusterProps.Endpoint)] = "kubernetes.endpoint",
        [nameof(EksClusterProps.PublicAccessCidrs)] = "kubernetes.publicAccessCidrs",
        [$"{nameof(EksClusterProps.PublicAccessCidrs)}[]"] = "kubernetes.publicAccessCidrs[]",
        [nameof(EksClusterProps.ControlPlaneLogRetentionDays)] = "kubernetes.controlPlaneLogRetentionDays",
        [nameof(EksClusterProps.SystemNodes)] = "kubernetes.systemNodes",
        [$"{nameof(EksClusterProps.SystemNodes)}.{nameof(SystemNodeGroupOptions.InstanceTypes)}"] = "kubernetes.systemNodes.instanceTypes",
        [$"{nameof(EksClusterProps.SystemNodes)}.{nameof(SystemNodeGroupOptions.Ami)}"] = "kubernetes.systemNodes.ami",
        [$"{nameof(EksClusterProps.SystemNodes)}.{nameof(SystemNodeGroupOptions.MinSize)}"] = "kubernetes.systemNodes.minSize",
        [$"{nameof(EksClusterProps.SystemNodes)}.{nameof(SystemNodeGroupOptions.MaxSize)}"] = "kubernetes.systemNodes.maxSize",
    });

    private static readonly PropertyKeys Karpenter = new("kubernetes.karpenter", new Dictionary<string, string>
    {
        [nameof(KarpenterAddOnProps.Version)] = "kubernetes.karpenter.version",
        [nameof(KarpenterAddOnProps.Replicas)] = "kubernetes.karpenter.replicas",
        [nameof(KarpenterAddOnProps.NodeClasses)] = "kubernetes.karpenter.amiAlias",
        ["NodeClasses[].Tags"] = "tags.additional",
        ["NodePools"] = "kubernetes.karpenter.nodePools",
        ["NodePools[]"] = "kubernetes.karpenter.nodePools[]",
        ["NodePools[].Name"] = "kubernetes.karpenter.nodePools[].name",
        ["NodePools[].CapacityTypes"] = "kubernetes.karpenter.nodePools[].capacityTypes",
        ["NodePools[].CapacityTypes[]"] = "kubernetes.karpenter.nodePools[].capacityTypes[]",
        ["NodePools[].Architectures"] = "kubernetes.karpenter.nodePools[].architectures",
        ["NodePools[].Architectures[]"] = "kubernetes.karpenter.nodePools[].architectures[]",
        ["NodePools[].InstanceCategories"] = "kubernetes.karpenter.nodePools[].instanceCategories",
        ["NodePools[].InstanceCategories[]"] = "kubernetes.karpenter.nodePools[].instanceCategories[]",
        ["NodePools[].InstanceGenerationGreaterThan"] = "kubernetes.karpenter.nodePools[].instanceGenerationGreaterThan",
        ["NodePools[].Labels"] = "kubernetes.karpenter.nodePools[].labels",
        ["NodePools[].Weight"] = "kubernetes.karpenter.nodePools[].weight",
        ["NodePools[].ExpireAfter"] = "kubernetes.karpenter.nodePools[].expireAfter",
        ["NodePools[].Limits"] = "kubernetes.karpenter.nodePools[]",
        ["NodePools[].Limits.Cpu"] = "kubernetes.karpenter.nodePools[].cpuLimit",
        ["NodePools[].Limits.Memory"] = "kubernetes.karpenter.nodePools[].memoryLimit",
        ["NodePools[].Disruption"] = "kubernetes.karpenter.nodePools[]",
        ["NodePools[].Disruption.ConsolidationPolicy"] = "kubernetes.karpenter.nodePools[].consolidationPolicy",
        ["NodePools[].Disruption.ConsolidateAfter"] = "kubernetes.karpenter.nodePools[].consolidateAfter",
        ["NodePools[].Disruption.Budgets"] = "kubernetes.karpenter.nodePools[].budgets",
        ["NodePools[].Disruption.Budgets[]"] = "kubernetes.karpenter.nodePools[].budgets[]",
        ["NodePools[].Disruption.Budgets[].Nodes"] = "kubernetes.karpenter.nodePools[].budgets[].nodes",
        ["NodePools[].Disruption.Budgets[].Schedule"] = "kubernetes.karpenter.nodePools[].budgets[].schedule",
        ["NodePools[].Disruption.Budgets[].Duration"] = "kubernetes.karpenter.nodePools[].budgets[].duration",
        ["NodePools[].Disruption.Budgets[].Reasons"] = "kubernetes.karpenter.nodePools[].budgets[].reasons",
    });

    private static readonly PropertyKeys DataBucket = new("storage.dataBucket", LifecycleKeys("storage.dataBucket.lifecycleRules", new Dictionary<string, string>
    {
        [nameof(LifecycleBucketProps.AbortIncompleteMultipartUploadAfterDays)] = "storage.dataBucket.abortIncompleteMultipartUploadDays",
        [nameof(LifecycleBucketProps.AutoDeleteObjects)] = "protection.retainStatefulResources",
        [nameof(LifecycleBucketProps.Replication)] = "storage.replicateToSecondaryRegion",
    }));

    private static readonly PropertyKeys AccessLogBucket = new("storage.accessLogs", new Dictionary<string, string>
    {
        ["LifecycleRules[].ExpireAfterDays"] = "storage.accessLogs.retentionDays",
    });

    private static readonly PropertyKeys Monitoring = new("observability", new Dictionary<string, string>
    {
        [nameof(KubePrometheusStackProps.PrometheusReplicas)] = "observability.prometheus.replicas",
        [nameof(KubePrometheusStackProps.Retention)] = "observability.prometheus.retention",
        [nameof(KubePrometheusStackProps.StorageGiB)] = "observability.prometheus.storageGiB",
        [nameof(KubePrometheusStackProps.PrometheusCpu)] = "observability.prometheus.cpu",
        [nameof(KubePrometheusStackProps.PrometheusMemory)] = "observability.prometheus.memory",
        [nameof(KubePrometheusStackProps.AlertmanagerReplicas)] = "observability.alertmanager.replicas",
    });

    private static readonly PropertyKeys Mesh = new("mesh", new Dictionary<string, string>
    {
        [nameof(IstioMeshProps.Version)] = "mesh.istioVersion",
        [nameof(IstioMeshProps.Revisioned)] = "mesh.revisioned",
        [nameof(IstioMeshProps.IstiodReplicas)] = "mesh.istiodReplicas",
        [nameof(IstioMeshProps.Gateway)] = "mesh.gateway",
        [$"{nameof(IstioMeshProps.Gateway)}.{nameof(IstioGatewayProps.MinReplicas)}"] = "mesh.gateway.minReplicas",
        [$"{nameof(IstioMeshProps.Gateway)}.{nameof(IstioGatewayProps.MaxReplicas)}"] = "mesh.gateway.maxReplicas",
        [$"{nameof(IstioMeshProps.Gateway)}.{nameof(IstioGatewayProps.InternetFacing)}"] = "mesh.gateway.internetFacing",
        [nameof(IstioMeshProps.IstiodCpu)] = "mesh.istiodCpu",
        [nameof(IstioMeshProps.IstiodMemory)] = "mesh.istiodMemory",
        [$"{nameof(IstioMeshProps.Gateway)}.{nameof(IstioGatewayProps.Cpu)}"] = "mesh.gateway.cpu",
        [$"{nameof(IstioMeshProps.Gateway)}.{nameof(IstioGatewayProps.Memory)}"] = "mesh.gateway.memory",
    });

    private static readonly PropertyKeys Cost = new("cost", new Dictionary<string, string>
    {
        [nameof(CostGuardrailsProps.Name)] = "(file name)",
        [nameof(CostGuardrailsProps.MonthlyBudgetUsd)] = "cost.monthlyBudgetUsd",
        [nameof(CostGuardrailsProps.ActualAlertPercents)] = "cost.actualAlertPercents",
        [$"{nameof(CostGuardrailsProps.ActualAlertPercents)}[]"] = "cost.actualAlertPercents[]",
        [$"{nameof(CostGuardrailsProps.ForecastAlertPercents)}[]"] = "cost.forecastAlertPercents[]",
        [nameof(CostGuardrailsProps.AlertEmails)] = "cost.alertEmails",
        [$"{nameof(CostGuardrailsProps.AlertEmails)}[]"] = "cost.alertEmails[]",
        [nameof(CostGuardrailsProps.AnomalyThresholdUsd)] = "cost.anomalyThresholdUsd",
    });

    /// <summary>Reports every problem the components find with <paramref name="config"/>'s settings.</summary>
    public static void Check(EnvironmentConfig config, ConfigContext context)
    {
        foreach (var (region, at) in RegionsWithKeys(config))
        {
            // The zones' region is checked against the table of known zones (AwsRegions), which names the real ones.
            var keys = new PropertyKeys("network", new Dictionary<string, string>(NetworkKeys(at)));
            keys.Report(VpcNetwork.Validate(NetworkStack.NetworkProps(config, region)), context);
        }

        Cluster.Report(EksCluster.Validate(ClusterStack.ClusterProps(config, null!, null!, ClusterStack.KubectlLayerZip)), context);
        // Karpenter's version is judged against the cluster's: when the cluster's version is refused, that problem speaks for both.
        var karpenter = KarpenterAddOn.Validate(ClusterStack.KarpenterProps(config, null!, null!, NodeRoleName, ClusterSecurityGroupId), config.Kubernetes.Version);
        Karpenter.Report(karpenter.Where(p => p.Property != nameof(KarpenterAddOnProps.Version) || !context.HasProblem("kubernetes.version")), context);
        foreach (var (region, _) in RegionsWithKeys(config))
        {
            var isHome = region.Name == config.PrimaryRegion.Name;
            DatabaseKeys(isHome).Report(AuroraPostgresCluster.Validate(DatabaseStack.ClusterProps(config, region, null!, null!, null!, [])), context);
        }

        DataBucket.Report(LifecycleBucket.Validate(StorageStack.DataBucketProps(config, null!, null)), context);
        AccessLogBucket.Report(LifecycleBucket.Validate(StorageStack.AccessLogBucketProps(config, EnvironmentStack.StatefulRemovalPolicyOf(config))), context);
        Monitoring.Report(KubePrometheusStack.Validate(PlatformStack.MonitoringProps(config, null!)), context);
        Mesh.Report(IstioMesh.Validate(PlatformStack.MeshProps(config, null!, null!, null!)), context);
        Cost.Report(CostGuardrails.Validate(PlatformStack.CostProps(config, null!, null!), config.PrimaryRegion.Name), context);
        CheckRecovery(config, context);
    }

    private static IEnumerable<(RegionConfig Region, string Key)> RegionsWithKeys(EnvironmentConfig config)
    {
        yield return (config.PrimaryRegion, "primaryRegion");
        if (config.SecondaryRegion is { } secondary)
        {
            yield return (secondary, "secondaryRegion");
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> NetworkKeys(string region)
    {
        foreach (var entry in new Dictionary<string, string>
        {
            [nameof(VpcNetworkProps.Cidr)] = $"{region}.vpcCidr",
            [nameof(VpcNetworkProps.AvailabilityZones)] = $"{region}.availabilityZones",
            [nameof(VpcNetworkProps.KarpenterDiscoveryTag)] = "(file name)",
        })
        {
            yield return entry;
        }

        foreach (var entry in Network.Entries)
        {
            yield return entry;
        }
    }

    // The home member's readers are database.capacity.readers; the secondary's instances are database.secondaryInstances.
    private static PropertyKeys DatabaseKeys(bool isHome) => new("database", new Dictionary<string, string>
    {
        [nameof(AuroraPostgresProps.ClusterIdentifier)] = "(file name)",
        [nameof(AuroraPostgresProps.EngineVersion)] = "database.engineVersion",
        [nameof(AuroraPostgresProps.Capacity)] = "database.capacity",
        [$"{nameof(AuroraPostgresProps.Capacity)}.{nameof(AuroraCapacity.MinAcu)}"] = "database.capacity.minAcu",
        [$"{nameof(AuroraPostgresProps.Capacity)}.{nameof(AuroraCapacity.MaxAcu)}"] = "database.capacity.maxAcu",
        [$"{nameof(AuroraPostgresProps.Capacity)}.{nameof(AuroraCapacity.SecondsUntilAutoPause)}"] = "database.capacity.secondsUntilAutoPause",
        [$"{nameof(AuroraPostgresProps.Capacity)}.{nameof(AuroraCapacity.InstanceClass)}"] = "database.capacity.instanceClass",
        [$"{nameof(AuroraPostgresProps.Capacity)}.{nameof(AuroraCapacity.Readers)}"] = isHome ? "database.capacity.readers" : "database.secondaryInstances",
        [nameof(AuroraPostgresProps.Global)] = "secondaryRegion",
        [$"{nameof(AuroraPostgresProps.Global)}.{nameof(GlobalDatabaseMembership.WriteForwarding)}"] = "database.writeForwarding",
        [nameof(AuroraPostgresProps.BackupRetentionDays)] = "database.backupRetentionDays",
        [nameof(AuroraPostgresProps.LogRetentionDays)] = "database.logRetentionDays",
        [nameof(AuroraPostgresProps.MonitoringIntervalSeconds)] = "database.monitoringIntervalSeconds",
    });

    // A bucket's lifecycle rules, as the file spells them under <paramref name="rules"/>.
    private static Dictionary<string, string> LifecycleKeys(string rules, Dictionary<string, string> others)
    {
        var members = new Dictionary<string, string>
        {
            [nameof(BucketLifecycleRule.Id)] = "id",
            [nameof(BucketLifecycleRule.Prefix)] = "prefix",
            [nameof(BucketLifecycleRule.TagFilters)] = "tagFilters",
            [nameof(BucketLifecycleRule.ObjectSizeGreaterThanBytes)] = "objectSizeGreaterThanBytes",
            [nameof(BucketLifecycleRule.ObjectSizeLessThanBytes)] = "objectSizeLessThanBytes",
            [nameof(BucketLifecycleRule.Transitions)] = "transitions",
            [$"{nameof(BucketLifecycleRule.Transitions)}[]"] = "transitions[]",
            [$"{nameof(BucketLifecycleRule.Transitions)}[].{nameof(LifecycleTransition.AfterDays)}"] = "transitions[].afterDays",
            [$"{nameof(BucketLifecycleRule.Transitions)}[].{nameof(LifecycleTransition.StorageClass)}"] = "transitions[].storageClass",
            [nameof(BucketLifecycleRule.ExpireAfterDays)] = "expireAfterDays",
            [nameof(BucketLifecycleRule.NoncurrentVersionTransitions)] = "noncurrentVersionTransitions",
            [$"{nameof(BucketLifecycleRule.NoncurrentVersionTransitions)}[]"] = "noncurrentVersionTransitions[]",
            [$"{nameof(BucketLifecycleRule.NoncurrentVersionTransitions)}[].{nameof(LifecycleTransition.AfterDays)}"] = "noncurrentVersionTransitions[].afterDays",
            [$"{nameof(BucketLifecycleRule.NoncurrentVersionTransitions)}[].{nameof(LifecycleTransition.StorageClass)}"] = "noncurrentVersionTransitions[].storageClass",
            [nameof(BucketLifecycleRule.NoncurrentVersionExpireAfterDays)] = "noncurrentVersionExpireAfterDays",
            [nameof(BucketLifecycleRule.NoncurrentVersionsToRetain)] = "noncurrentVersionsToRetain",
            [nameof(BucketLifecycleRule.AbortIncompleteMultipartUploadAfterDays)] = "abortIncompleteMultipartUploadDays",
            [nameof(BucketLifecycleRule.ExpiredObjectDeleteMarker)] = "expiredObjectDeleteMarker",
        };
        var keys = new Dictionary<string, string>(others)
        {
            [nameof(LifecycleBucketProps.LifecycleRules)] = rules,
            [$"{nameof(LifecycleBucketProps.LifecycleRules)}[]"] = $"{rules}[]",
        };
        foreach (var (member, key) in members)
        {
            keys[$"{nameof(LifecycleBucketProps.LifecycleRules)}[].{member}"] = $"{rules}[].{key}";
        }

        return keys;
    }
}
