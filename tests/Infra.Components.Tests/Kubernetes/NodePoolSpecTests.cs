using System.Collections.Generic;
using System.Text.Json;
using Infra.Components.Kubernetes.Karpenter;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

public sealed class NodePoolSpecTests
{
    private static NodePoolSpec Minimal() => new()
    {
        Name = "default",
        NodeClassName = "default",
        CapacityTypes = [CapacityType.OnDemand],
        Architectures = [CpuArchitecture.Amd64],
    };

    private static string Json(NodePoolSpec pool) => JsonSerializer.Serialize(pool.ToManifest());

    private static Dictionary<string, object> Spec(NodePoolSpec pool) => (Dictionary<string, object>)pool.ToManifest()["spec"];

    private static Dictionary<string, object> TemplateSpec(NodePoolSpec pool) =>
        (Dictionary<string, object>)((Dictionary<string, object>)Spec(pool)["template"])["spec"];

    [Fact]
    public void Renders_the_dev_pool_exactly()
    {
        var pool = new NodePoolSpec
        {
            Name = "default",
            NodeClassName = "default",
            CapacityTypes = [CapacityType.Spot, CapacityType.OnDemand],
            Architectures = [CpuArchitecture.Amd64, CpuArchitecture.Arm64],
            InstanceCategories = ["c", "m", "r"],
            InstanceGenerationGreaterThan = 5,
            ExpireAfter = "168h",
            Disruption = new NodePoolDisruption { ConsolidateAfter = "30s", Budgets = [new DisruptionBudget { Nodes = "20%" }] },
            Limits = new NodePoolLimits { Cpu = "64", Memory = "256Gi" },
        };

        Assert.Equal(
            ExpectedJson.Compact("""
            {
              "apiVersion": "karpenter.sh/v1",
              "kind": "NodePool",
              "metadata": { "name": "default" },
              "spec": {
                "template": {
                  "spec": {
                    "nodeClassRef": { "group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "default" },
                    "requirements": [
                      { "key": "karpenter.sh/capacity-type", "operator": "In", "values": ["spot", "on-demand"] },
                      { "key": "kubernetes.io/arch", "operator": "In", "values": ["amd64", "arm64"] },
                      { "key": "kubernetes.io/os", "operator": "In", "values": ["linux"] },
                      { "key": "karpenter.k8s.aws/instance-category", "operator": "In", "values": ["c", "m", "r"] },
                      { "key": "karpenter.k8s.aws/instance-generation", "operator": "Gt", "values": ["5"] }
                    ],
                    "expireAfter": "168h"
                  }
                },
                "disruption": { "consolidationPolicy": "WhenEmptyOrUnderutilized", "consolidateAfter": "30s", "budgets": [{ "nodes": "20%" }] },
                "limits": { "cpu": "64", "memory": "256Gi" }
              }
            }
            """),
            Json(pool));
    }

    [Fact]
    public void Renders_the_prod_on_demand_pool_exactly()
    {
        var pool = new NodePoolSpec
        {
            Name = "on-demand",
            NodeClassName = "default",
            Weight = 100,
            Labels = new Dictionary<string, string> { ["workload-tier"] = "critical", ["billing-team"] = "platform" },
            Annotations = new Dictionary<string, string> { ["example.com/owner"] = "platform" },
            CapacityTypes = [CapacityType.OnDemand],
            Architectures = [CpuArchitecture.Arm64],
            InstanceCategories = ["c", "m", "r"],
            InstanceGenerationGreaterThan = 6,
            Zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            AdditionalRequirements =
            [
                new NodeSelectorRequirement { Key = "karpenter.k8s.aws/instance-hypervisor", Operator = RequirementOperator.In, Values = ["nitro"] },
            ],
            Taints = [new Taint { Key = "workload-tier", Value = "critical", Effect = TaintEffect.NoSchedule }],
            StartupTaints = [new Taint { Key = "example.com/agent-not-ready", Effect = TaintEffect.NoExecute }],
            ExpireAfter = "720h",
            TerminationGracePeriod = "48h",
            Disruption = new NodePoolDisruption
            {
                ConsolidationPolicy = ConsolidationPolicy.WhenEmptyOrUnderutilized,
                ConsolidateAfter = "5m",
                Budgets =
                [
                    new DisruptionBudget { Nodes = "10%" },
                    new DisruptionBudget { Nodes = "0", Reasons = [DisruptionReason.Underutilized], Schedule = "0 9 * * mon-fri", Duration = "8h" },
                ],
            },
            Limits = new NodePoolLimits { Cpu = "256", Memory = "1024Gi", Nodes = 40 },
        };

        Assert.Equal(
            ExpectedJson.Compact("""
            {
              "apiVersion": "karpenter.sh/v1",
              "kind": "NodePool",
              "metadata": { "name": "on-demand" },
              "spec": {
                "template": {
                  "metadata": {
                    "labels": { "billing-team": "platform", "workload-tier": "critical" },
                    "annotations": { "example.com/owner": "platform" }
                  },
                  "spec": {
                    "nodeClassRef": { "group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "default" },
                    "requirements": [
                      { "key": "karpenter.sh/capacity-type", "operator": "In", "values": ["on-demand"] },
                      { "key": "kubernetes.io/arch", "operator": "In", "values": ["arm64"] },
                      { "key": "kubernetes.io/os", "operator": "In", "values": ["linux"] },
                      { "key": "karpenter.k8s.aws/instance-category", "operator": "In", "values": ["c", "m", "r"] },
                      { "key": "karpenter.k8s.aws/instance-generation", "operator": "Gt", "values": ["6"] },
                      { "key": "topology.kubernetes.io/zone", "operator": "In", "values": ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
                      { "key": "karpenter.k8s.aws/instance-hypervisor", "operator": "In", "values": ["nitro"] }
                    ],
                    "taints": [{ "key": "workload-tier", "value": "critical", "effect": "NoSchedule" }],
                    "startupTaints": [{ "key": "example.com/agent-not-ready", "effect": "NoExecute" }],
                    "expireAfter": "720h",
                    "terminationGracePeriod": "48h"
                  }
                },
                "disruption": {
                  "consolidationPolicy": "WhenEmptyOrUnderutilized",
                  "consolidateAfter": "5m",
                  "budgets": [
                    { "nodes": "10%" },
                    { "nodes": "0", "reasons": ["Underutilized"], "schedule": "0 9 * * mon-fri", "duration": "8h" }
                  ]
                },
                "limits": { "cpu": "256", "memory": "1024Gi", "nodes": "40" },
                "weight": 100
              }
            }
            """),
            Json(pool));
    }

    [Fact]
    public void Omits_every_optional_field_when_only_the_required_props_are_set() =>
        Assert.Equal(
            ExpectedJson.Compact("""
            {
              "apiVersion": "karpenter.sh/v1",
              "kind": "NodePool",
              "metadata": { "name": "default" },
              "spec": {
                "template": {
                  "spec": {
                    "nodeClassRef": { "group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "default" },
                    "requirements": [
                      { "key": "karpenter.sh/capacity-type", "operator": "In", "values": ["on-demand"] },
                      { "key": "kubernetes.io/arch", "operator": "In", "values": ["amd64"] },
                      { "key": "kubernetes.io/os", "operator": "In", "values": ["linux"] }
                    ]
                  }
                }
              }
            }
            """),
            Json(Minimal()));

    [Fact]
    public void Has_the_documented_defaults()
    {
        var pool = Minimal();
        Assert.Equal(NodeOperatingSystem.Linux, pool.OperatingSystem);
        Assert.Empty(pool.InstanceCategories);
        Assert.Null(pool.InstanceGenerationGreaterThan);
        Assert.Empty(pool.InstanceFamilies);
        Assert.Empty(pool.InstanceTypes);
        Assert.Empty(pool.Zones);
        Assert.Empty(pool.AdditionalRequirements);
        Assert.Null(pool.Labels);
        Assert.Null(pool.Annotations);
        Assert.Empty(pool.Taints);
        Assert.Empty(pool.StartupTaints);
        Assert.Null(pool.ExpireAfter);
        Assert.Null(pool.TerminationGracePeriod);
        Assert.Null(pool.Disruption);
        Assert.Null(pool.Limits);
        Assert.Null(pool.Weight);

        var disruption = new NodePoolDisruption();
        Assert.Equal(ConsolidationPolicy.WhenEmptyOrUnderutilized, disruption.ConsolidationPolicy);
        Assert.Equal("0s", disruption.ConsolidateAfter);
        Assert.Empty(disruption.Budgets);

        var budget = new DisruptionBudget { Nodes = "10%" };
        Assert.Empty(budget.Reasons);
        Assert.Null(budget.Schedule);
        Assert.Null(budget.Duration);

        var limits = new NodePoolLimits();
        Assert.Null(limits.Cpu);
        Assert.Null(limits.Memory);
        Assert.Null(limits.Nodes);

        Assert.Empty(new NodeSelectorRequirement { Key = "k", Operator = RequirementOperator.Exists }.Values);
        Assert.Null(new Taint { Key = "k", Effect = TaintEffect.NoSchedule }.Value);
    }

    [Fact]
    public void Writes_the_required_consolidate_after_with_a_default_disruption() =>
        Assert.Equal(
            """{"consolidationPolicy":"WhenEmptyOrUnderutilized","consolidateAfter":"0s"}""",
            JsonSerializer.Serialize(Spec(Minimal() with { Disruption = new NodePoolDisruption() })["disruption"]));

    [Fact]
    public void Renders_when_empty_consolidation_that_never_runs() =>
        Assert.Equal(
            """{"consolidationPolicy":"WhenEmpty","consolidateAfter":"Never"}""",
            JsonSerializer.Serialize(Spec(Minimal() with
            {
                Disruption = new NodePoolDisruption { ConsolidationPolicy = ConsolidationPolicy.WhenEmpty, ConsolidateAfter = "Never" },
            })["disruption"]));

    [Fact]
    public void Renders_instance_families_and_types_after_the_generation_and_before_zones()
    {
        var requirements = (object[])TemplateSpec(Minimal() with
        {
            InstanceFamilies = ["m7g", "c7g"],
            InstanceTypes = ["m7g.large"],
            Zones = ["eu-west-1a"],
        })["requirements"];
        Assert.Equal(
            """[{"key":"karpenter.k8s.aws/instance-family","operator":"In","values":["m7g","c7g"]},"""
            + """{"key":"node.kubernetes.io/instance-type","operator":"In","values":["m7g.large"]},"""
            + """{"key":"topology.kubernetes.io/zone","operator":"In","values":["eu-west-1a"]}]""",
            JsonSerializer.Serialize(requirements[3..]));
    }

    [Theory]
    [InlineData(RequirementOperator.Exists, """{"key":"example.com/gpu","operator":"Exists"}""")]
    [InlineData(RequirementOperator.DoesNotExist, """{"key":"example.com/gpu","operator":"DoesNotExist"}""")]
    public void Omits_values_for_operators_that_take_none(RequirementOperator op, string expected)
    {
        var requirements = (object[])TemplateSpec(Minimal() with
        {
            AdditionalRequirements = [new NodeSelectorRequirement { Key = "example.com/gpu", Operator = op }],
        })["requirements"];
        Assert.Equal(expected, JsonSerializer.Serialize(requirements[^1]));
    }

    [Theory]
    [InlineData(RequirementOperator.NotIn, "\"NotIn\",\"values\":[\"t\"]")]
    [InlineData(RequirementOperator.Lt, "\"Lt\",\"values\":[\"8\"]")]
    public void Renders_other_operators_with_their_values(RequirementOperator op, string expectedTail)
    {
        var value = op == RequirementOperator.Lt ? "8" : "t";
        var requirements = (object[])TemplateSpec(Minimal() with
        {
            AdditionalRequirements = [new NodeSelectorRequirement { Key = "example.com/x", Operator = op, Values = [value] }],
        })["requirements"];
        Assert.Equal($"{{\"key\":\"example.com/x\",\"operator\":{expectedTail}}}", JsonSerializer.Serialize(requirements[^1]));
    }

    [Fact]
    public void Renders_a_windows_pool_and_reserved_capacity()
    {
        var requirements = (object[])TemplateSpec(Minimal() with
        {
            CapacityTypes = [CapacityType.Reserved, CapacityType.Spot],
            OperatingSystem = NodeOperatingSystem.Windows,
        })["requirements"];
        Assert.Equal(
            """[{"key":"karpenter.sh/capacity-type","operator":"In","values":["reserved","spot"]},"""
            + """{"key":"kubernetes.io/arch","operator":"In","values":["amd64"]},"""
            + """{"key":"kubernetes.io/os","operator":"In","values":["windows"]}]""",
            JsonSerializer.Serialize(requirements));
    }

    [Fact]
    public void Renders_every_taint_effect_and_disruption_reason()
    {
        var pool = Minimal() with
        {
            Taints =
            [
                new Taint { Key = "a", Effect = TaintEffect.NoSchedule },
                new Taint { Key = "b", Effect = TaintEffect.PreferNoSchedule },
                new Taint { Key = "c", Effect = TaintEffect.NoExecute },
            ],
            Disruption = new NodePoolDisruption
            {
                Budgets = [new DisruptionBudget { Nodes = "1", Reasons = [DisruptionReason.Empty, DisruptionReason.Drifted, DisruptionReason.Underutilized] }],
            },
        };
        Assert.Equal(
            """[{"key":"a","effect":"NoSchedule"},{"key":"b","effect":"PreferNoSchedule"},{"key":"c","effect":"NoExecute"}]""",
            JsonSerializer.Serialize(TemplateSpec(pool)["taints"]));
        Assert.Equal(
            """[{"nodes":"1","reasons":["Empty","Drifted","Underutilized"]}]""",
            JsonSerializer.Serialize(((Dictionary<string, object>)Spec(pool)["disruption"])["budgets"]));
    }

    [Fact]
    public void Renders_only_the_limits_that_are_set() =>
        Assert.Equal("""{"nodes":"10"}""", JsonSerializer.Serialize(Spec(Minimal() with { Limits = new NodePoolLimits { Nodes = 10 } })["limits"]));

    [Fact]
    public void Sorts_labels_so_the_manifest_does_not_depend_on_insertion_order()
    {
        var metadata = (Dictionary<string, object>)((Dictionary<string, object>)Spec(Minimal() with
        {
            Labels = new Dictionary<string, string> { ["z"] = "1", ["a"] = "2" },
        })["template"])["metadata"];
        Assert.Equal("""{"labels":{"a":"2","z":"1"}}""", JsonSerializer.Serialize(metadata));
    }

    [Fact]
    public void Uses_the_v1_api_and_references_the_node_class_by_group_and_kind()
    {
        var manifest = Minimal().ToManifest();
        Assert.Equal("karpenter.sh/v1", manifest["apiVersion"]);
        Assert.Equal("NodePool", manifest["kind"]);
        Assert.Equal(
            """{"group":"karpenter.k8s.aws","kind":"EC2NodeClass","name":"default"}""",
            JsonSerializer.Serialize(TemplateSpec(Minimal())["nodeClassRef"]));
    }

    [Fact]
    public void Refuses_to_render_an_invalid_pool_and_lists_every_problem()
    {
        var e = Assert.Throws<ConstructValidationException>(() => (Minimal() with { Weight = 0, ExpireAfter = "30 days" }).ToManifest());
        Assert.Equal("default", e.ConstructPath);
        Assert.Equal(
            [
                "Weight: 0 must be between 1 and 100; omit it for the lowest priority (0).",
                "ExpireAfter: '30 days' is not a duration; use Go duration syntax such as 30s, 5m or 720h, or Never.",
            ],
            e.Problems);
        Assert.StartsWith("Invalid NodePoolSpec for 'default' (2 problems):", e.Message, System.StringComparison.Ordinal);
    }
}
