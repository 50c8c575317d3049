using System.Collections.Generic;
using System.Linq;
using Amazon.CDK.AWS.EC2;
using Infra.Components.Network;
using Infra.Components.Storage;

namespace Infra.Stacks.Configuration;

/// <summary>
/// What an environment declares it is (its file's <c>profile</c>): decides which protections are mandatory, never its
/// name. A fourth environment (a load-test copy of prod, a team sandbox) picks the profile it must satisfy.
/// </summary>
public enum EnvironmentProfile
{
    /// <summary><c>development</c>: cheap and disposable; nothing beyond the general rules is required.</summary>
    Development = 0,

    /// <summary><c>preproduction</c>: shaped like production (a secondary region, retained data, a private API endpoint).</summary>
    Preproduction = 1,

    /// <summary>
    /// <c>production</c>: every stateful resource retained and protected, replicas for every controller, pinned node
    /// images; the policy pack's production rules apply to its templates.
    /// </summary>
    Production = 2,
}

/// <summary>One environment, loaded from <c>stacks/config/&lt;name&gt;.yaml</c> and validated as a whole.</summary>
public sealed record EnvironmentConfig
{
    /// <summary>The file the configuration came from (for messages).</summary>
    public required string SourceFile { get; init; }

    /// <summary>
    /// The environment's name: its file's name without <c>.yaml</c> (<c>dev</c>, <c>prod</c>, <c>loadtest</c>), which names
    /// its stage, stacks and cluster (<see cref="EnvironmentConfigLoader.NamePattern"/>).
    /// </summary>
    public required string Name { get; init; }

    /// <summary>What the environment declares it is: decides which protections are mandatory.</summary>
    public required EnvironmentProfile Profile { get; init; }

    /// <summary>The 12-digit AWS account every stack of the environment deploys to.</summary>
    public required string Account { get; init; }

    /// <summary>The primary region: everything lives here.</summary>
    public required RegionConfig PrimaryRegion { get; init; }

    /// <summary>The secondary (disaster-recovery) region; required in staging and prod.</summary>
    public RegionConfig? SecondaryRegion { get; init; }

    /// <summary>Cost-allocation and ownership tags.</summary>
    public required TagsConfig Tags { get; init; }

    /// <summary>Network settings, shared by every region.</summary>
    public required NetworkConfig Network { get; init; }

    /// <summary>Bucket settings.</summary>
    public required StorageConfig Storage { get; init; }

    /// <summary>Protections of stateful resources.</summary>
    public required ProtectionConfig Protection { get; init; }

    /// <summary>The EKS cluster and Karpenter.</summary>
    public required KubernetesConfig Kubernetes { get; init; }

    /// <summary>The Aurora PostgreSQL database.</summary>
    public required DatabaseConfig Database { get; init; }

    /// <summary>Monitoring on the cluster.</summary>
    public required ObservabilityConfig Observability { get; init; }

    /// <summary>The Istio mesh on the cluster.</summary>
    public required MeshConfig Mesh { get; init; }

    /// <summary>How the deploy workflow reaches the account.</summary>
    public required DeploymentConfig Deployment { get; init; }

    /// <summary>The monthly budget, its alerts and anomaly detection, and the usage assumptions of the cost estimate.</summary>
    public required CostConfig Cost { get; init; }
    /// <summary>The recovery objectives and the backups that hold them; <c>null</c> when the file declares none (no backups).</summary>
    public RecoveryConfig? Recovery { get; init; }

    /// <summary>The fault injection experiments; <c>null</c> when the file declares none.</summary>
    public ChaosConfig? Chaos { get; init; }

    /// <summary>The EKS cluster name, also the value of the <c>karpenter.sh/discovery</c> tag.</summary>
    public string ClusterName => $"infra-{Name}";

    /// <summary>The tags every taggable resource of the environment carries: the required four, then the additional ones.</summary>
    public IReadOnlyDictionary<string, string> ResourceTags => new Dictionary<string, string>
    {
        ["environment"] = Name,
        ["owner"] = Tags.Owner,
        ["cost-center"] = Tags.CostCenter,
        ["managed-by"] = "infra-cdk",
    }.Concat(Tags.Additional.Where(kv => !Stages.EnvironmentStage.RequiredTagKeys.Contains(kv.Key))).ToDictionary(kv => kv.Key, kv => kv.Value);

    /// <summary>The regions in use: the primary, then the secondary when there is one.</summary>
    public IReadOnlyList<RegionConfig> Regions => SecondaryRegion is null ? [PrimaryRegion] : [PrimaryRegion, SecondaryRegion];
}

/// <summary>A region in use and its VPC.</summary>
public sealed record RegionConfig
{
    /// <summary>The region name, for example <c>us-east-1</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The AZs to use, in order; append only.</summary>
    public required IReadOnlyList<string> AvailabilityZones { get; init; }

    /// <summary>The VPC's IPv4 range.</summary>
    public required string VpcCidr { get; init; }
}

/// <summary>Tags applied to every taggable resource of the environment.</summary>
public sealed record TagsConfig
{
    /// <summary>The owning team (tag <c>owner</c>).</summary>
    public required string Owner { get; init; }

    /// <summary>The cost center (tag <c>cost-center</c>).</summary>
    public required string CostCenter { get; init; }

    /// <summary>Any further tags.</summary>
    public IReadOnlyDictionary<string, string> Additional { get; init; } = new Dictionary<string, string>();
}

/// <summary>Network settings.</summary>
public sealed record NetworkConfig
{
    /// <summary>NAT strategy.</summary>
    public required NatGatewayStrategy NatGateways { get; init; }

    /// <summary>Subnet prefix length per tier.</summary>
    public required IReadOnlyDictionary<SubnetTier, int> SubnetMasks { get; init; }

    /// <summary>Flow logs.</summary>
    public required FlowLogConfig FlowLogs { get; init; }

    /// <summary>Interface endpoints (service short names).</summary>
    public IReadOnlyList<InterfaceEndpointService> InterfaceEndpoints { get; init; } = [];
}

/// <summary>Flow-log settings.</summary>
public sealed record FlowLogConfig
{
    /// <summary>Where records go.</summary>
    public required FlowLogTarget Destination { get; init; }

    /// <summary>Which traffic is recorded.</summary>
    public required FlowLogTrafficType TrafficType { get; init; }

    /// <summary>Days records are kept.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>Aggregation interval.</summary>
    public required FlowLogMaxAggregationInterval MaxAggregationInterval { get; init; }
}

/// <summary>Bucket settings.</summary>
public sealed record StorageConfig
{
    /// <summary>The data bucket's lifecycle rules.</summary>
    public required IReadOnlyList<BucketLifecycleRule> DataLifecycleRules { get; init; }

    /// <summary>Days after which incomplete multipart uploads are aborted.</summary>
    public required int AbortIncompleteMultipartUploadDays { get; init; }

    /// <summary>Days server access logs are kept.</summary>
    public required int AccessLogRetentionDays { get; init; }

    /// <summary>Replicate the data bucket to the secondary region.</summary>
    public required bool ReplicateToSecondaryRegion { get; init; }
}

/// <summary>Protections of stateful resources.</summary>
public sealed record ProtectionConfig
{
    /// <summary>Retain stateful resources when they leave a stack; off, dev buckets are emptied and deleted.</summary>
    public required bool RetainStatefulResources { get; init; }

    /// <summary>CloudFormation termination protection on stateful stacks.</summary>
    public required bool TerminationProtection { get; init; }
}
