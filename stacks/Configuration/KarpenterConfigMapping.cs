using System;
using System.Collections.Generic;
using System.Linq;
using Infra.Components.Kubernetes.Karpenter;

namespace Infra.Stacks.Configuration;

/// <summary>Turns the environment file's Karpenter settings into typed NodePool and EC2NodeClass specs.</summary>
public static class KarpenterConfigMapping
{
    /// <summary>The node class every pool uses.</summary>
    public const string NodeClassName = "default";

    /// <summary>The capacity types a pool may list, as the YAML spells them.</summary>
    internal static readonly Dictionary<string, CapacityType> CapacityTypes = new(StringComparer.Ordinal)
    {
        ["spot"] = CapacityType.Spot, ["on-demand"] = CapacityType.OnDemand, ["reserved"] = CapacityType.Reserved,
    };

    /// <summary>The architectures a pool may list, as the YAML spells them.</summary>
    internal static readonly Dictionary<string, CpuArchitecture> Architectures = new(StringComparer.Ordinal)
    {
        ["amd64"] = CpuArchitecture.Amd64, ["arm64"] = CpuArchitecture.Arm64,
    };

    /// <summary>The consolidation policies, as the YAML spells them.</summary>
    internal static readonly Dictionary<string, ConsolidationPolicy> ConsolidationPolicies = new(StringComparer.Ordinal)
    {
        ["whenEmpty"] = ConsolidationPolicy.WhenEmpty, ["whenEmptyOrUnderutilized"] = ConsolidationPolicy.WhenEmptyOrUnderutilized,
    };

    /// <summary>The disruption reasons a budget may list, as the YAML spells them.</summary>
    internal static readonly Dictionary<string, DisruptionReason> Reasons = new(StringComparer.Ordinal)
    {
        ["Empty"] = DisruptionReason.Empty, ["Drifted"] = DisruptionReason.Drifted, ["Underutilized"] = DisruptionReason.Underutilized,
    };

    /// <summary>Whether an AMI alias names one release rather than <c>@latest</c>.</summary>
    public static bool IsPinned(string alias) => KarpenterManifestValidator.IsPinned(alias);

    /// <summary>The node pools of <paramref name="config"/>, all using <see cref="NodeClassName"/>.</summary>
    public static IReadOnlyList<NodePoolSpec> NodePools(KarpenterConfig config) =>
        config.NodePools.Select(p => new NodePoolSpec
        {
            Name = p.Name,
            NodeClassName = NodeClassName,
            CapacityTypes = p.CapacityTypes,
            Architectures = p.Architectures,
            InstanceCategories = p.InstanceCategories,
            InstanceGenerationGreaterThan = p.InstanceGenerationGreaterThan,
            Labels = p.Labels,
            Weight = p.Weight,
            ExpireAfter = p.ExpireAfter,
            Limits = new NodePoolLimits { Cpu = p.CpuLimit, Memory = p.MemoryLimit },
            Disruption = new NodePoolDisruption
            {
                ConsolidationPolicy = p.ConsolidationPolicy,
                ConsolidateAfter = p.ConsolidateAfter,
                Budgets = p.Budgets.Select(b => new DisruptionBudget
                {
                    Nodes = b.Nodes,
                    Schedule = b.Schedule,
                    Duration = b.Duration,
                    Reasons = b.Reasons,
                }).ToArray(),
            },
        }).ToList();

    /// <summary>The node class: the node role, the AMI alias, subnets by the discovery tag, the given security group, IMDSv2, encrypted gp3, cost tags.</summary>
    public static Ec2NodeClassSpec NodeClass(KarpenterConfig config, string nodeRoleName, string clusterName, string securityGroupId, IReadOnlyDictionary<string, string> tags) => new()
    {
        Name = NodeClassName,
        Role = nodeRoleName,
        AmiSelectorTerms = [AmiSelectorTerm.ByAlias(config.AmiAlias)],
        SubnetSelectorTerms = [SubnetSelectorTerm.ByTags(new Dictionary<string, string> { ["karpenter.sh/discovery"] = clusterName })],
        SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById(securityGroupId)],
        // Stated rather than left to Karpenter's default: an encrypted gp3 root volume (the account's EBS key; a
        // customer-managed key would need grants for EC2 and the Spot service-linked roles).
        BlockDeviceMappings = [new BlockDeviceMapping { RootVolume = true, Ebs = new BlockDevice { VolumeSize = "50Gi", VolumeType = EbsVolumeType.Gp3, Encrypted = true } }],
        Tags = tags,
    };
}
