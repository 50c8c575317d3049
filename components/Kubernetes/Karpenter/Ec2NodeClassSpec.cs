using System.Collections.Generic;
using System.Linq;
using Infra.Components.Kubernetes.Karpenter.Internal;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// A Karpenter <c>EC2NodeClass</c> (<c>karpenter.k8s.aws/v1</c>): the AWS side of a node: AMI, subnets, security
/// groups, node role, IMDS, volumes and tags. <see cref="ToManifest"/> renders the custom resource for
/// <c>KubernetesManifest</c>; problems are reported by <see cref="KarpenterManifestValidator"/>.
/// </summary>
public sealed record Ec2NodeClassSpec
{
    /// <summary>The API group, as NodePools reference it in <c>nodeClassRef.group</c>.</summary>
    public const string Group = "karpenter.k8s.aws";

    /// <summary>The custom resource's <c>apiVersion</c>.</summary>
    public const string ApiVersion = "karpenter.k8s.aws/v1";

    /// <summary>The custom resource's <c>kind</c>.</summary>
    public const string Kind = "EC2NodeClass";

    /// <summary>The EC2NodeClass's name (<c>metadata.name</c>), a DNS-1123 label that NodePools reference.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// The node IAM role's name (<c>role</c>), not its ARN, such as <c>KarpenterNodeRole-my-cluster</c>. Karpenter
    /// creates and owns the instance profile; the role needs an <c>EC2_LINUX</c> access entry.
    /// </summary>
    public required string Role { get; init; }

    /// <summary>The AMIs nodes boot from: one alias term, or id and tag terms with an <see cref="AmiFamily"/>.</summary>
    public required IReadOnlyList<AmiSelectorTerm> AmiSelectorTerms { get; init; }

    /// <summary>The subnets nodes are launched in; terms are ORed.</summary>
    public required IReadOnlyList<SubnetSelectorTerm> SubnetSelectorTerms { get; init; }

    /// <summary>The security groups nodes get; terms are ORed.</summary>
    public required IReadOnlyList<SecurityGroupSelectorTerm> SecurityGroupSelectorTerms { get; init; }

    /// <summary>The AMI family (<c>amiFamily</c>): required without an alias term; with one it may only repeat its family or be Custom.</summary>
    /// <value>Omitted: inferred from the alias term.</value>
    public AmiFamily? AmiFamily { get; init; }

    /// <summary>IMDS settings (<c>metadataOptions</c>); always written, so the manifest states the node's IMDS posture.</summary>
    /// <value>IMDSv2 required, hop limit 1, IPv6 endpoint off.</value>
    public InstanceMetadataOptions MetadataOptions { get; init; } = new();

    /// <summary>
    /// Block devices (<c>blockDeviceMappings</c>). Any mapping replaces all of the AMI family's defaults, so for a
    /// customer-managed KMS key on AL2023 give one <c>new BlockDeviceMapping { Ebs = new() { KmsKeyId = ... } }</c>.
    /// </summary>
    /// <value>Omitted: Karpenter's AMI-family defaults, encrypted gp3 with the account's default EBS key (AL2023: 20 GiB root).</value>
    public IReadOnlyList<BlockDeviceMapping> BlockDeviceMappings { get; init; } = [];

    /// <summary>Kubelet overrides (<c>kubelet</c>).</summary>
    /// <value>Omitted: the AMI's kubelet defaults.</value>
    public KubeletConfiguration? Kubelet { get; init; }

    /// <summary>
    /// Tags on the instances, volumes, network interfaces and launch templates Karpenter creates (<c>tags</c>), for cost
    /// allocation. Karpenter's own tags (cluster, nodepool, nodeclaim, ec2nodeclass) cannot be set.
    /// </summary>
    /// <value>Omitted: only Karpenter's own tags.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// Renders the <c>EC2NodeClass</c> custom resource as nested dictionaries, arrays and scalars for
    /// <c>KubernetesManifest</c>. Throws <see cref="ConstructValidationException"/> listing every problem first.
    /// </summary>
    public IDictionary<string, object> ToManifest()
    {
        var problems = KarpenterManifestValidator.ValidateNodeClass(this, string.Empty);
        if (problems.Count > 0)
        {
            throw new ConstructValidationException(Name, nameof(Ec2NodeClassSpec), problems);
        }

        var spec = new Dictionary<string, object> { ["role"] = Role };
        if (AmiFamily is { } family)
        {
            spec["amiFamily"] = ManifestValues.Of(family);
        }

        spec["amiSelectorTerms"] = AmiSelectorTerms.Select(RenderAmiTerm).ToArray();
        spec["subnetSelectorTerms"] = SubnetSelectorTerms.Select(t => Term(t.Tags, ("id", t.Id))).ToArray();
        spec["securityGroupSelectorTerms"] = SecurityGroupSelectorTerms.Select(t => Term(t.Tags, ("id", t.Id), ("name", t.Name))).ToArray();
        spec["metadataOptions"] = new Dictionary<string, object>
        {
            ["httpEndpoint"] = ManifestValues.Of(MetadataOptions.HttpEndpoint),
            ["httpProtocolIPv6"] = ManifestValues.Of(MetadataOptions.HttpProtocolIpv6),
            ["httpPutResponseHopLimit"] = MetadataOptions.HttpPutResponseHopLimit,
            ["httpTokens"] = ManifestValues.Of(MetadataOptions.HttpTokens),
        };
        if (BlockDeviceMappings.Count > 0)
        {
            spec["blockDeviceMappings"] = BlockDeviceMappings.Select(RenderMapping).ToArray();
        }

        if (Kubelet is { MaxPods: { } maxPods })
        {
            spec["kubelet"] = new Dictionary<string, object> { ["maxPods"] = maxPods };
        }

        if (Tags is { Count: > 0 })
        {
            spec["tags"] = ManifestValues.Sorted(Tags);
        }

        return new Dictionary<string, object>
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = new Dictionary<string, object> { ["name"] = Name },
            ["spec"] = spec,
        };
    }

    private static Dictionary<string, object> RenderAmiTerm(AmiSelectorTerm term) => Term(term.Tags, ("alias", term.Alias), ("id", term.Id));

    private static Dictionary<string, object> Term(IReadOnlyDictionary<string, string>? tags, params (string Key, string? Value)[] fields)
    {
        var rendered = new Dictionary<string, object>();
        foreach (var (key, value) in fields)
        {
            if (!string.IsNullOrEmpty(value))
            {
                rendered[key] = value;
            }
        }

        if (tags is { Count: > 0 })
        {
            rendered["tags"] = ManifestValues.Sorted(tags);
        }

        return rendered;
    }

    private static object RenderMapping(BlockDeviceMapping mapping)
    {
        var ebs = new Dictionary<string, object>
        {
            ["volumeSize"] = mapping.Ebs.VolumeSize,
            ["volumeType"] = ManifestValues.Of(mapping.Ebs.VolumeType),
            ["encrypted"] = mapping.Ebs.Encrypted,
        };
        if (mapping.Ebs.KmsKeyId is not null)
        {
            ebs["kmsKeyID"] = mapping.Ebs.KmsKeyId;
        }

        ebs["deleteOnTermination"] = mapping.Ebs.DeleteOnTermination;
        var rendered = new Dictionary<string, object> { ["deviceName"] = mapping.DeviceName, ["ebs"] = ebs };
        if (mapping.RootVolume)
        {
            rendered["rootVolume"] = true;
        }

        return rendered;
    }
}
