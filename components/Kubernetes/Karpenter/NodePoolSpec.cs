using System.Collections.Generic;
using System.Linq;
using Infra.Components.Kubernetes.Karpenter.Internal;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// A Karpenter <c>NodePool</c> (<c>karpenter.sh/v1</c>): which nodes Karpenter may launch for pending pods, how it
/// retires them, and how much it may launch. <see cref="ToManifest"/> renders the custom resource for
/// <c>KubernetesManifest</c>; problems are reported by <see cref="KarpenterManifestValidator"/>.
/// </summary>
public sealed record NodePoolSpec
{
    /// <summary>The custom resource's <c>apiVersion</c>.</summary>
    public const string ApiVersion = "karpenter.sh/v1";

    /// <summary>The custom resource's <c>kind</c>.</summary>
    public const string Kind = "NodePool";

    /// <summary>The NodePool's name (<c>metadata.name</c>), a DNS-1123 label; nodes carry it as <c>karpenter.sh/nodepool</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The name of the <see cref="Ec2NodeClassSpec"/> the pool's nodes are launched with (<c>nodeClassRef</c>).</summary>
    public required string NodeClassName { get; init; }

    /// <summary>The capacity types Karpenter may buy (<c>karpenter.sh/capacity-type</c>); at least one.</summary>
    public required IReadOnlyList<CapacityType> CapacityTypes { get; init; }

    /// <summary>The CPU architectures Karpenter may launch (<c>kubernetes.io/arch</c>); at least one.</summary>
    public required IReadOnlyList<CpuArchitecture> Architectures { get; init; }

    /// <summary>The node operating system (<c>kubernetes.io/os</c>).</summary>
    /// <value><see cref="NodeOperatingSystem.Linux"/>.</value>
    public NodeOperatingSystem OperatingSystem { get; init; } = KarpenterDefaults.OperatingSystem;

    /// <summary>Instance categories (<c>karpenter.k8s.aws/instance-category</c>), such as <c>c</c>, <c>m</c> and <c>r</c>.</summary>
    /// <value>Omitted: any category, including burstable (<c>t</c>) and accelerated ones.</value>
    public IReadOnlyList<string> InstanceCategories { get; init; } = [];

    /// <summary>Only instance generations greater than this (<c>karpenter.k8s.aws/instance-generation</c> <c>Gt</c>), such as 5.</summary>
    /// <value>Omitted: any generation.</value>
    public int? InstanceGenerationGreaterThan { get; init; }

    /// <summary>Instance families (<c>karpenter.k8s.aws/instance-family</c>), such as <c>m7g</c>.</summary>
    /// <value>Omitted: any family the other requirements allow.</value>
    public IReadOnlyList<string> InstanceFamilies { get; init; } = [];

    /// <summary>Instance types (<c>node.kubernetes.io/instance-type</c>), such as <c>m7g.large</c>. Keep it broad for Spot.</summary>
    /// <value>Omitted: any type the other requirements allow.</value>
    public IReadOnlyList<string> InstanceTypes { get; init; } = [];

    /// <summary>Availability zones (<c>topology.kubernetes.io/zone</c>), such as <c>eu-west-1a</c>.</summary>
    /// <value>Omitted: every zone of the EC2NodeClass's subnets.</value>
    public IReadOnlyList<string> Zones { get; init; } = [];

    /// <summary>Requirements the typed props do not cover; written after them.</summary>
    /// <value>Omitted: none.</value>
    public IReadOnlyList<NodeSelectorRequirement> AdditionalRequirements { get; init; } = [];

    /// <summary>Labels put on every node (<c>spec.template.metadata.labels</c>).</summary>
    /// <value>Omitted: only the labels Karpenter and the kubelet set.</value>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Annotations put on every node (<c>spec.template.metadata.annotations</c>).</summary>
    /// <value>Omitted: none.</value>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Taints put on every node; pods must tolerate them to be scheduled there.</summary>
    /// <value>Omitted: no taints.</value>
    public IReadOnlyList<Taint> Taints { get; init; } = [];

    /// <summary>Taints put on nodes at startup and expected to be removed by an agent (pods need not tolerate them).</summary>
    /// <value>Omitted: no startup taints.</value>
    public IReadOnlyList<Taint> StartupTaints { get; init; } = [];

    /// <summary>
    /// How long a node may live before Karpenter replaces it, such as <c>"720h"</c>, or <c>"Never"</c>. Changing it drifts
    /// the pool's nodes.
    /// </summary>
    /// <value>Omitted: the CRD default, <c>720h</c> (30 days).</value>
    public string? ExpireAfter { get; init; }

    /// <summary>
    /// How long a node may drain before Karpenter deletes its remaining pods, such as <c>"48h"</c>. It overrides PDBs
    /// and <c>karpenter.sh/do-not-disrupt</c> once reached.
    /// </summary>
    /// <value>Omitted: Karpenter waits for pods to drain indefinitely.</value>
    public string? TerminationGracePeriod { get; init; }

    /// <summary>Consolidation and disruption budgets.</summary>
    /// <value>
    /// Omitted: the CRD defaults, <c>WhenEmptyOrUnderutilized</c> after <c>0s</c> with one budget of <c>10%</c>.
    /// </value>
    public NodePoolDisruption? Disruption { get; init; }

    /// <summary>The most CPU, memory and nodes the pool may hold.</summary>
    /// <value>Omitted: unbounded, up to the account's EC2 quotas.</value>
    public NodePoolLimits? Limits { get; init; }

    /// <summary>Priority among NodePools that fit a pod, 1 to 100; higher is tried first.</summary>
    /// <value>Omitted: weight 0, tried after every weighted pool.</value>
    public int? Weight { get; init; }

    /// <summary>
    /// Renders the <c>NodePool</c> custom resource as nested dictionaries, arrays and scalars for
    /// <c>KubernetesManifest</c>. Throws <see cref="ConstructValidationException"/> listing every problem first.
    /// </summary>
    public IDictionary<string, object> ToManifest()
    {
        var problems = KarpenterManifestValidator.ValidateNodePool(this, string.Empty);
        if (problems.Count > 0)
        {
            throw new ConstructValidationException(Name, nameof(NodePoolSpec), problems);
        }

        var spec = new Dictionary<string, object> { ["template"] = Template() };
        if (Disruption is { } disruption)
        {
            spec["disruption"] = RenderDisruption(disruption);
        }

        if (Limits is { } limits)
        {
            spec["limits"] = RenderLimits(limits);
        }

        if (Weight is { } weight)
        {
            spec["weight"] = weight;
        }

        return new Dictionary<string, object>
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = new Dictionary<string, object> { ["name"] = Name },
            ["spec"] = spec,
        };
    }

    private Dictionary<string, object> Template()
    {
        var template = new Dictionary<string, object>();
        var metadata = new Dictionary<string, object>();
        if (Labels is { Count: > 0 })
        {
            metadata["labels"] = ManifestValues.Sorted(Labels);
        }

        if (Annotations is { Count: > 0 })
        {
            metadata["annotations"] = ManifestValues.Sorted(Annotations);
        }

        if (metadata.Count > 0)
        {
            template["metadata"] = metadata;
        }

        var spec = new Dictionary<string, object>
        {
            ["nodeClassRef"] = new Dictionary<string, object>
            {
                ["group"] = Ec2NodeClassSpec.Group,
                ["kind"] = Ec2NodeClassSpec.Kind,
                ["name"] = NodeClassName,
            },
            ["requirements"] = Requirements().ToArray(),
        };
        if (Taints.Count > 0)
        {
            spec["taints"] = Taints.Select(RenderTaint).ToArray();
        }

        if (StartupTaints.Count > 0)
        {
            spec["startupTaints"] = StartupTaints.Select(RenderTaint).ToArray();
        }

        if (ExpireAfter is not null)
        {
            spec["expireAfter"] = ExpireAfter;
        }

        if (TerminationGracePeriod is not null)
        {
            spec["terminationGracePeriod"] = TerminationGracePeriod;
        }

        template["spec"] = spec;
        return template;
    }

    private IEnumerable<object> Requirements()
    {
        yield return Requirement(WellKnownLabels.CapacityType, RequirementOperator.In, CapacityTypes.Select(ManifestValues.Of));
        yield return Requirement(WellKnownLabels.Architecture, RequirementOperator.In, Architectures.Select(ManifestValues.Of));
        yield return Requirement(WellKnownLabels.OperatingSystem, RequirementOperator.In, [ManifestValues.Of(OperatingSystem)]);
        if (InstanceCategories.Count > 0)
        {
            yield return Requirement(WellKnownLabels.InstanceCategory, RequirementOperator.In, InstanceCategories);
        }

        if (InstanceGenerationGreaterThan is { } generation)
        {
            yield return Requirement(WellKnownLabels.InstanceGeneration, RequirementOperator.Gt, [generation.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (InstanceFamilies.Count > 0)
        {
            yield return Requirement(WellKnownLabels.InstanceFamily, RequirementOperator.In, InstanceFamilies);
        }

        if (InstanceTypes.Count > 0)
        {
            yield return Requirement(WellKnownLabels.InstanceType, RequirementOperator.In, InstanceTypes);
        }

        if (Zones.Count > 0)
        {
            yield return Requirement(WellKnownLabels.Zone, RequirementOperator.In, Zones);
        }

        foreach (var requirement in AdditionalRequirements)
        {
            yield return Requirement(requirement.Key, requirement.Operator, requirement.Values);
        }
    }

    private static Dictionary<string, object> Requirement(string key, RequirementOperator op, IEnumerable<string> values)
    {
        var requirement = new Dictionary<string, object> { ["key"] = key, ["operator"] = ManifestValues.Of(op) };
        var array = ManifestValues.Strings(values);
        if (array.Length > 0)
        {
            requirement["values"] = array;
        }

        return requirement;
    }

    private static Dictionary<string, object> RenderTaint(Taint taint)
    {
        var rendered = new Dictionary<string, object> { ["key"] = taint.Key };
        if (taint.Value is not null)
        {
            rendered["value"] = taint.Value;
        }

        rendered["effect"] = ManifestValues.Of(taint.Effect);
        return rendered;
    }

    private static Dictionary<string, object> RenderDisruption(NodePoolDisruption disruption)
    {
        // consolidateAfter is required by the CRD whenever disruption is written, so both are always rendered.
        var rendered = new Dictionary<string, object>
        {
            ["consolidationPolicy"] = ManifestValues.Of(disruption.ConsolidationPolicy),
            ["consolidateAfter"] = disruption.ConsolidateAfter,
        };
        if (disruption.Budgets.Count > 0)
        {
            rendered["budgets"] = disruption.Budgets.Select(RenderBudget).ToArray();
        }

        return rendered;
    }

    private static object RenderBudget(DisruptionBudget budget)
    {
        var rendered = new Dictionary<string, object> { ["nodes"] = budget.Nodes };
        if (budget.Reasons.Count > 0)
        {
            rendered["reasons"] = budget.Reasons.Select(r => (object)ManifestValues.Of(r)).ToArray();
        }

        if (budget.Schedule is not null)
        {
            rendered["schedule"] = budget.Schedule;
        }

        if (budget.Duration is not null)
        {
            rendered["duration"] = budget.Duration;
        }

        return rendered;
    }

    private static Dictionary<string, object> RenderLimits(NodePoolLimits limits)
    {
        // Quantities are strings: the API server coerces integers to strings, which would show as a diff.
        var rendered = new Dictionary<string, object>();
        if (limits.Cpu is not null)
        {
            rendered["cpu"] = limits.Cpu;
        }

        if (limits.Memory is not null)
        {
            rendered["memory"] = limits.Memory;
        }

        if (limits.Nodes is { } nodes)
        {
            rendered["nodes"] = nodes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return rendered;
    }
}
