using System;
using System.Linq;
using Infra.Stacks.Cost;
using Infra.Stacks.Tests.Environments;
using Xunit;

namespace Infra.Stacks.Tests.Cost;

/// <summary>The estimate of the real environments, from the one synthesized assembly of the test run.</summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class CostEstimateTests
{
    private readonly CostEstimate _estimate;

    public CostEstimateTests(SynthesizedEnvironments environments) => _estimate = CostEstimator.Estimate(environments.OutDir);

    private EnvironmentEstimate Dev => _estimate.Of("dev")!;

    private EnvironmentEstimate Prod => _estimate.Of("prod")!;

    [Fact]
    public void Dev_matches_the_hand_calculation_at_list_prices_and_730_hours()
    {
        // Each line: quantity x unit price, rounded to the cent. Usage from the default assumptions.
        var network = 3.65m     // NAT gateway's public IPv4: 730 h x $0.005
            + 32.85m            // NAT gateway: 730 h x $0.045
            + 0.23m             // NAT data: 5 GB x $0.045 = 0.225
            + 0.50m             // flow logs ingested: 1 GB x $0.50
            + 0.01m;            // flow logs stored: 1 GB x 14/30 months = 0.47 GB x $0.03
        var cluster = 73.00m    // EKS control plane, standard support: 730 h x $0.10
            + 24.53m            // 1 x t4g.large spot: 730 h x $0.0672 x 50% = 24.528
            + 1.60m             // its 20 GiB gp3 root volume: 20 x $0.08
            + 1.00m             // KMS key (secrets, logs)
            + 2.50m             // control-plane logs ingested: 5 GB x $0.50
            + 0.04m             // stored: 5 GB x 7/30 months = 1.17 GB x $0.03
            + 0.06m             // SQS: 0.15 million requests x $0.40
            + 0.03m             // the provider's log group: 0.05 GB x $0.50 = 0.025
            + 0.04m;            // stored: 0.05 GB x 731/30 months = 1.22 GB x $0.03
        var database = 1.00m    // KMS key
            + 0.25m + 0.00m     // postgresql log: 0.5 GB x $0.50; stored 0.12 GB x $0.03
            + 0.40m             // master secret
            + 1.00m             // storage: 10 GB x $0.10
            + 0.40m             // I/O: 2 million x $0.20
            + 0.00m             // Serverless v2 at minimum 0 ACU: paused while idle
            + 0.20m;            // two alarms x $0.10
        var storage = 1.00m     // KMS key
            + 0.23m             // data bucket: 10 GB x $0.023
            + 0.02m;            // access-log bucket: 1 GB x $0.023
        var platform = 1.00m    // KMS key of the alert topic and Grafana's secret
            + 0.40m             // Grafana's secret
            + 1.60m             // Prometheus volume, created at run time: 20 GiB x $0.08
            + 16.43m;           // the gateway's internal NLB, created at run time: 730 h x $0.0225
        var backup = 1.00m;     // KMS key of the recovery vault (recovery points bill as backup storage, not estimated)
        var resilience = 1.00m  // KMS key of the experiment logs
            + 0.03m             // experiment logs ingested: 0.05 GB x $0.50 = 0.025
            + 0.00m             // stored: 0.05 GB x 3 months = 0.15 GB-month x $0.03 = 0.0045
            + 0.20m;            // the two stop-condition alarms x $0.10

        Assert.Equal(network, Dev.ByStack["infra-dev-network-us-east-1"]);
        Assert.Equal(cluster, Dev.ByStack["infra-dev-cluster"]);
        Assert.Equal(database, Dev.ByStack["infra-dev-database-us-east-1"]);
        Assert.Equal(storage, Dev.ByStack["infra-dev-storage"]);
        Assert.Equal(platform, Dev.ByStack["infra-dev-platform"]);
        Assert.Equal(backup, Dev.ByStack["infra-dev-backup-us-east-1"]);
        Assert.Equal(resilience, Dev.ByStack["infra-dev-resilience-us-east-1"]);
        Assert.Equal(166.20m, network + cluster + database + storage + platform + backup + resilience);
        Assert.Equal(166.20m, Dev.Total);
        Assert.Equal(166.20m, Dev.ByRegion["us-east-1"]);
    }

    [Theory]
    [InlineData("dev", 170)]
    [InlineData("prod", 1300)]
    public void Meets_the_idle_targets_of_the_cheaper_footprint(string environment, int target) =>
        Assert.True(_estimate.Of(environment)!.Total <= target, $"{environment}: {_estimate.Of(environment)!.Total} > {target}");

    [Fact]
    public void Prices_every_resource_of_every_environment_or_says_why_it_costs_nothing_idle()
    {
        foreach (var environment in _estimate.Environments)
        {
            Assert.Empty(environment.Unpriced);
            Assert.DoesNotContain(environment.Notes, n => n.Contains("no price", StringComparison.Ordinal));
            Assert.All(environment.NoIdleCharge, t => Assert.False(string.IsNullOrWhiteSpace(t.Why)));
        }
    }

    [Fact]
    public void Lists_every_environment_in_plan_order_with_the_price_tables_date()
    {
        Assert.Equal(["dev", "staging", "prod"], _estimate.Environments.Select(e => e.Environment));
        Assert.Equal(PriceTable.Default.Date, _estimate.PriceDate);
        Assert.Equal(730m, _estimate.HoursPerMonth);
    }

    [Fact]
    public void Counts_what_the_cluster_creates_at_run_time()
    {
        var runtime = Prod.Lines.Where(l => l.Basis == CostBasis.Runtime).Select(l => l.Item).ToList();
        Assert.Contains(runtime, i => i.StartsWith("network load balancer, internal, 3 AZs", StringComparison.Ordinal));
        Assert.Contains("2 x 100 GiB gp3 volume: Prometheus data", runtime);
        // Prometheus' two replicas must not share a node: at least two on-demand nodes for the platform pods.
        Assert.Contains(runtime, i => i.StartsWith("2 x ", StringComparison.Ordinal) && i.Contains("on-demand nodes (Karpenter)", StringComparison.Ordinal));
    }

    [Fact]
    public void Dev_runs_its_platform_pods_on_the_system_node_and_pays_for_no_karpenter_node()
    {
        Assert.DoesNotContain(Dev.Lines, l => l.Item.Contains("(Karpenter)", StringComparison.Ordinal));
        Assert.Contains(Dev.Notes, n => n.Contains("istiod x1", StringComparison.Ordinal) && n.Contains("node.infra/role=system", StringComparison.Ordinal));
        Assert.Single(Dev.Lines, l => l.PriceKey == PriceKeys.Ec2("t4g.large") && l.Item.Contains("spot", StringComparison.Ordinal));
    }

    [Fact]
    public void The_secondary_region_pays_for_the_database_standby_and_its_storage_but_no_nat_or_endpoints()
    {
        foreach (var environment in new[] { "staging", "prod" })
        {
            var west = _estimate.Of(environment)!.Lines.Where(l => l.Region == "us-west-2").ToList();
            Assert.DoesNotContain(west, l => l.PriceKey is PriceKeys.NatGatewayHour or PriceKeys.InterfaceEndpointHour or PriceKeys.PublicIpv4Hour);
            Assert.Contains(west, l => l.PriceKey == PriceKeys.AuroraReplicatedWrite);
        }
    }

    [Fact]
    public void Carries_each_environments_budget_from_its_file()
    {
        Assert.Equal(new CostBudget(170, false), Dev.Budget);
        Assert.Equal(new CostBudget(1300, true), Prod.Budget);
        Assert.All(_estimate.Environments, e => Assert.False(e.IsOverBudget, e.Environment));
    }

    [Fact]
    public void Renders_the_estimate_as_a_table_markdown_and_json_with_the_price_date()
    {
        var text = CostReport.Text(_estimate);
        Assert.Contains("dev: $166.20/month at idle (us-east-1 $166.20); budget $170.00", text, StringComparison.Ordinal);
        Assert.Contains($"checked {PriceTable.Default.Date}", text, StringComparison.Ordinal);
        Assert.Contains("unpriced: none", text, StringComparison.Ordinal);
        Assert.Contains("| dev | $166.20 | us-east-1 $166.20 | $170.00 |", CostReport.Markdown(_estimate), StringComparison.Ordinal);
        var json = System.Text.Json.Nodes.JsonNode.Parse(CostReport.Json(_estimate))!;
        Assert.Equal(166.20m, (decimal)json["environments"]![0]!["monthlyUsd"]!);
        Assert.Equal(PriceTable.Default.Version, (string?)json["priceTable"]!["version"]);
    }
}
