using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

public sealed class ObservabilityConfigTests
{
    // The section is moved to the end: it starts on line 70 of the dev document and 81 of the prod document.
    private static string WithObservability(string yaml, int prometheusReplicas, string retention, string storageGiB, string cpu, string memory, int alertmanagerReplicas) =>
        RemoveBlock(yaml, "observability:").TrimEnd() + $"""

            observability:
              prometheus:
                replicas: {prometheusReplicas}
                retention: {retention}
                storageGiB: {storageGiB}
                cpu: {cpu}
                memory: {memory}
              alertmanager:
                replicas: {alertmanagerReplicas}
            """;

    [Fact]
    public void Loads_the_monitoring_settings()
    {
        var config = EnvironmentConfigLoader.Load(WithObservability(Dev, 1, "3d", "30", "500m", "2Gi", 1), "dev.yaml");
        Assert.Equal(
            new ObservabilityConfig { PrometheusReplicas = 1, Retention = "3d", StorageGiB = 30, Cpu = "500m", Memory = "2Gi", AlertmanagerReplicas = 1 },
            config.Observability);
    }

    [Fact]
    public void Lists_every_bad_monitoring_setting_at_its_key_with_the_fix() =>
        Assert.Equal(
            [
                "dev.yaml:76: observability.prometheus.replicas: 4 must be 1 to 3.",
                "dev.yaml:77: observability.prometheus.retention: '2 days' is not a Prometheus retention; use a whole number of h, d, w or y such as 2d or 15d.",
                "dev.yaml:78: observability.prometheus.storageGiB: 5 must be 10 to 2000 (GiB per replica).",
                "dev.yaml:79: observability.prometheus.cpu: '250 millicores' is not a CPU quantity such as 250m or 1.",
                "dev.yaml:80: observability.prometheus.memory: '1GB' is not a memory quantity such as 1Gi or 512Mi.",
                "dev.yaml:82: observability.alertmanager.replicas: 0 must be 1 to 3.",
            ],
            Problems(WithObservability(Dev, 4, "'2 days'", "5", "'250 millicores'", "1GB", 0), "dev.yaml"));

    [Fact]
    public void Prod_requires_two_prometheus_and_two_alertmanager_replicas() =>
        Assert.Equal(
            [
                "prod.yaml:109: observability.prometheus.replicas: 1: production needs 2 so monitoring survives losing a node; set replicas: 2.",
                "prod.yaml:115: observability.alertmanager.replicas: 1: production needs 2 so alerts still go out while a node is replaced; set replicas: 2.",
            ],
            Problems(WithObservability(Prod, 1, "15d", "100", "'1'", "4Gi", 1), "prod.yaml"));

    [Fact]
    public void Staging_may_run_one_prometheus() =>
        Assert.Equal(1, EnvironmentConfigLoader.Load(WithObservability(Staging, 1, "7d", "50", "500m", "2Gi", 1), "staging.yaml").Observability.PrometheusReplicas);

    [Fact]
    public void Rejects_node_pools_without_on_demand_capacity_for_the_monitoring_pods() =>
        Assert.Equal(
            "dev.yaml:40: kubernetes.karpenter.nodePools: no pool allows on-demand capacity, which Prometheus, Alertmanager and Grafana run on; add on-demand to a pool's capacityTypes.",
            Assert.Single(Problems(Replace(Dev, "        capacityTypes: [spot, on-demand]", "        capacityTypes: [spot]"), "dev.yaml")));

    [Fact]
    public void Requires_the_observability_section() =>
        Assert.Equal("dev.yaml: observability: is missing; this key is required.", Assert.Single(Problems(RemoveBlock(Dev, "observability:"), "dev.yaml")));
}
