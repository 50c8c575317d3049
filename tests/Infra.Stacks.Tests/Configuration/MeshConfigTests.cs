using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

public sealed class MeshConfigTests
{
    [Fact]
    public void Loads_the_mesh_settings() =>
        Assert.Equal(new MeshConfig { IstioVersion = "1.31.1", Revisioned = true, IstiodReplicas = 2, GatewayInternetFacing = false, GatewayMinReplicas = 2, GatewayMaxReplicas = 4 }, EnvironmentConfigLoader.Load(Prod, "prod.yaml").Mesh);

    [Theory]
    [InlineData("  istioVersion: \"1.31.1\"", "  istioVersion: \"1.24.0\"", "dev.yaml:72: mesh.istioVersion: '1.24.0' is not an Istio version this component installs; use one of 1.31.1.")]
    [InlineData("  istiodReplicas: 1", "  istiodReplicas: 9", "dev.yaml:74: mesh.istiodReplicas: 9 must be 1 to 5.")]
    [InlineData("    maxReplicas: 4", "    maxReplicas: 0", "dev.yaml:78: mesh.gateway.maxReplicas: 0 must be at least the minimum (1) and at most 50.")]
    [InlineData("    minReplicas: 1", "    minReplicas: 0", "dev.yaml:77: mesh.gateway.minReplicas: 0 must be 1 to 20.")]
    [InlineData("  revisioned: false", "  revisioned: sometimes", "dev.yaml:73: mesh.revisioned: 'sometimes' is not a boolean; use true or false.")]
    public void Rejects_a_bad_mesh_setting_at_its_key(string line, string replacement, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(Replace(Dev, line, replacement), "dev.yaml")));

    [Fact]
    public void Prod_requires_a_revisioned_highly_available_istiod() =>
        Assert.Equal(
            [
                "prod.yaml:84: mesh.revisioned: false: production upgrades Istio by canary, which needs a revisioned istiod; set revisioned: true.",
                "prod.yaml:85: mesh.istiodReplicas: 1: production needs 2 so sidecars keep their configuration while a node is replaced; set istiodReplicas: 2.",
            ],
            Problems(Replace(Replace(Prod, "  revisioned: true", "  revisioned: false"), "  istiodReplicas: 2", "  istiodReplicas: 1"), "prod.yaml"));

    [Fact]
    public void Prod_requires_two_gateway_replicas() =>
        Assert.Equal(
            "prod.yaml:88: mesh.gateway.minReplicas: 1: production needs 2 so ingress survives a node drain (the PodDisruptionBudget needs a second replica); set minReplicas: 2.",
            Assert.Single(Problems(Replace(Prod, "    minReplicas: 2", "    minReplicas: 1"), "prod.yaml")));

    [Fact]
    public void Dev_may_run_one_unrevisioned_istiod() =>
        Assert.False(EnvironmentConfigLoader.Load(Dev, "dev.yaml").Mesh.Revisioned);
}
