using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

public sealed class KubernetesConfigTests
{
    [Fact]
    public void Loads_the_cluster_and_karpenter_settings()
    {
        var k8s = Infra.Stacks.Configuration.EnvironmentConfigLoader.Load(Dev, "dev.yaml").Kubernetes;
        Assert.Equal("1.35", k8s.Version);
        Assert.Equal(Infra.Components.Kubernetes.EndpointExposure.PublicAndPrivate, k8s.Endpoint);
        Assert.Equal(["203.0.113.0/24"], k8s.PublicAccessCidrs);
        Assert.Equal("1.14.1", k8s.Karpenter.Version);
        var pool = Assert.Single(k8s.Karpenter.NodePools);
        Assert.Equal([Infra.Components.Kubernetes.Karpenter.CapacityType.Spot, Infra.Components.Kubernetes.Karpenter.CapacityType.OnDemand], pool.CapacityTypes);
        Assert.Equal("30s", pool.ConsolidateAfter);
    }

    [Theory]
    [InlineData("  version: \"1.35\"", "  version: \"1.31\"", "dev.yaml:26: kubernetes.version: '1.31' is not supported; use one of 1.34, 1.35, 1.36.")]
    [InlineData("    version: 1.14.1", "    version: 1.8.3", "dev.yaml:37: kubernetes.karpenter.version: Karpenter 1.8.3 does not support Kubernetes 1.35; use 1.9.0 or later.")]
    [InlineData("  publicAccessCidrs: [203.0.113.0/24]", "  publicAccessCidrs: [0.0.0.0/0]", "dev.yaml:28: kubernetes.publicAccessCidrs[0]: '0.0.0.0/0' is not allowed; give canonical IPv4 CIDRs narrower than the whole internet.")]
    [InlineData("  publicAccessCidrs: [203.0.113.0/24]", "  publicAccessCidrs: []", "dev.yaml:28: kubernetes.publicAccessCidrs: is empty; a public endpoint needs the CIDRs allowed to reach it (office, VPN, CI), or use a private endpoint.")]
    [InlineData("  adminRoleArns: [\"arn:aws:iam::111111111111:role/platform-admin\"]", "  adminRoleArns: [\"platform-admin\"]", "dev.yaml:29: kubernetes.adminRoleArns[0]: 'platform-admin' is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>.")]
    [InlineData("  endpoint: publicAndPrivate", "  endpoint: public", "dev.yaml:27: kubernetes.endpoint: 'public' is not allowed; use one of: private, publicAndPrivate.")]
    [InlineData("  endpoint: publicAndPrivate", "  supportType: STANDARD\n  endpoint: publicAndPrivate", "dev.yaml:27: kubernetes.supportType: 'STANDARD' is not allowed; use one of: standard, extended.")]
    [InlineData("        capacityTypes: [spot, on-demand]", "        capacityTypes: [spot, ondemand]", "dev.yaml:42: kubernetes.karpenter.nodePools[0].capacityTypes[1]: 'ondemand' is not allowed; use one of: spot, on-demand, reserved.")]
    public void Rejects_a_bad_cluster_setting_at_its_key(string line, string replacement, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(Replace(Dev, line, replacement), "dev.yaml")));

    [Fact]
    public void Rejects_a_duration_karpenter_cannot_parse_at_the_pools_key()
    {
        var problem = Assert.Single(Problems(Replace(Dev, "        consolidateAfter: 30s", "        consolidateAfter: 30 seconds"), "dev.yaml"));
        Assert.StartsWith("dev.yaml:49: kubernetes.karpenter.nodePools[0].consolidateAfter: '30 seconds'", problem, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_requires_a_pinned_node_ami()
    {
        var problem = Assert.Single(Problems(Replace(Prod, "    amiAlias: al2023@v20260818", "    amiAlias: al2023@latest"), "prod.yaml"));
        Assert.Equal("prod.yaml:50: kubernetes.karpenter.amiAlias: 'al2023@latest' is not pinned; production nodes change only when the pin does. Use a released version such as al2023@v20260818.", problem);
    }

    [Fact]
    public void Prod_requires_two_karpenter_replicas_and_two_system_nodes()
    {
        var yaml = Replace(Replace(Prod, "    replicas: 2", "    replicas: 1"), "    minSize: 3", "    minSize: 1");
        Assert.Equal(
            [
                "prod.yaml:45: kubernetes.systemNodes.minSize: 1 cannot spread Karpenter's two replicas; use at least 2 (one per AZ is better).",
                "prod.yaml:49: kubernetes.karpenter.replicas: 1 leaves a production environment's node provisioning with a single point of failure; use 2.",
            ],
            Problems(yaml, "prod.yaml"));
    }

    [Fact]
    public void Takes_standard_support_unless_the_file_chooses_extended()
    {
        Assert.Equal(Infra.Components.Kubernetes.EksSupportType.Standard, Infra.Stacks.Configuration.EnvironmentConfigLoader.Load(Dev, "dev.yaml").Kubernetes.SupportType);
        var extended = Replace(Dev, "  endpoint: publicAndPrivate", "  supportType: extended\n  endpoint: publicAndPrivate");
        Assert.Equal(Infra.Components.Kubernetes.EksSupportType.Extended, Infra.Stacks.Configuration.EnvironmentConfigLoader.Load(extended, "dev.yaml").Kubernetes.SupportType);
    }

    [Fact]
    public void Dev_may_follow_the_latest_ami_with_one_replica() =>
        Assert.Equal(1, Infra.Stacks.Configuration.EnvironmentConfigLoader.Load(Dev, "dev.yaml").Kubernetes.Karpenter.Replicas);

    [Fact]
    public void Rejects_public_cidrs_on_a_private_endpoint_at_the_endpoint() =>
        Assert.Equal(
            "prod.yaml:39: kubernetes.endpoint: is private, but public access CIDRs are listed; open the endpoint to public and private access or remove the CIDRs.",
            Assert.Single(Problems(Replace(Prod, "  endpoint: private", "  endpoint: private\n  publicAccessCidrs: [203.0.113.0/24]"), "prod.yaml")));

    [Fact]
    public void Rejects_a_network_without_egress_for_the_cluster() =>
        Assert.Equal(
            "dev.yaml:11: network.natGateways: 'none' leaves the EKS cluster without egress: nodes and the kubectl handler pull images and charts from public registries. Use single or perAz.",
            Assert.Single(Problems(Replace(Dev, "  natGateways: single", "  natGateways: none"), "dev.yaml")));
}
