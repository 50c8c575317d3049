using System;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Observability;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

[Collection(EnvironmentsCollection.Name)]
public sealed class PlatformInvariantTests
{
    private readonly SynthesizedEnvironments _env;

    public PlatformInvariantTests(SynthesizedEnvironments environments) => _env = environments;

    private JsonObject Json(string tier) => _env.Json(_env.Stages[tier].Platform);

    private JsonNode PrometheusSpec(string tier)
    {
        var chart = Json(tier).Resources("Custom::AWSCDK-EKS-HelmChart").Values.Single(c => (string?)c["Properties"]!["Release"] == KubePrometheusStack.Release);
        return JsonNode.Parse(chart["Properties"]!["Values"]!.Text())!["prometheus"]!["prometheusSpec"]!;
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void The_load_balancer_controller_cannot_open_the_databases_security_group(string tier)
    {
        var stage = _env.Stages[tier];
        var policies = Json(tier).Resources("AWS::IAM::ManagedPolicy")
            .Where(p => p.Key.StartsWith("LoadBalancerController", StringComparison.Ordinal))
            .Select(p => p.Value["Properties"]!["PolicyDocument"]!)
            .ToArray();
        Assert.Equal(2, policies.Length);
        var database = stage.DatabaseStacks[stage.Config.PrimaryRegion.Name];
        var groups = _env.Json(database).Resources("AWS::EC2::SecurityGroup");
        Assert.NotEmpty(groups);
        foreach (var (logicalId, group) in groups)
        {
            // The group as the controller would meet it: its id, in this account and region, with the tags it carries.
            var arn = $"arn:aws:ec2:{database.Region}:{database.Account}:security-group/${{{logicalId}.GroupId}}";
            var tags = group.Tags();
            foreach (var action in new[] { "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup", "ec2:CreateTags" })
            {
                Assert.Empty(IamSimulator.AllowingStatements(policies, new IamRequest(action, arn, tags)));
            }
        }

        // What it may open without a tag is exactly the cluster security group, imported from the cluster stack.
        var untagged = policies.SelectMany(d => d["Statement"]!.AsArray()).Select(s => s!.AsObject())
            .Where(s => s["Condition"] is null && s["Action"]!.ToJsonString().Contains("ec2:AuthorizeSecurityGroupIngress", StringComparison.Ordinal))
            .SelectMany(s => s["Resource"] is JsonArray r ? r.Select(x => IamSimulator.Render(x!)) : [IamSimulator.Render(s["Resource"]!)])
            .ToArray();
        var only = Assert.Single(untagged);
        Assert.Matches("^arn:aws:ec2:us-east-1:[0-9]{12}:security-group/\\$\\{import:.*ClusterSecurityGroupId.*\\}$", only);
    }

    [Theory]
    [InlineData("dev", 1, "2d", "20Gi", "17GB")]
    [InlineData("staging", 1, "7d", "50Gi", "42GB")]
    [InlineData("prod", 2, "15d", "100Gi", "85GB")]
    public void Sizes_prometheus_from_the_environments_config(string tier, int replicas, string retention, string storage, string retentionSize)
    {
        var spec = PrometheusSpec(tier);
        Assert.Equal(replicas, (int)spec["replicas"]!);
        Assert.Equal(retention, (string?)spec["retention"]);
        Assert.Equal(retentionSize, (string?)spec["retentionSize"]);
        Assert.Equal(storage, (string?)spec["storageSpec"]!["volumeClaimTemplate"]!["spec"]!["resources"]!["requests"]!["storage"]);
        Assert.Equal(replicas > 1 ? "hard" : null, (string?)spec["podAntiAffinity"]);
        Assert.Equal(_env.Stages[tier].Config.ClusterName, (string?)spec["externalLabels"]!["cluster"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Deploys_after_the_cluster_stack_in_the_primary_region_through_its_kubectl_handler(string tier)
    {
        var stage = _env.Stages[tier];
        Assert.Contains(stage.Cluster, stage.Platform.Dependencies);
        Assert.Equal(stage.Config.PrimaryRegion.Name, stage.Platform.Region);
        var token = Json(tier).Resources("Custom::AWSCDK-EKS-HelmChart").Values.First()["Properties"]!["ServiceToken"]!.ToJsonString();
        Assert.Contains($"infra-{stage.Config.Name}-cluster:", token, StringComparison.Ordinal);
    }

    [Fact]
    public void Prod_retains_the_monitoring_key_and_grafana_secret_and_dev_deletes_them()
    {
        foreach (var type in new[] { "AWS::KMS::Key", "AWS::SecretsManager::Secret" })
        {
            Assert.Equal("Retain", (string?)Json("prod").Single(type)["DeletionPolicy"]);
            Assert.Equal("Delete", (string?)Json("dev").Single(type)["DeletionPolicy"]);
        }
    }

    [Fact]
    public void Keeps_the_logical_ids_of_the_key_and_secret()
    {
        // A new key id would orphan the secret's ciphertext; a new secret id would issue Grafana a new password.
        var json = Json("prod");
        Assert.Equal(["MonitoringKey61F0DC42"], json.Resources("AWS::KMS::Key").Keys.ToArray());
        Assert.Equal(["MonitoringGrafanaAdminF2B9B213"], json.Resources("AWS::SecretsManager::Secret").Keys.ToArray());
    }
}

[Collection(EnvironmentsCollection.Name)]
public sealed class MeshInvariantTests
{
    private readonly SynthesizedEnvironments _env;

    public MeshInvariantTests(SynthesizedEnvironments environments) => _env = environments;

    private JsonObject Json(string tier) => _env.Json(_env.Stages[tier].Platform);

    [Theory]
    [InlineData("dev", "istiod")]
    [InlineData("staging", "istiod-1-31-1")]
    [InlineData("prod", "istiod-1-31-1")]
    public void Installs_istiod_as_the_environment_asks(string tier, string release)
    {
        var istiod = Json(tier).Resources("Custom::AWSCDK-EKS-HelmChart").Values.Single(c => (string?)c["Properties"]!["Chart"] == "istiod");
        Assert.Equal(release, (string?)istiod["Properties"]!["Release"]);
        Assert.Equal("1.31.1", (string?)istiod["Properties"]!["Version"]);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Enforces_strict_mtls_and_has_prometheus_scrape_the_mesh(string tier)
    {
        var manifests = Json(tier).Resources("Custom::AWSCDK-EKS-KubernetesResource");
        var policies = manifests.Single(m => m.Key.StartsWith("MeshPolicies", StringComparison.Ordinal)).Value["Properties"]!["Manifest"]!.Text();
        Assert.Contains("\"mtls\":{\"mode\":\"STRICT\"}", policies, StringComparison.Ordinal);
        var monitors = manifests.Single(m => m.Key.StartsWith("MeshMonitors", StringComparison.Ordinal)).Value;
        var kps = Json(tier).Resources("Custom::AWSCDK-EKS-HelmChart").Single(c => (string?)c.Value["Properties"]!["Release"] == KubePrometheusStack.Release).Key;
        Assert.Contains(kps, monitors["DependsOn"]!.AsArray().Select(d => (string)d!));
    }

    [Theory]
    [InlineData("dev", 1, 2)]
    [InlineData("staging", 2, 4)]
    [InlineData("prod", 2, 10)]
    public void Puts_the_ingress_gateway_behind_an_internal_nlb_sized_from_config(string tier, int min, int max)
    {
        var charts = Json(tier).Resources("Custom::AWSCDK-EKS-HelmChart");
        var gateway = charts.Single(c => (string?)c.Value["Properties"]!["Chart"] == "gateway");
        var values = JsonNode.Parse(gateway.Value["Properties"]!["Values"]!.Text())!;
        Assert.Equal("internal", (string?)values["service"]!["annotations"]!["service.beta.kubernetes.io/aws-load-balancer-scheme"]);
        Assert.Equal((min, max), ((int)values["autoscaling"]!["minReplicas"]!, (int)values["autoscaling"]!["maxReplicas"]!));
        Assert.Equal(min >= 2, values["podDisruptionBudget"] is not null);
        var controller = charts.Single(c => (string?)c.Value["Properties"]!["Chart"] == "aws-load-balancer-controller").Key;
        Assert.Contains(controller, gateway.Value["DependsOn"]!.AsArray().Select(d => (string)d!));
    }

    private JsonNode Values(string tier, string chart) => JsonNode.Parse(Json(tier).Resources("Custom::AWSCDK-EKS-HelmChart").Values
        .Single(c => (string?)c["Properties"]!["Chart"] == chart)["Properties"]!["Values"]!.Text())!;

    [Fact]
    public void Dev_runs_monitoring_and_the_mesh_on_its_system_node_with_requests_sized_for_dev()
    {
        var system = new JsonObject { ["node.infra/role"] = "system" }.ToJsonString();
        var toleration = """[{"key":"CriticalAddonsOnly","operator":"Exists","effect":"NoSchedule"}]""";
        var monitoring = Values("dev", "kube-prometheus-stack");
        var istiod = Values("dev", "istiod");
        var gateway = Values("dev", "gateway");
        foreach (var placed in new[] { monitoring["prometheus"]!["prometheusSpec"]!, monitoring["alertmanager"]!["alertmanagerSpec"]!, monitoring["grafana"]!, istiod, gateway })
        {
            Assert.Equal(system, placed["nodeSelector"]!.ToJsonString());
            Assert.Equal(toleration, placed["tolerations"]!.ToJsonString());
        }

        Assert.Equal(("100m", "512Mi"), ((string?)istiod["resources"]!["requests"]!["cpu"], (string?)istiod["resources"]!["requests"]!["memory"]));
        Assert.Null(gateway["resources"]);   // the chart's 100m/128Mi
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Staging_and_prod_keep_the_platform_on_on_demand_capacity_with_the_charts_requests(string tier)
    {
        var onDemand = new JsonObject { ["karpenter.sh/capacity-type"] = "on-demand" }.ToJsonString();
        var istiod = Values(tier, "istiod");
        Assert.Equal(onDemand, Values(tier, "kube-prometheus-stack")["prometheus"]!["prometheusSpec"]!["nodeSelector"]!.ToJsonString());
        Assert.Equal(onDemand, istiod["nodeSelector"]!.ToJsonString());
        Assert.Null(Values(tier, "kube-prometheus-stack")["prometheus"]!["prometheusSpec"]!["tolerations"]);
        Assert.Null(istiod["tolerations"]);
        Assert.Null(istiod["resources"]);
    }

    [Theory]
    [InlineData("dev", 170, 20)]
    [InlineData("staging", 550, 50)]
    [InlineData("prod", 1300, 100)]
    public void Budgets_each_environment_and_watches_it_for_anomalies_to_the_alert_topic(string tier, double budget, int threshold)
    {
        var json = Json(tier);
        var topic = json.Resources("AWS::SNS::Topic").Keys.Single();
        var budgetProps = json.Single("AWS::Budgets::Budget")["Properties"]!;
        Assert.Equal(budget, (double)budgetProps["Budget"]!["BudgetLimit"]!["Amount"]!);
        Assert.Equal(["ACTUAL 80", "ACTUAL 100", "FORECASTED 100"], budgetProps["NotificationsWithSubscribers"]!.AsArray()
            .Select(n => $"{n!["Notification"]!["NotificationType"]} {n["Notification"]!["Threshold"]}"));
        Assert.All(budgetProps["NotificationsWithSubscribers"]!.AsArray(), n => Assert.Equal(topic, (string?)n!["Subscribers"]![0]!["Address"]!["Ref"]));
        Assert.Equal($"infra-{tier}-services", (string?)json.Single("AWS::CE::AnomalyMonitor")["Properties"]!["MonitorName"]);
        var subscription = json.Single("AWS::CE::AnomalySubscription")["Properties"]!;
        Assert.Equal(topic, (string?)subscription["Subscribers"]![0]!["Ref"] ?? (string?)subscription["Subscribers"]![0]!["Address"]!["Ref"]);
        Assert.Contains($"\"Values\":[\"{threshold}\"]", (string?)subscription["ThresholdExpression"], StringComparison.Ordinal);
        foreach (var type in new[] { "AWS::Budgets::Budget", "AWS::CE::AnomalyMonitor", "AWS::CE::AnomalySubscription" })
        {
            var tags = json.Single(type)["Properties"]!["ResourceTags"]!.AsArray().ToDictionary(t => (string)t!["Key"]!, t => (string)t!["Value"]!);
            Assert.Equal(tier, tags["environment"]);
            Assert.Contains("cost-center", tags.Keys);
        }
    }
}
