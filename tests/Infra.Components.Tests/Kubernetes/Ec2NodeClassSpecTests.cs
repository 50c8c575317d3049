using System.Collections.Generic;
using System.Text.Json;
using Infra.Components.Kubernetes.Karpenter;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

public sealed class Ec2NodeClassSpecTests
{
    private static readonly Dictionary<string, string> DevDiscovery = new() { ["karpenter.sh/discovery"] = "dev" };

    private static Ec2NodeClassSpec Dev() => new()
    {
        Name = "default",
        Role = "KarpenterNodeRole-dev",
        AmiSelectorTerms = [AmiSelectorTerm.ByAlias("al2023@latest")],
        SubnetSelectorTerms = [SubnetSelectorTerm.ByTags(DevDiscovery)],
        SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ByTags(DevDiscovery)],
    };

    private static Dictionary<string, object> Spec(Ec2NodeClassSpec nodeClass) => (Dictionary<string, object>)nodeClass.ToManifest()["spec"];

    [Fact]
    public void Renders_the_dev_node_class_exactly() =>
        Assert.Equal(
            ExpectedJson.Compact("""
            {
              "apiVersion": "karpenter.k8s.aws/v1",
              "kind": "EC2NodeClass",
              "metadata": { "name": "default" },
              "spec": {
                "role": "KarpenterNodeRole-dev",
                "amiSelectorTerms": [{ "alias": "al2023@latest" }],
                "subnetSelectorTerms": [{ "tags": { "karpenter.sh/discovery": "dev" } }],
                "securityGroupSelectorTerms": [{ "tags": { "karpenter.sh/discovery": "dev" } }],
                "metadataOptions": { "httpEndpoint": "enabled", "httpProtocolIPv6": "disabled", "httpPutResponseHopLimit": 1, "httpTokens": "required" }
              }
            }
            """),
            JsonSerializer.Serialize(Dev().ToManifest()));

    [Fact]
    public void Renders_the_prod_node_class_exactly()
    {
        var discovery = new Dictionary<string, string> { ["karpenter.sh/discovery"] = "prod" };
        var nodeClass = new Ec2NodeClassSpec
        {
            Name = "default",
            Role = "KarpenterNodeRole-prod",
            AmiSelectorTerms = [AmiSelectorTerm.ByAlias("al2023@v20261020")],
            SubnetSelectorTerms = [SubnetSelectorTerm.ByTags(discovery)],
            SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById("sg-0123456789abcdef0"), SecurityGroupSelectorTerm.ByTags(discovery)],
            BlockDeviceMappings = [new BlockDeviceMapping { Ebs = new BlockDevice { VolumeSize = "50Gi", KmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab" } }],
            Kubelet = new KubeletConfiguration { MaxPods = 110 },
            Tags = new Dictionary<string, string> { ["team"] = "platform", ["environment"] = "prod", ["cost-center"] = "cc-1234" },
        };

        Assert.Equal(
            ExpectedJson.Compact("""
            {
              "apiVersion": "karpenter.k8s.aws/v1",
              "kind": "EC2NodeClass",
              "metadata": { "name": "default" },
              "spec": {
                "role": "KarpenterNodeRole-prod",
                "amiSelectorTerms": [{ "alias": "al2023@v20261020" }],
                "subnetSelectorTerms": [{ "tags": { "karpenter.sh/discovery": "prod" } }],
                "securityGroupSelectorTerms": [{ "id": "sg-0123456789abcdef0" }, { "tags": { "karpenter.sh/discovery": "prod" } }],
                "metadataOptions": { "httpEndpoint": "enabled", "httpProtocolIPv6": "disabled", "httpPutResponseHopLimit": 1, "httpTokens": "required" },
                "blockDeviceMappings": [
                  {
                    "deviceName": "/dev/xvda",
                    "ebs": {
                      "volumeSize": "50Gi",
                      "volumeType": "gp3",
                      "encrypted": true,
                      "kmsKeyID": "1234abcd-12ab-34cd-56ef-1234567890ab",
                      "deleteOnTermination": true
                    }
                  }
                ],
                "kubelet": { "maxPods": 110 },
                "tags": { "cost-center": "cc-1234", "environment": "prod", "team": "platform" }
              }
            }
            """),
            JsonSerializer.Serialize(nodeClass.ToManifest()));
    }

    [Fact]
    public void Has_the_documented_defaults()
    {
        var nodeClass = Dev();
        Assert.Null(nodeClass.AmiFamily);
        Assert.Empty(nodeClass.BlockDeviceMappings);
        Assert.Null(nodeClass.Kubelet);
        Assert.Null(nodeClass.Tags);

        var imds = nodeClass.MetadataOptions;
        Assert.Equal(MetadataEndpointState.Enabled, imds.HttpEndpoint);
        Assert.Equal(MetadataEndpointState.Disabled, imds.HttpProtocolIpv6);
        Assert.Equal(1, imds.HttpPutResponseHopLimit);
        Assert.Equal(MetadataHttpTokens.Required, imds.HttpTokens);

        var mapping = new BlockDeviceMapping();
        Assert.Equal("/dev/xvda", mapping.DeviceName);
        Assert.False(mapping.RootVolume);
        Assert.Equal("20Gi", mapping.Ebs.VolumeSize);
        Assert.Equal(EbsVolumeType.Gp3, mapping.Ebs.VolumeType);
        Assert.True(mapping.Ebs.Encrypted);
        Assert.Null(mapping.Ebs.KmsKeyId);
        Assert.True(mapping.Ebs.DeleteOnTermination);

        Assert.Null(new KubeletConfiguration().MaxPods);
    }

    [Fact]
    public void Renders_a_default_block_device_as_an_encrypted_20_gib_gp3_root() =>
        Assert.Equal(
            """[{"deviceName":"/dev/xvda","ebs":{"volumeSize":"20Gi","volumeType":"gp3","encrypted":true,"deleteOnTermination":true}}]""",
            JsonSerializer.Serialize(Spec(Dev() with { BlockDeviceMappings = [new BlockDeviceMapping()] })["blockDeviceMappings"]));

    [Fact]
    public void Renders_bottlerocket_os_and_data_volumes_with_a_root_volume_flag()
    {
        var nodeClass = Dev() with
        {
            AmiSelectorTerms = [AmiSelectorTerm.ByAlias("bottlerocket@v1.20.4")],
            BlockDeviceMappings =
            [
                new BlockDeviceMapping { Ebs = new BlockDevice { VolumeSize = "4Gi" } },
                new BlockDeviceMapping { DeviceName = "/dev/xvdb", RootVolume = true, Ebs = new BlockDevice { VolumeType = EbsVolumeType.Io2, DeleteOnTermination = false } },
            ],
        };
        Assert.Equal(
            ExpectedJson.Compact("""
            [
              { "deviceName": "/dev/xvda", "ebs": { "volumeSize": "4Gi", "volumeType": "gp3", "encrypted": true, "deleteOnTermination": true } },
              {
                "deviceName": "/dev/xvdb",
                "ebs": { "volumeSize": "20Gi", "volumeType": "io2", "encrypted": true, "deleteOnTermination": false },
                "rootVolume": true
              }
            ]
            """),
            JsonSerializer.Serialize(Spec(nodeClass)["blockDeviceMappings"]));
    }

    [Fact]
    public void Renders_id_and_tag_ami_terms_with_an_ami_family()
    {
        var spec = Spec(Dev() with
        {
            AmiFamily = AmiFamily.Al2023,
            AmiSelectorTerms = [AmiSelectorTerm.ById("ami-0123456789abcdef0"), AmiSelectorTerm.ByTags(new Dictionary<string, string> { ["team"] = "platform" })],
        });
        Assert.Equal("AL2023", spec["amiFamily"]);
        Assert.Equal("""[{"id":"ami-0123456789abcdef0"},{"tags":{"team":"platform"}}]""", JsonSerializer.Serialize(spec["amiSelectorTerms"]));
    }

    [Fact]
    public void Renders_subnet_ids_and_security_group_names()
    {
        var spec = Spec(Dev() with
        {
            SubnetSelectorTerms = [SubnetSelectorTerm.ById("subnet-0123456789abcdef0")],
            SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ByName("eks-nodes")],
        });
        Assert.Equal("""[{"id":"subnet-0123456789abcdef0"}]""", JsonSerializer.Serialize(spec["subnetSelectorTerms"]));
        Assert.Equal("""[{"name":"eks-nodes"}]""", JsonSerializer.Serialize(spec["securityGroupSelectorTerms"]));
    }

    [Fact]
    public void Accepts_cdk_tokens_for_ids_and_keys()
    {
        var spec = Spec(Dev() with
        {
            SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById("${Token[TOKEN.123]}")],
            BlockDeviceMappings = [new BlockDeviceMapping { Ebs = new BlockDevice { KmsKeyId = "${Token[TOKEN.456]}" } }],
        });
        Assert.Equal("""[{"id":"${Token[TOKEN.123]}"}]""", JsonSerializer.Serialize(spec["securityGroupSelectorTerms"]));
        Assert.Equal("""[{"deviceName":"/dev/xvda","ebs":{"volumeSize":"20Gi","volumeType":"gp3","encrypted":true,"kmsKeyID":"${Token[TOKEN.456]}","deleteOnTermination":true}}]""", JsonSerializer.Serialize(spec["blockDeviceMappings"]));
    }

    [Fact]
    public void Writes_explicit_imds_settings()
    {
        var imds = (Dictionary<string, object>)Spec(Dev() with
        {
            MetadataOptions = new InstanceMetadataOptions { HttpPutResponseHopLimit = 2, HttpProtocolIpv6 = MetadataEndpointState.Enabled },
        })["metadataOptions"];
        Assert.Equal("enabled", imds["httpProtocolIPv6"]);
        Assert.Equal(2, imds["httpPutResponseHopLimit"]);
    }

    [Fact]
    public void Leaves_out_an_empty_kubelet_block() =>
        Assert.False(Spec(Dev() with { Kubelet = new KubeletConfiguration() }).ContainsKey("kubelet"));

    [Fact]
    public void Uses_the_v1_api()
    {
        var manifest = Dev().ToManifest();
        Assert.Equal("karpenter.k8s.aws/v1", manifest["apiVersion"]);
        Assert.Equal("EC2NodeClass", manifest["kind"]);
    }

    [Fact]
    public void Refuses_to_render_an_invalid_node_class_and_lists_every_problem()
    {
        var e = Assert.Throws<ConstructValidationException>(() => (Dev() with
        {
            Role = "",
            MetadataOptions = new InstanceMetadataOptions { HttpTokens = MetadataHttpTokens.Optional },
        }).ToManifest());
        Assert.Equal("default", e.ConstructPath);
        Assert.Equal(
            [
                "Role: empty; give the node IAM role's name, such as KarpenterNodeRole-my-cluster.",
                "MetadataOptions.HttpTokens: Optional allows IMDSv1; this project requires IMDSv2, so use Required.",
            ],
            e.Problems);
        Assert.StartsWith("Invalid Ec2NodeClassSpec for 'default' (2 problems):", e.Message, System.StringComparison.Ordinal);
    }
}
