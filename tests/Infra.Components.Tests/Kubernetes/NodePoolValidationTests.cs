using System.Linq;
using System.Collections.Generic;
using Infra.Components.Kubernetes.Karpenter;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

public sealed class NodePoolValidationTests
{
    private static NodePoolSpec Valid() => new()
    {
        Name = "default",
        NodeClassName = "default",
        CapacityTypes = [CapacityType.Spot, CapacityType.OnDemand],
        Architectures = [CpuArchitecture.Amd64, CpuArchitecture.Arm64],
    };

    private static List<string> Problems(NodePoolSpec pool) => KarpenterManifestValidator.ValidateNodePool(pool, "NodePools[0]").Select(p => p.ToString()).ToList();

    private static string Problem(NodePoolSpec pool) => Assert.Single(Problems(pool));

    private static NodePoolSpec WithRequirement(RequirementOperator op, params string[] values) =>
        Valid() with { AdditionalRequirements = [new NodeSelectorRequirement { Key = "example.com/tier", Operator = op, Values = values }] };

    private static NodePoolSpec WithBudget(DisruptionBudget budget) => Valid() with { Disruption = new NodePoolDisruption { Budgets = [budget] } };

    [Fact]
    public void Accepts_a_fully_specified_pool() =>
        Assert.Empty(Problems(Valid() with
        {
            Weight = 100,
            Labels = new Dictionary<string, string> { ["workload-tier"] = "critical", ["karpenter.sh/capacity-type"] = "on-demand", ["empty"] = "" },
            InstanceCategories = ["c", "m", "r"],
            InstanceGenerationGreaterThan = 0,
            InstanceFamilies = ["m7g"],
            InstanceTypes = ["m7g.large"],
            Zones = ["eu-west-1a"],
            AdditionalRequirements =
            [
                new NodeSelectorRequirement { Key = "karpenter.k8s.aws/instance-cpu", Operator = RequirementOperator.Lt, Values = ["33"] },
                new NodeSelectorRequirement { Key = "example.com/gpu", Operator = RequirementOperator.DoesNotExist },
            ],
            Taints = [new Taint { Key = "example.com/dedicated", Value = "batch_jobs.v2", Effect = TaintEffect.NoSchedule }],
            ExpireAfter = "Never",
            TerminationGracePeriod = "1h30m",
            Disruption = new NodePoolDisruption
            {
                ConsolidateAfter = "1h30m",
                Budgets =
                [
                    new DisruptionBudget { Nodes = "100%" },
                    new DisruptionBudget { Nodes = "0", Schedule = "@daily", Duration = "1h30m0s" },
                    new DisruptionBudget { Nodes = "25", Schedule = "0 9 * * mon-fri", Duration = "30m" },
                ],
            },
            Limits = new NodePoolLimits { Cpu = "1.5k", Memory = "512Mi", Nodes = 0 },
        }));

    [Theory]
    [InlineData("")]
    [InlineData("Default")]
    [InlineData("-default")]
    [InlineData("default-")]
    [InlineData("my_pool")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Rejects_a_name_that_is_not_a_dns_label(string name) =>
        Assert.Equal(
            $"NodePools[0].Name: '{name}' is not a DNS-1123 label; use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit.",
            Problem(Valid() with { Name = name }));

    [Fact]
    public void Rejects_a_node_class_name_that_is_not_a_dns_label() =>
        Assert.Equal(
            "NodePools[0].NodeClassName: 'Default' is not a DNS-1123 label; use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit.",
            Problem(Valid() with { NodeClassName = "Default" }));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Rejects_a_weight_outside_1_to_100(int weight) =>
        Assert.Equal(
            $"NodePools[0].Weight: {weight} must be between 1 and 100; omit it for the lowest priority (0).",
            Problem(Valid() with { Weight = weight }));

    [Fact]
    public void Requires_a_capacity_type() =>
        Assert.Equal(
            "NodePools[0].CapacityTypes: none given; give at least one of Spot, OnDemand or Reserved.",
            Problem(Valid() with { CapacityTypes = [] }));

    [Fact]
    public void Rejects_an_undefined_capacity_type() =>
        Assert.Equal(
            "NodePools[0].CapacityTypes[1]: 7 is not a capacity type; use Spot, OnDemand or Reserved.",
            Problem(Valid() with { CapacityTypes = [CapacityType.Spot, (CapacityType)7] }));

    [Fact]
    public void Requires_an_architecture() =>
        Assert.Equal(
            "NodePools[0].Architectures: none given; give at least one of Amd64 or Arm64.",
            Problem(Valid() with { Architectures = [] }));

    [Fact]
    public void Rejects_an_undefined_architecture() =>
        Assert.Equal(
            "NodePools[0].Architectures[0]: 0 is not an architecture; use Amd64 or Arm64.",
            Problem(Valid() with { Architectures = [default] }));

    [Fact]
    public void Rejects_an_undefined_operating_system() =>
        Assert.Equal(
            "NodePools[0].OperatingSystem: 3 is not an operating system; use Linux or Windows.",
            Problem(Valid() with { OperatingSystem = (NodeOperatingSystem)3 }));

    [Theory]
    [InlineData(nameof(NodePoolSpec.InstanceCategories))]
    [InlineData(nameof(NodePoolSpec.InstanceFamilies))]
    [InlineData(nameof(NodePoolSpec.InstanceTypes))]
    [InlineData(nameof(NodePoolSpec.Zones))]
    public void Rejects_requirement_values_that_are_not_label_values(string prop)
    {
        IReadOnlyList<string> values = ["ok", "m 5", ""];
        var pool = prop switch
        {
            nameof(NodePoolSpec.InstanceCategories) => Valid() with { InstanceCategories = values },
            nameof(NodePoolSpec.InstanceFamilies) => Valid() with { InstanceFamilies = values },
            nameof(NodePoolSpec.InstanceTypes) => Valid() with { InstanceTypes = values },
            _ => Valid() with { Zones = values },
        };
        Assert.Equal(
            [
                $"NodePools[0].{prop}[1]: 'm 5' is not a label value; use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
                $"NodePools[0].{prop}[2]: '' is not a label value; use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
            ],
            Problems(pool));
    }

    [Fact]
    public void Rejects_a_negative_instance_generation() =>
        Assert.Equal(
            "NodePools[0].InstanceGenerationGreaterThan: -1 must not be negative.",
            Problem(Valid() with { InstanceGenerationGreaterThan = -1 }));

    [Fact]
    public void Rejects_a_requirement_key_that_is_not_a_label_key() =>
        Assert.Equal(
            "NodePools[0].AdditionalRequirements[0].Key: 'Example.com/tier' is not a label key; use an optional DNS prefix and '/', then letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
            Problem(Valid() with { AdditionalRequirements = [new NodeSelectorRequirement { Key = "Example.com/tier", Operator = RequirementOperator.Exists }] }));

    [Theory]
    [InlineData("kubernetes.io/hostname")]
    [InlineData("karpenter.sh/nodepool")]
    [InlineData("karpenter.sh/do-not-disrupt")]
    [InlineData("team.karpenter.sh/x")]
    public void Rejects_a_requirement_on_a_key_karpenter_restricts(string key) =>
        Assert.Equal(
            $"NodePools[0].AdditionalRequirements[0].Key: '{key}' is restricted by Karpenter; of karpenter.sh keys only karpenter.sh/capacity-type (CapacityTypes) may be required, and kubernetes.io/hostname never.",
            Problem(Valid() with { AdditionalRequirements = [new NodeSelectorRequirement { Key = key, Operator = RequirementOperator.Exists }] }));

    [Theory]
    [InlineData(RequirementOperator.In)]
    [InlineData(RequirementOperator.NotIn)]
    public void Requires_a_value_for_in_and_not_in(RequirementOperator op) =>
        Assert.Equal($"NodePools[0].AdditionalRequirements[0].Values: {op} needs at least one value.", Problem(WithRequirement(op)));

    [Fact]
    public void Rejects_in_values_that_are_not_label_values() =>
        Assert.Equal(
            "NodePools[0].AdditionalRequirements[0].Values[0]: 'a b' is not a label value; use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
            Problem(WithRequirement(RequirementOperator.In, "a b")));

    [Theory]
    [InlineData(RequirementOperator.Exists)]
    [InlineData(RequirementOperator.DoesNotExist)]
    public void Rejects_values_for_exists_and_does_not_exist(RequirementOperator op) =>
        Assert.Equal(
            $"NodePools[0].AdditionalRequirements[0].Values: {op} takes no values; remove [a, b].",
            Problem(WithRequirement(op, "a", "b")));

    [Theory]
    [InlineData(RequirementOperator.Gt, new string[0], "")]
    [InlineData(RequirementOperator.Gt, new[] { "5", "6" }, "5, 6")]
    [InlineData(RequirementOperator.Lt, new[] { "-1" }, "-1")]
    [InlineData(RequirementOperator.Lt, new[] { "five" }, "five")]
    public void Requires_one_non_negative_integer_for_gt_and_lt(RequirementOperator op, string[] values, string shown) =>
        Assert.Equal(
            $"NodePools[0].AdditionalRequirements[0].Values: {op} needs exactly one non-negative integer value, such as 5; got [{shown}].",
            Problem(WithRequirement(op, values)));

    [Fact]
    public void Rejects_an_undefined_operator() =>
        Assert.Equal(
            "NodePools[0].AdditionalRequirements[0].Operator: 9 is not an operator; use In, NotIn, Exists, DoesNotExist, Gt or Lt.",
            Problem(WithRequirement((RequirementOperator)9)));

    [Fact]
    public void Rejects_bad_and_restricted_labels()
    {
        var pool = Valid() with
        {
            Labels = new Dictionary<string, string>
            {
                ["bad key"] = "v",
                ["karpenter.sh/nodepool"] = "x",
                ["kubernetes.io/hostname"] = "h",
                ["team"] = "not ok!",
            },
        };
        Assert.Equal(
            [
                "NodePools[0].Labels['bad key']: 'bad key' is not a label key; use an optional DNS prefix and '/', then letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
                "NodePools[0].Labels['karpenter.sh/nodepool']: 'karpenter.sh/nodepool' is restricted by Karpenter, which sets it; remove it.",
                "NodePools[0].Labels['kubernetes.io/hostname']: 'kubernetes.io/hostname' is restricted by Karpenter, which sets it; remove it.",
                "NodePools[0].Labels['team']: 'not ok!' is not a label value; use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
            ],
            Problems(pool));
    }

    [Fact]
    public void Rejects_bad_taints_and_startup_taints()
    {
        var pool = Valid() with
        {
            Taints = [new Taint { Key = "", Value = "a b", Effect = (TaintEffect)4 }],
            StartupTaints = [new Taint { Key = "example.com/ok", Effect = TaintEffect.NoSchedule }, new Taint { Key = "/x", Effect = TaintEffect.NoExecute }],
        };
        Assert.Equal(
            [
                "NodePools[0].Taints[0].Key: '' is not a label key; use an optional DNS prefix and '/', then letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
                "NodePools[0].Taints[0].Value: 'a b' is not a label value; use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit. Omit it for a taint without a value.",
                "NodePools[0].Taints[0].Effect: 4 is not a taint effect; use NoSchedule, PreferNoSchedule or NoExecute.",
                "NodePools[0].StartupTaints[1].Key: '/x' is not a label key; use an optional DNS prefix and '/', then letters, digits, '-', '_' or '.', starting and ending with a letter or digit.",
            ],
            Problems(pool));
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("1.5h")]
    [InlineData("500ms")]
    [InlineData("1d")]
    [InlineData("never")]
    [InlineData("")]
    public void Rejects_an_expire_after_that_is_not_a_duration(string value) =>
        Assert.Equal(
            $"NodePools[0].ExpireAfter: '{value}' is not a duration; use Go duration syntax such as 30s, 5m or 720h, or Never.",
            Problem(Valid() with { ExpireAfter = value }));

    [Theory]
    [InlineData("30s")]
    [InlineData("5m")]
    [InlineData("720h")]
    [InlineData("1h30m")]
    [InlineData("Never")]
    public void Accepts_durations_karpenter_accepts(string value) =>
        Assert.Empty(Problems(Valid() with { ExpireAfter = value, Disruption = new NodePoolDisruption { ConsolidateAfter = value } }));

    [Theory]
    [InlineData("Never")]
    [InlineData("2 days")]
    public void Rejects_a_termination_grace_period_that_is_not_a_duration(string value) =>
        Assert.Equal(
            $"NodePools[0].TerminationGracePeriod: '{value}' is not a duration; use Go duration syntax such as 30s, 5m or 48h, or omit it to wait for pods indefinitely.",
            Problem(Valid() with { TerminationGracePeriod = value }));

    [Fact]
    public void Rejects_a_consolidate_after_that_is_not_a_duration() =>
        Assert.Equal(
            "NodePools[0].Disruption.ConsolidateAfter: '5 minutes' is not a duration; use Go duration syntax such as 30s, 5m or 720h, or Never.",
            Problem(Valid() with { Disruption = new NodePoolDisruption { ConsolidateAfter = "5 minutes" } }));

    [Fact]
    public void Rejects_an_undefined_consolidation_policy() =>
        Assert.Equal(
            "NodePools[0].Disruption.ConsolidationPolicy: 3 is not a consolidation policy; use WhenEmpty or WhenEmptyOrUnderutilized.",
            Problem(Valid() with { Disruption = new NodePoolDisruption { ConsolidationPolicy = (ConsolidationPolicy)3 } }));

    [Theory]
    [InlineData("101%")]
    [InlineData("-1")]
    [InlineData("10 %")]
    [InlineData("ten")]
    [InlineData("")]
    public void Rejects_budget_nodes_that_are_not_a_count_or_percentage(string nodes) =>
        Assert.Equal(
            $"NodePools[0].Disruption.Budgets[0].Nodes: '{nodes}' is not a node count; use a whole number such as 0 or 5, or a percentage from 0% to 100% such as 10%.",
            Problem(WithBudget(new DisruptionBudget { Nodes = nodes })));

    [Theory]
    [InlineData("0 9 * *")]
    [InlineData("@weekdays")]
    public void Rejects_a_budget_schedule_that_is_not_cron(string schedule) =>
        Assert.Equal(
            $"NodePools[0].Disruption.Budgets[0].Schedule: '{schedule}' is not a cron schedule; use five fields such as '0 9 * * mon-fri' (UTC) or a macro such as @daily.",
            Problem(WithBudget(new DisruptionBudget { Nodes = "0", Schedule = schedule, Duration = "8h" })));

    [Theory]
    [InlineData("30s")]
    [InlineData("8 hours")]
    [InlineData("1m30s")]
    public void Rejects_a_budget_duration_with_seconds_or_bad_syntax(string duration) =>
        Assert.Equal(
            $"NodePools[0].Disruption.Budgets[0].Duration: '{duration}' is not a budget duration; use hours and minutes such as 8h, 30m or 1h30m (cron has no seconds).",
            Problem(WithBudget(new DisruptionBudget { Nodes = "0", Schedule = "@daily", Duration = duration })));

    [Fact]
    public void Requires_a_duration_with_a_schedule() =>
        Assert.Equal(
            "NodePools[0].Disruption.Budgets[0].Duration: a budget with a Schedule needs a Duration, how long it stays active after each schedule hit.",
            Problem(WithBudget(new DisruptionBudget { Nodes = "0", Schedule = "0 9 * * mon-fri" })));

    [Fact]
    public void Requires_a_schedule_with_a_duration() =>
        Assert.Equal(
            "NodePools[0].Disruption.Budgets[0].Schedule: a budget with a Duration needs a Schedule, when it becomes active.",
            Problem(WithBudget(new DisruptionBudget { Nodes = "0", Duration = "8h" })));

    [Fact]
    public void Rejects_an_undefined_disruption_reason() =>
        Assert.Equal(
            "NodePools[0].Disruption.Budgets[0].Reasons[1]: 0 is not a disruption reason; use Empty, Drifted or Underutilized.",
            Problem(WithBudget(new DisruptionBudget { Nodes = "1", Reasons = [DisruptionReason.Drifted, default] })));

    [Fact]
    public void Rejects_empty_limits() =>
        Assert.Equal(
            "NodePools[0].Limits: no limit set; set Cpu, Memory or Nodes, or omit Limits for an unbounded pool.",
            Problem(Valid() with { Limits = new NodePoolLimits() }));

    [Theory]
    [InlineData("64 cores")]
    [InlineData("256GB")]
    [InlineData("-1")]
    [InlineData("1e3")]
    [InlineData("")]
    public void Rejects_limits_that_are_not_quantities(string quantity) =>
        Assert.Equal(
            [
                $"NodePools[0].Limits.Cpu: '{quantity}' is not a resource quantity; use a number with an optional suffix such as 64, 500m or 256Gi.",
                $"NodePools[0].Limits.Memory: '{quantity}' is not a resource quantity; use a number with an optional suffix such as 64, 500m or 256Gi.",
            ],
            Problems(Valid() with { Limits = new NodePoolLimits { Cpu = quantity, Memory = quantity } }));

    [Fact]
    public void Rejects_a_negative_node_limit() =>
        Assert.Equal("NodePools[0].Limits.Nodes: -1 must not be negative.", Problem(Valid() with { Limits = new NodePoolLimits { Nodes = -1 } }));

    [Fact]
    public void Leaves_out_the_dot_when_there_is_no_path() =>
        Assert.Equal(
            "Weight: 0 must be between 1 and 100; omit it for the lowest priority (0).",
            Assert.Single(KarpenterManifestValidator.ValidateNodePool(Valid() with { Weight = 0 }, "")).ToString());
}
