using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>What prod must have and the other tiers may leave out.</summary>
public sealed class ProdProtectionTests
{
    [Theory]
    [InlineData("  retainStatefulResources: true", "  retainStatefulResources: false",
        "prod.yaml:35: protection.retainStatefulResources: is false; production must retain every stateful resource. Set it to true.")]
    [InlineData("  terminationProtection: true", "  terminationProtection: false",
        "prod.yaml:36: protection.terminationProtection: is false; a production environment's stateful stacks must have termination protection. Set it to true.")]
    [InlineData("  natGateways: perAz", "  natGateways: single",
        "prod.yaml:15: network.natGateways: 'single' leaves production with a single point of failure; use perAz.")]
    [InlineData("  natGateways: perAz", "  natGateways: none",
        "prod.yaml:15: network.natGateways: 'none' leaves the EKS cluster without egress: nodes and the kubectl handler pull images and charts from public registries. Use single or perAz.")]
    [InlineData("    trafficType: all", "    trafficType: reject",
        "prod.yaml:18: network.flowLogs.trafficType: production records all traffic for incident response; use all.")]
    [InlineData("    trafficType: all", "    trafficType: accept",
        "prod.yaml:18: network.flowLogs.trafficType: production records all traffic for incident response; use all.")]
    [InlineData("  replicateToSecondaryRegion: true", "  replicateToSecondaryRegion: false",
        "prod.yaml:33: storage.replicateToSecondaryRegion: is false; production data is replicated to the secondary region. Set it to true.")]
    public void Rejects_prod_without_a_protection(string line, string replacement, string expected)
    {
        var yaml = Replace(Prod, line, replacement);

        Assert.Equal(expected, Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_prod_without_a_secondary_region()
    {
        var yaml = RemoveBlock(Prod, "secondaryRegion:");

        Assert.Equal(
            "prod.yaml: secondaryRegion: is missing; prod needs a secondary region for disaster recovery (the replicated bucket, the global database).",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Reports_every_missing_protection_of_prod_together()
    {
        var yaml = Replace(Prod, "  retainStatefulResources: true", "  retainStatefulResources: false");
        yaml = Replace(yaml, "  terminationProtection: true", "  terminationProtection: false");
        yaml = Replace(yaml, "  natGateways: perAz", "  natGateways: single");

        Assert.Equal(
            [
                "prod.yaml:15: network.natGateways: 'single' leaves production with a single point of failure; use perAz.",
                "prod.yaml:35: protection.retainStatefulResources: is false; production must retain every stateful resource. Set it to true.",
                "prod.yaml:36: protection.terminationProtection: is false; a production environment's stateful stacks must have termination protection. Set it to true.",
            ],
            Problems(yaml, "prod.yaml"));
    }

    [Theory]
    [InlineData("  retainStatefulResources: true", "  retainStatefulResources: false")]
    [InlineData("  terminationProtection: true", "  terminationProtection: false")]
    [InlineData("  natGateways: perAz", "  natGateways: single")]
    [InlineData("    trafficType: all", "    trafficType: reject")]
    [InlineData("  replicateToSecondaryRegion: true", "  replicateToSecondaryRegion: false")]
    public void Lets_staging_leave_out_a_prod_protection(string line, string replacement)
    {
        var yaml = Replace(Staging, line, replacement);

        Assert.Equal("staging", EnvironmentConfigLoader.Load(yaml, "staging.yaml").Name);
    }
}
