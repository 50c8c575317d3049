using System.Collections.Generic;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// The AMI family (<c>amiFamily</c>): it decides the user-data format and the default block devices. An alias term
/// implies it; without an alias it is required.
/// </summary>
public enum AmiFamily
{
    /// <summary><c>AL2023</c>: Amazon Linux 2023 (nodeadm user data).</summary>
    Al2023 = 1,

    /// <summary><c>Bottlerocket</c>: TOML user data; an OS volume at <c>/dev/xvda</c> and a data volume at <c>/dev/xvdb</c>.</summary>
    Bottlerocket = 2,

    /// <summary><c>Windows2019</c>.</summary>
    Windows2019 = 3,

    /// <summary><c>Windows2022</c>.</summary>
    Windows2022 = 4,

    /// <summary><c>Custom</c>: Karpenter writes no user data and no default block devices.</summary>
    Custom = 5,
}

/// <summary>
/// Selects the AMIs nodes boot from. Set exactly one of <see cref="Alias"/>, <see cref="Id"/> or <see cref="Tags"/>;
/// an alias term must be the only term.
/// </summary>
public sealed record AmiSelectorTerm
{
    /// <summary>
    /// An EKS-optimized AMI as <c>family@version</c>: <c>al2023@v20261020</c>, <c>bottlerocket@v1.20.4</c>, or
    /// <c>@latest</c> (which drifts every node when AWS publishes an AMI; pin in production).
    /// </summary>
    /// <value>Omitted: select by <see cref="Id"/> or <see cref="Tags"/>.</value>
    public string? Alias { get; init; }

    /// <summary>An AMI id, such as <c>ami-0123456789abcdef0</c>.</summary>
    /// <value>Omitted: select by <see cref="Alias"/> or <see cref="Tags"/>.</value>
    public string? Id { get; init; }

    /// <summary>AMIs with all of these tags (a value of <c>*</c> matches any value); 1 to 20 tags.</summary>
    /// <value>Omitted: select by <see cref="Alias"/> or <see cref="Id"/>.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Selects an EKS-optimized AMI by alias, such as <c>al2023@v20261020</c>.</summary>
    public static AmiSelectorTerm ByAlias(string alias) => new() { Alias = alias };

    /// <summary>Selects one AMI by id.</summary>
    public static AmiSelectorTerm ById(string id) => new() { Id = id };

    /// <summary>Selects AMIs by tags.</summary>
    public static AmiSelectorTerm ByTags(IReadOnlyDictionary<string, string> tags) => new() { Tags = tags };
}

/// <summary>Selects the subnets nodes are launched in. Set exactly one of <see cref="Tags"/> or <see cref="Id"/>.</summary>
public sealed record SubnetSelectorTerm
{
    /// <summary>Subnets with all of these tags, such as <c>karpenter.sh/discovery: my-cluster</c>; 1 to 20 tags.</summary>
    /// <value>Omitted: select by <see cref="Id"/>.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>A subnet id, such as <c>subnet-0123456789abcdef0</c> (a CDK token is fine).</summary>
    /// <value>Omitted: select by <see cref="Tags"/>.</value>
    public string? Id { get; init; }

    /// <summary>Selects subnets by tags.</summary>
    public static SubnetSelectorTerm ByTags(IReadOnlyDictionary<string, string> tags) => new() { Tags = tags };

    /// <summary>Selects one subnet by id.</summary>
    public static SubnetSelectorTerm ById(string id) => new() { Id = id };
}

/// <summary>Selects the security groups nodes get. Set exactly one of <see cref="Tags"/>, <see cref="Id"/> or <see cref="Name"/>.</summary>
public sealed record SecurityGroupSelectorTerm
{
    /// <summary>Security groups with all of these tags; 1 to 20 tags.</summary>
    /// <value>Omitted: select by <see cref="Id"/> or <see cref="Name"/>.</value>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// A security group id, such as <c>sg-0123456789abcdef0</c>; a CDK token such as
    /// <c>cluster.ClusterSecurityGroupId</c> is fine.
    /// </summary>
    /// <value>Omitted: select by <see cref="Tags"/> or <see cref="Name"/>.</value>
    public string? Id { get; init; }

    /// <summary>A security group name (the group's name, not its <c>Name</c> tag).</summary>
    /// <value>Omitted: select by <see cref="Tags"/> or <see cref="Id"/>.</value>
    public string? Name { get; init; }

    /// <summary>Selects security groups by tags.</summary>
    public static SecurityGroupSelectorTerm ByTags(IReadOnlyDictionary<string, string> tags) => new() { Tags = tags };

    /// <summary>Selects one security group by id.</summary>
    public static SecurityGroupSelectorTerm ById(string id) => new() { Id = id };

    /// <summary>Selects a security group by name.</summary>
    public static SecurityGroupSelectorTerm ByName(string name) => new() { Name = name };
}

/// <summary>Whether an instance metadata endpoint is on.</summary>
public enum MetadataEndpointState
{
    /// <summary><c>enabled</c>.</summary>
    Enabled = 1,

    /// <summary><c>disabled</c>.</summary>
    Disabled = 2,
}

/// <summary>Whether instance metadata requests need a session token (IMDSv2).</summary>
public enum MetadataHttpTokens
{
    /// <summary><c>required</c>: IMDSv2 only.</summary>
    Required = 1,

    /// <summary><c>optional</c>: IMDSv1 allowed too. This project rejects it.</summary>
    Optional = 2,
}

/// <summary>
/// Instance Metadata Service settings of the nodes' launch template (<c>metadataOptions</c>). The defaults are the
/// secure ones (and the CRD's): IMDSv2 only, one hop, so pods on the pod network cannot read the node's credentials.
/// </summary>
public sealed record InstanceMetadataOptions
{
    /// <summary>The IMDS endpoint (<c>httpEndpoint</c>).</summary>
    /// <value><see cref="MetadataEndpointState.Enabled"/>: nodes need IMDS to bootstrap.</value>
    public MetadataEndpointState HttpEndpoint { get; init; } = KarpenterDefaults.HttpEndpoint;

    /// <summary>The IMDS IPv6 endpoint (<c>httpProtocolIPv6</c>).</summary>
    /// <value><see cref="MetadataEndpointState.Disabled"/>.</value>
    public MetadataEndpointState HttpProtocolIpv6 { get; init; } = KarpenterDefaults.HttpProtocolIpv6;

    /// <summary>How many network hops an IMDS response may travel (<c>httpPutResponseHopLimit</c>), 1 to 64.</summary>
    /// <value>1: containers on the pod network cannot reach IMDS; use Pod Identity for pod credentials.</value>
    public int HttpPutResponseHopLimit { get; init; } = KarpenterDefaults.HttpPutResponseHopLimit;

    /// <summary>Session tokens (<c>httpTokens</c>); must be <see cref="MetadataHttpTokens.Required"/> here.</summary>
    /// <value><see cref="MetadataHttpTokens.Required"/>: IMDSv2 only.</value>
    public MetadataHttpTokens HttpTokens { get; init; } = KarpenterDefaults.HttpTokens;
}

/// <summary>The EBS volume type of a block device (<c>volumeType</c>).</summary>
public enum EbsVolumeType
{
    /// <summary><c>gp3</c>: general purpose SSD with IOPS independent of size.</summary>
    Gp3 = 1,

    /// <summary><c>gp2</c>: previous-generation general purpose SSD. This project rejects it; use gp3.</summary>
    Gp2 = 2,

    /// <summary><c>io1</c>: provisioned IOPS SSD.</summary>
    Io1 = 3,

    /// <summary><c>io2</c>: provisioned IOPS SSD, higher durability.</summary>
    Io2 = 4,

    /// <summary><c>st1</c>: throughput-optimized HDD (not bootable).</summary>
    St1 = 5,

    /// <summary><c>sc1</c>: cold HDD (not bootable).</summary>
    Sc1 = 6,

    /// <summary><c>standard</c>: magnetic, previous generation.</summary>
    Standard = 7,
}

/// <summary>An EBS volume of a block device mapping (<c>ebs</c>).</summary>
public sealed record BlockDevice
{
    /// <summary>The size, as a whole number of <c>Gi</c>, <c>G</c>, <c>Ti</c> or <c>T</c> (<c>volumeSize</c>).</summary>
    /// <value><c>"20Gi"</c>, Karpenter's AL2023 root volume size.</value>
    public string VolumeSize { get; init; } = KarpenterDefaults.VolumeSize;

    /// <summary>The volume type (<c>volumeType</c>).</summary>
    /// <value><see cref="EbsVolumeType.Gp3"/>.</value>
    public EbsVolumeType VolumeType { get; init; } = KarpenterDefaults.VolumeType;

    /// <summary>Whether the volume is encrypted (<c>encrypted</c>); must be <c>true</c> here.</summary>
    /// <value><c>true</c>.</value>
    public bool Encrypted { get; init; } = KarpenterDefaults.Encrypted;

    /// <summary>The KMS key that encrypts the volume (<c>kmsKeyID</c>): a key id or ARN; a CDK token is fine.</summary>
    /// <value>Omitted: the account's default EBS key for the region.</value>
    public string? KmsKeyId { get; init; }

    /// <summary>Whether the volume is deleted with the instance (<c>deleteOnTermination</c>).</summary>
    /// <value><c>true</c>.</value>
    public bool DeleteOnTermination { get; init; } = KarpenterDefaults.DeleteOnTermination;
}

/// <summary>
/// A block device of the nodes' launch template. Giving any mapping replaces all of Karpenter's AMI-family defaults,
/// so a Bottlerocket node class must map both <c>/dev/xvda</c> (OS) and <c>/dev/xvdb</c> (data).
/// </summary>
public sealed record BlockDeviceMapping
{
    /// <summary>The device name (<c>deviceName</c>).</summary>
    /// <value><c>/dev/xvda</c>, the root device of AL2023 and Bottlerocket AMIs.</value>
    public string DeviceName { get; init; } = KarpenterDefaults.DeviceName;

    /// <summary>The EBS volume (<c>ebs</c>).</summary>
    /// <value>A 20 GiB encrypted gp3 volume deleted with the instance.</value>
    public BlockDevice Ebs { get; init; } = new();

    /// <summary>Whether this volume is the kubelet root directory (<c>rootVolume</c>); at most one mapping.</summary>
    /// <value><c>false</c>: not written; the AMI decides.</value>
    public bool RootVolume { get; init; }
}

/// <summary>Kubelet overrides of the nodes (<c>kubelet</c>). Only the commonly needed setting is typed.</summary>
public sealed record KubeletConfiguration
{
    /// <summary>The most pods per node (<c>maxPods</c>), for example 110 with VPC CNI prefix delegation.</summary>
    /// <value>Omitted: the AMI's ENI-based value for the instance type.</value>
    public int? MaxPods { get; init; }
}
