using System.Collections.Generic;
using System.Linq;
using Infra.Components.Kubernetes.Karpenter;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

public sealed class Ec2NodeClassValidationTests
{
    private static readonly Dictionary<string, string> Discovery = new() { ["karpenter.sh/discovery"] = "prod" };

    private static Ec2NodeClassSpec Valid() => new()
    {
        Name = "default",
        Role = "KarpenterNodeRole-prod",
        AmiSelectorTerms = [AmiSelectorTerm.ByAlias("al2023@v20261020")],
        SubnetSelectorTerms = [SubnetSelectorTerm.ByTags(Discovery)],
        SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ByTags(Discovery)],
    };

    private static List<string> Problems(Ec2NodeClassSpec nodeClass, bool requirePinnedAmi = false) =>
        KarpenterManifestValidator.ValidateNodeClass(nodeClass, "NodeClasses[0]", requirePinnedAmi).Select(p => p.ToString()).ToList();

    private static string Problem(Ec2NodeClassSpec nodeClass, bool requirePinnedAmi = false) => Assert.Single(Problems(nodeClass, requirePinnedAmi));

    private static Ec2NodeClassSpec WithAlias(string alias) => Valid() with { AmiSelectorTerms = [AmiSelectorTerm.ByAlias(alias)] };

    private static Ec2NodeClassSpec WithEbs(BlockDevice ebs) => Valid() with { BlockDeviceMappings = [new BlockDeviceMapping { Ebs = ebs }] };

    [Fact]
    public void Accepts_a_fully_specified_node_class() =>
        Assert.Empty(Problems(Valid() with
        {
            SubnetSelectorTerms = [SubnetSelectorTerm.ById("subnet-0123456789abcdef0"), SubnetSelectorTerm.ByTags(Discovery)],
            SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById("${Token[TOKEN.123]}"), SecurityGroupSelectorTerm.ByName("eks-nodes")],
            MetadataOptions = new InstanceMetadataOptions { HttpPutResponseHopLimit = 64, HttpEndpoint = MetadataEndpointState.Enabled },
            BlockDeviceMappings =
            [
                new BlockDeviceMapping { Ebs = new BlockDevice { VolumeSize = "4Gi", KmsKeyId = "${Token[TOKEN.9]}" } },
                new BlockDeviceMapping { DeviceName = "/dev/xvdb", RootVolume = true, Ebs = new BlockDevice { VolumeSize = "1Ti", VolumeType = EbsVolumeType.Io2 } },
            ],
            Kubelet = new KubeletConfiguration { MaxPods = 110 },
            Tags = new Dictionary<string, string> { ["team"] = "platform", ["kubernetes.io/role"] = "node" },
        }, requirePinnedAmi: true));

    [Fact]
    public void Rejects_a_name_that_is_not_a_dns_label() =>
        Assert.Equal(
            "NodeClasses[0].Name: 'Default' is not a DNS-1123 label; use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit.",
            Problem(Valid() with { Name = "Default" }));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Requires_a_role(string role) =>
        Assert.Equal(
            "NodeClasses[0].Role: empty; give the node IAM role's name, such as KarpenterNodeRole-my-cluster.",
            Problem(Valid() with { Role = role }));

    [Fact]
    public void Rejects_a_role_arn() =>
        Assert.Equal(
            "NodeClasses[0].Role: 'arn:aws:iam::111122223333:role/KarpenterNodeRole-prod' is an ARN; give the role's name, such as KarpenterNodeRole-my-cluster.",
            Problem(Valid() with { Role = "arn:aws:iam::111122223333:role/KarpenterNodeRole-prod" }));

    [Fact]
    public void Requires_an_ami_selector_term() =>
        Assert.Equal(
            "NodeClasses[0].AmiSelectorTerms: none given; give one alias term such as al2023@v20261020, or id or tag terms with an AmiFamily.",
            Problem(Valid() with { AmiSelectorTerms = [] }));

    [Fact]
    public void Requires_exactly_one_selector_in_an_ami_term()
    {
        var problems = Problems(Valid() with
        {
            AmiFamily = AmiFamily.Al2023,
            AmiSelectorTerms = [new AmiSelectorTerm(), new AmiSelectorTerm { Id = "ami-0123456789abcdef0", Tags = Discovery }],
        });
        Assert.Equal(
            [
                "NodeClasses[0].AmiSelectorTerms[0]: set exactly one of Alias, Id or Tags.",
                "NodeClasses[0].AmiSelectorTerms[1]: set exactly one of Alias, Id or Tags.",
            ],
            problems);
    }

    [Fact]
    public void Requires_an_alias_term_to_be_the_only_term() =>
        Assert.Equal(
            "NodeClasses[0].AmiSelectorTerms: an Alias term must be the only term; 2 terms given.",
            Problem(Valid() with { AmiSelectorTerms = [AmiSelectorTerm.ByAlias("al2023@latest"), AmiSelectorTerm.ById("ami-0123456789abcdef0")] }));

    [Theory]
    [InlineData("al2023")]
    [InlineData("al2023@")]
    [InlineData("al2@v20240807")]
    [InlineData("ubuntu@latest")]
    [InlineData("AL2023@latest")]
    [InlineData("windows2025@latest")]
    [InlineData("al2023@v1@v2")]
    public void Rejects_an_alias_that_is_not_family_at_version(string alias) =>
        Assert.Equal(
            $"NodeClasses[0].AmiSelectorTerms[0].Alias: '{alias}' is not an AMI alias; use family@version with family al2023, bottlerocket, windows2019, windows2022, such as al2023@v20261020 or bottlerocket@v1.20.4.",
            Problem(WithAlias(alias)));

    [Theory]
    [InlineData("al2023@20261020")]
    [InlineData("al2023@v2026102")]
    [InlineData("al2023@v20261332")]
    [InlineData("al2023@v1.20.4")]
    public void Rejects_an_al2023_version_that_is_not_a_release_date(string alias) =>
        Assert.Equal(
            $"NodeClasses[0].AmiSelectorTerms[0].Alias: '{alias}' has no valid AL2023 version; use latest or a release date such as v20261020.",
            Problem(WithAlias(alias)));

    [Theory]
    [InlineData("bottlerocket@v20261020")]
    [InlineData("bottlerocket@v1.20")]
    [InlineData("bottlerocket@v01.2.3")]
    public void Rejects_a_bottlerocket_version_that_is_not_semver(string alias) =>
        Assert.Equal(
            $"NodeClasses[0].AmiSelectorTerms[0].Alias: '{alias}' has no valid Bottlerocket version; use latest or a release such as v1.20.4.",
            Problem(WithAlias(alias)));

    [Theory]
    [InlineData("windows2019@v20261020")]
    [InlineData("windows2022@1.0.0")]
    public void Rejects_a_pinned_windows_alias(string alias) =>
        Assert.Equal(
            $"NodeClasses[0].AmiSelectorTerms[0].Alias: '{alias}' pins a Windows AMI; Windows aliases only support latest.",
            Problem(WithAlias(alias)));

    [Theory]
    [InlineData("al2023@latest")]
    [InlineData("al2023@v20261020")]
    [InlineData("bottlerocket@latest")]
    [InlineData("bottlerocket@v1.20.4")]
    [InlineData("bottlerocket@1.20.4")]
    [InlineData("windows2019@latest")]
    [InlineData("windows2022@latest")]
    public void Accepts_the_aliases_karpenter_resolves(string alias) => Assert.Empty(Problems(WithAlias(alias)));

    [Theory]
    [InlineData("al2023@latest")]
    [InlineData("bottlerocket@latest")]
    public void Rejects_a_floating_alias_when_pinned_amis_are_required(string alias) =>
        Assert.Equal(
            $"NodeClasses[0].AmiSelectorTerms[0].Alias: '{alias}' floats to the newest AMI; pin a release such as al2023@v20261020 so nodes change only when the pin does.",
            Problem(WithAlias(alias), requirePinnedAmi: true));

    [Theory]
    [InlineData("al2023@v20261020", true)]
    [InlineData("bottlerocket@v1.20.4", true)]
    [InlineData("bottlerocket@1.20.4", true)]
    [InlineData("al2023@latest", false)]
    [InlineData("bottlerocket@latest", false)]
    [InlineData("windows2022@latest", false)]
    [InlineData("al2023@v20261332", false)]
    [InlineData("al2023", false)]
    [InlineData("", false)]
    public void Tells_pinned_aliases_from_floating_ones(string alias, bool pinned) =>
        Assert.Equal(pinned, KarpenterManifestValidator.IsPinned(alias));

    [Fact]
    public void Rejects_an_ami_id_without_the_ami_prefix() =>
        Assert.Equal(
            "NodeClasses[0].AmiSelectorTerms[0].Id: 'i-0123456789abcdef0' is not an AMI id such as ami-0123456789abcdef0.",
            Problem(Valid() with { AmiFamily = AmiFamily.Al2023, AmiSelectorTerms = [AmiSelectorTerm.ById("i-0123456789abcdef0")] }));

    [Fact]
    public void Requires_an_ami_family_without_an_alias() =>
        Assert.Equal(
            "NodeClasses[0].AmiFamily: required without an alias term; Karpenter needs it for the user data and default block devices.",
            Problem(Valid() with { AmiSelectorTerms = [AmiSelectorTerm.ByTags(Discovery)] }));

    [Fact]
    public void Rejects_an_ami_family_that_contradicts_the_alias() =>
        Assert.Equal(
            "NodeClasses[0].AmiFamily: Bottlerocket does not match the alias family Al2023; omit AmiFamily (the alias implies it) or use Custom.",
            Problem(Valid() with { AmiFamily = AmiFamily.Bottlerocket }));

    [Theory]
    [InlineData(AmiFamily.Al2023)]
    [InlineData(AmiFamily.Custom)]
    public void Accepts_the_alias_family_or_custom(AmiFamily family) => Assert.Empty(Problems(Valid() with { AmiFamily = family }));

    [Fact]
    public void Rejects_an_undefined_ami_family() =>
        Assert.Equal(
            "NodeClasses[0].AmiFamily: 0 is not an AMI family; use Al2023, Bottlerocket, Windows2019, Windows2022 or Custom.",
            Problem(Valid() with { AmiFamily = default(AmiFamily) }));

    [Fact]
    public void Rejects_selector_tags_beyond_twenty_and_empty_keys_or_values()
    {
        var many = Enumerable.Range(0, 21).ToDictionary(i => $"k{i}", i => "v");
        var problems = Problems(Valid() with
        {
            SubnetSelectorTerms = [SubnetSelectorTerm.ByTags(many)],
            SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ByTags(new Dictionary<string, string> { ["team"] = "" })],
        });
        Assert.Equal(
            [
                "NodeClasses[0].SubnetSelectorTerms[0].Tags: 21 tags given; a selector term takes at most 20.",
                "NodeClasses[0].SecurityGroupSelectorTerms[0].Tags['team']: empty tag keys and values are not supported; use '*' to match any value.",
            ],
            problems);
    }

    [Fact]
    public void Requires_a_subnet_selector_term() =>
        Assert.Equal(
            "NodeClasses[0].SubnetSelectorTerms: none given; select subnets by Tags (such as karpenter.sh/discovery) or by Id.",
            Problem(Valid() with { SubnetSelectorTerms = [] }));

    [Fact]
    public void Requires_exactly_one_selector_in_a_subnet_term() =>
        Assert.Equal(
            "NodeClasses[0].SubnetSelectorTerms[0]: set exactly one of Tags or Id.",
            Problem(Valid() with { SubnetSelectorTerms = [new SubnetSelectorTerm { Id = "subnet-0123456789abcdef0", Tags = Discovery }] }));

    [Fact]
    public void Rejects_a_subnet_id_without_the_subnet_prefix() =>
        Assert.Equal(
            "NodeClasses[0].SubnetSelectorTerms[0].Id: 'sg-0123456789abcdef0' is not a subnet id such as subnet-0123456789abcdef0.",
            Problem(Valid() with { SubnetSelectorTerms = [SubnetSelectorTerm.ById("sg-0123456789abcdef0")] }));

    [Fact]
    public void Requires_a_security_group_selector_term() =>
        Assert.Equal(
            "NodeClasses[0].SecurityGroupSelectorTerms: none given; select security groups by Tags, Id or Name.",
            Problem(Valid() with { SecurityGroupSelectorTerms = [] }));

    [Fact]
    public void Requires_exactly_one_selector_in_a_security_group_term() =>
        Assert.Equal(
            [
                "NodeClasses[0].SecurityGroupSelectorTerms[0]: set exactly one of Tags, Id or Name.",
                "NodeClasses[0].SecurityGroupSelectorTerms[1]: set exactly one of Tags, Id or Name.",
            ],
            Problems(Valid() with { SecurityGroupSelectorTerms = [new SecurityGroupSelectorTerm { Id = "sg-1", Name = "nodes" }, new SecurityGroupSelectorTerm { Name = "" }] }));

    [Fact]
    public void Rejects_a_security_group_id_without_the_sg_prefix() =>
        Assert.Equal(
            "NodeClasses[0].SecurityGroupSelectorTerms[0].Id: 'subnet-0123456789abcdef0' is not a security group id such as sg-0123456789abcdef0.",
            Problem(Valid() with { SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById("subnet-0123456789abcdef0")] }));

    [Fact]
    public void Requires_imdsv2() =>
        Assert.Equal(
            "NodeClasses[0].MetadataOptions.HttpTokens: Optional allows IMDSv1; this project requires IMDSv2, so use Required.",
            Problem(Valid() with { MetadataOptions = new InstanceMetadataOptions { HttpTokens = MetadataHttpTokens.Optional } }));

    [Fact]
    public void Rejects_an_undefined_token_setting() =>
        Assert.Equal(
            "NodeClasses[0].MetadataOptions.HttpTokens: 0 is not a token setting; use Required.",
            Problem(Valid() with { MetadataOptions = new InstanceMetadataOptions { HttpTokens = default } }));

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Rejects_a_hop_limit_outside_1_to_64(int hops) =>
        Assert.Equal(
            $"NodeClasses[0].MetadataOptions.HttpPutResponseHopLimit: {hops} must be between 1 and 64; 1 keeps pods on the pod network away from IMDS.",
            Problem(Valid() with { MetadataOptions = new InstanceMetadataOptions { HttpPutResponseHopLimit = hops } }));

    [Fact]
    public void Rejects_undefined_endpoint_states() =>
        Assert.Equal(
            [
                "NodeClasses[0].MetadataOptions.HttpEndpoint: 0 is not an endpoint state; use Enabled or Disabled.",
                "NodeClasses[0].MetadataOptions.HttpProtocolIpv6: 3 is not an endpoint state; use Enabled or Disabled.",
            ],
            Problems(Valid() with { MetadataOptions = new InstanceMetadataOptions { HttpEndpoint = default, HttpProtocolIpv6 = (MetadataEndpointState)3 } }));

    [Fact]
    public void Requires_encrypted_volumes() =>
        Assert.Equal(
            "NodeClasses[0].BlockDeviceMappings[0].Ebs.Encrypted: false is not allowed; this project requires encrypted volumes.",
            Problem(WithEbs(new BlockDevice { Encrypted = false })));

    [Fact]
    public void Rejects_gp2() =>
        Assert.Equal(
            "NodeClasses[0].BlockDeviceMappings[0].Ebs.VolumeType: Gp2 is not allowed; use Gp3 (cheaper, with IOPS independent of size).",
            Problem(WithEbs(new BlockDevice { VolumeType = EbsVolumeType.Gp2 })));

    [Fact]
    public void Rejects_an_undefined_volume_type() =>
        Assert.Equal(
            "NodeClasses[0].BlockDeviceMappings[0].Ebs.VolumeType: 0 is not a volume type; use Gp3, Io1, Io2, St1, Sc1 or Standard.",
            Problem(WithEbs(new BlockDevice { VolumeType = default })));

    [Theory]
    [InlineData("20")]
    [InlineData("20GB")]
    [InlineData("20Mi")]
    [InlineData("0Gi")]
    [InlineData("1.5Ti")]
    public void Rejects_a_volume_size_that_is_not_whole_gi_g_ti_or_t(string size) =>
        Assert.Equal(
            $"NodeClasses[0].BlockDeviceMappings[0].Ebs.VolumeSize: '{size}' is not a volume size; use a whole number of Gi, G, Ti or T, such as 20Gi or 1Ti.",
            Problem(WithEbs(new BlockDevice { VolumeSize = size })));

    [Fact]
    public void Rejects_an_empty_kms_key() =>
        Assert.Equal(
            "NodeClasses[0].BlockDeviceMappings[0].Ebs.KmsKeyId: empty; give a key id or ARN, or omit it for the account's default EBS key.",
            Problem(WithEbs(new BlockDevice { KmsKeyId = " " })));

    [Theory]
    [InlineData("xvda")]
    [InlineData("/dev/")]
    [InlineData("")]
    public void Rejects_a_device_name_outside_dev(string device) =>
        Assert.Equal(
            $"NodeClasses[0].BlockDeviceMappings[0].DeviceName: '{device}' is not a device name such as /dev/xvda.",
            Problem(Valid() with { BlockDeviceMappings = [new BlockDeviceMapping { DeviceName = device }] }));

    [Fact]
    public void Rejects_a_device_mapped_twice_and_two_root_volumes() =>
        Assert.Equal(
            [
                "NodeClasses[0].BlockDeviceMappings[1].DeviceName: '/dev/xvda' is mapped 2 times; map each device once.",
                "NodeClasses[0].BlockDeviceMappings: 2 mappings are marked RootVolume; mark at most one.",
            ],
            Problems(Valid() with { BlockDeviceMappings = [new BlockDeviceMapping { RootVolume = true }, new BlockDeviceMapping { RootVolume = true }] }));

    [Fact]
    public void Rejects_a_max_pods_below_one() =>
        Assert.Equal("NodeClasses[0].Kubelet.MaxPods: 0 must be at least 1.", Problem(Valid() with { Kubelet = new KubeletConfiguration { MaxPods = 0 } }));

    [Theory]
    [InlineData("eks:eks-cluster-name")]
    [InlineData("kubernetes.io/cluster/prod")]
    [InlineData("karpenter.sh/nodepool")]
    [InlineData("karpenter.sh/nodeclaim")]
    [InlineData("karpenter.k8s.aws/ec2nodeclass")]
    public void Rejects_tags_karpenter_sets_itself(string key) =>
        Assert.Equal(
            $"NodeClasses[0].Tags: '{key}' is a tag Karpenter sets itself; remove it.",
            Problem(Valid() with { Tags = new Dictionary<string, string> { [key] = "x" } }));

    [Fact]
    public void Rejects_an_empty_tag_key() =>
        Assert.Equal(
            "NodeClasses[0].Tags: '' is not a tag key; tag keys must not be empty.",
            Problem(Valid() with { Tags = new Dictionary<string, string> { [""] = "x" } }));
}
