using System;
using System.Linq;
using Infra.Components.Kubernetes;
using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

public sealed class CostConfigTests
{
    private static string WithCost(string yaml, string block) => Replace(yaml, "  monthlyBudgetUsd: 200", block);

    [Fact]
    public void Loads_the_budget_with_its_defaults_and_the_usage_overrides()
    {
        var cost = EnvironmentConfigLoader.Load(WithCost(Dev, """
              monthlyBudgetUsd: 180.5
              alertEmails: [ops@example.com]
              usage:
                natGatewayGbPerMonth: 40
                auroraAverageAcu: 1
            """), "dev.yaml").Cost;

        Assert.Equal(180.5m, cost.MonthlyBudgetUsd);
        Assert.False(cost.BlockOverBudget);
        Assert.Equal([80, 100], cost.ActualAlertPercents);
        Assert.Equal([100], cost.ForecastAlertPercents);
        Assert.Equal(["ops@example.com"], cost.AlertEmails);
        Assert.Equal(18.05m, cost.AnomalyThresholdUsd);   // a tenth of the budget
        Assert.Equal((40m, 1m, 5m), (cost.Usage.NatGatewayGbPerMonth, cost.Usage.AuroraAverageAcu!.Value, cost.Usage.ControlPlaneLogGbPerMonth));
    }

    [Fact]
    public void Lists_every_bad_cost_setting_at_its_key_and_line()
    {
        var problems = Problems(WithCost(Dev, """
              monthlyBudgetUsd: 0
              actualAlertPercents: [80, 80]
              forecastAlertPercents: [1500]
              alertEmails: [ops@example.com, nobody]
              anomalyThresholdUsd: 0
              usage:
                natGatewayGbPerMont: 3
                spotDiscountPercent: 100
            """), "dev.yaml");

        Assert.Equal(
            [
                "dev.yaml:82: cost.monthlyBudgetUsd: 0 must be more than 0: the monthly budget in US dollars.",
                "dev.yaml:83: cost.actualAlertPercents[1]: 80 is listed twice; give each threshold once.",
                "dev.yaml:84: cost.forecastAlertPercents[0]: 1500 must be a percentage of the budget from 1 to 1000.",
                "dev.yaml:85: cost.alertEmails[1]: 'nobody' is not an e-mail address (name@example.com).",
                "dev.yaml:86: cost.anomalyThresholdUsd: 0 must be more than 0: the total impact in US dollars from which an anomaly alerts.",
                "dev.yaml:88: cost.usage.natGatewayGbPerMont: is not a known key; did you mean 'natGatewayGbPerMonth'?",
                "dev.yaml:89: cost.usage.spotDiscountPercent: 100 must be below 100: spot capacity is never free.",
            ],
            // The unknown-key message goes on to list the allowed names; its start says what to write.
            problems.OrderBy(p => int.Parse(p.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture))
                .Select(p => p.Contains("did you mean", StringComparison.Ordinal) ? p[..(p.IndexOf('?', StringComparison.Ordinal) + 1)] : p));
        Assert.Contains(problems, p => p.EndsWith("Allowed keys here: auroraAverageAcu, auroraIoMillionsPerMonth, auroraReplicatedWriteMillionsPerMonth, auroraStorageGb, "
            + "controlPlaneLogGbPerMonth, dataBucketGb, databaseLogGbPerMonth, flowLogGbPerMonth, interfaceEndpointGbPerMonth, loadBalancerCapacityUnits, "
            + "natGatewayGbPerMonth, nodeReservedCpuMillicores, nodeReservedMemoryMiB, otherBucketGb, otherLogGbPerMonth, replicatedGbPerMonth, spotDiscountPercent, "
            + "sqsMillionRequestsPerMonth.", StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_a_value_that_is_not_a_number_once()
    {
        Assert.Equal(
            ["dev.yaml:82: cost.monthlyBudgetUsd: 'lots' is not a number."],
            Problems(WithCost(Dev, "  monthlyBudgetUsd: lots"), "dev.yaml"));
    }

    [Fact]
    public void Requires_the_cost_section_with_a_budget()
    {
        Assert.Equal(["dev.yaml: cost: is missing; this key is required."], Problems(RemoveBlock(Dev, "cost:"), "dev.yaml"));
        Assert.Equal(["dev.yaml:81: cost.monthlyBudgetUsd: is missing; this key is required."], Problems(WithCost(Dev, "  blockOverBudget: true"), "dev.yaml"));
    }

    [Fact]
    public void Reads_where_the_platform_runs_and_the_mesh_requests()
    {
        var yaml = Replace(Dev, "  controlPlaneLogRetentionDays: 7", "  controlPlaneLogRetentionDays: 7\n  platformPlacement: systemNodes");
        yaml = Replace(yaml, "    instanceTypes: [t4g.large]", "    instanceTypes: [t4g.large, m7g.large]\n    capacityType: spot\n    availabilityZones: 1");
        yaml = Replace(yaml, "  istiodReplicas: 1", "  istiodReplicas: 1\n  istiodCpu: 100m\n  istiodMemory: 512Mi");
        yaml = Replace(yaml, "    minReplicas: 1", "    minReplicas: 1\n    cpu: 50m\n    memory: 96Mi");

        var config = EnvironmentConfigLoader.Load(yaml, "dev.yaml");

        Assert.Equal(PlatformPlacement.SystemNodes, config.Kubernetes.PlatformPlacement);
        Assert.Equal((SystemNodeCapacity.Spot, 1), (config.Kubernetes.SystemNodes.CapacityType, config.Kubernetes.SystemNodes.AvailabilityZones));
        Assert.Equal(("100m", "512Mi", "50m", "96Mi"), (config.Mesh.IstiodCpu, config.Mesh.IstiodMemory, config.Mesh.GatewayCpu, config.Mesh.GatewayMemory));
    }

    [Fact]
    public void Production_keeps_its_system_nodes_on_demand_and_its_platform_off_them()
    {
        var yaml = Replace(Prod, "  controlPlaneLogRetentionDays: 365", "  controlPlaneLogRetentionDays: 365\n  platformPlacement: systemNodes");
        yaml = Replace(yaml, "    instanceTypes: [m7g.large]", "    instanceTypes: [m7g.large, m6g.large]\n    capacityType: spot\n    availabilityZones: 1");
        yaml = Replace(yaml, "  istiodReplicas: 2", "  istiodReplicas: 2\n  istiodCpu: half");

        Assert.Equal(
            [
                "prod.yaml:42: kubernetes.platformPlacement: systemNodes: production keeps monitoring and the mesh off the nodes Karpenter and CoreDNS run on; use onDemand.",
                "prod.yaml:45: kubernetes.systemNodes.capacityType: spot: production's system nodes (Karpenter, CoreDNS, the add-ons) must not be reclaimed; use onDemand.",
                "prod.yaml:46: kubernetes.systemNodes.availabilityZones: 1: production spreads its system nodes over every AZ; remove the key.",
                "prod.yaml:89: mesh.istiodCpu: 'half' is not a CPU quantity such as 100m or 1.",
            ],
            Problems(yaml, "prod.yaml"));
    }
}
