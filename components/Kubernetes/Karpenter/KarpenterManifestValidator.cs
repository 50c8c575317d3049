using System;
using System.Collections.Generic;
using System.Linq;
using Infra.Components.Kubernetes.Karpenter.Internal;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// Karpenter v1's constraints on NodePools and EC2NodeClasses, plus this project's rules (encrypted volumes, no gp2,
/// IMDSv2), checked before deploy. Every problem is returned at once, each naming the prop path, the value received
/// and what is allowed. Public so that configuration loaders can report the same problems against their own paths.
/// </summary>
public static class KarpenterManifestValidator
{
    /// <summary>The largest NodePool weight.</summary>
    public const int MaxWeight = 100;

    /// <summary>The largest IMDS hop limit.</summary>
    public const int MaxHopLimit = 64;

    /// <summary>Karpenter's limit on tags in one selector term.</summary>
    public const int MaxSelectorTags = 20;

    private const string DnsLabelRule = "is not a DNS-1123 label; use 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit.";
    private const string LabelKeyRule = "is not a label key; use an optional DNS prefix and '/', then letters, digits, '-', '_' or '.', starting and ending with a letter or digit.";
    private const string LabelValueRule = "is not a label value; use 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.";
    private const string DurationRule = "is not a duration; use Go duration syntax such as 30s, 5m or 720h, or Never.";

    private static readonly string[] AliasFamilies = ["al2023", "bottlerocket", "windows2019", "windows2022"];

    private static readonly string[] RestrictedTagKeys = ["eks:eks-cluster-name", "karpenter.sh/nodepool", "karpenter.sh/nodeclaim", "karpenter.k8s.aws/ec2nodeclass"];

    /// <summary>
    /// Returns every problem with a set of NodePools and the EC2NodeClasses they reference, at paths
    /// <c>NodePools[i]</c> and <c>NodeClasses[i]</c>; empty when they are valid. Beyond each resource's own rules,
    /// names must be unique and every NodePool must reference one of <paramref name="nodeClasses"/>.
    /// </summary>
    /// <param name="nodePools">The NodePools.</param>
    /// <param name="nodeClasses">The EC2NodeClasses.</param>
    /// <param name="requirePinnedAmis">Reject <c>@latest</c> aliases (see <see cref="IsPinned"/>); set it for production.</param>
    public static IReadOnlyList<PropertyProblem> Validate(IReadOnlyList<NodePoolSpec> nodePools, IReadOnlyList<Ec2NodeClassSpec> nodeClasses, bool requirePinnedAmis = false)
    {
        ArgumentNullException.ThrowIfNull(nodePools);
        ArgumentNullException.ThrowIfNull(nodeClasses);
        var problems = new List<PropertyProblem>();
        for (var i = 0; i < nodePools.Count; i++)
        {
            problems.AddRange(ValidateNodePool(nodePools[i], $"NodePools[{i}]"));
        }

        for (var i = 0; i < nodeClasses.Count; i++)
        {
            problems.AddRange(ValidateNodeClass(nodeClasses[i], $"NodeClasses[{i}]", requirePinnedAmis));
        }

        AddDuplicateNames(nodePools.Select(p => p.Name).ToList(), "NodePools", "node pools", problems);
        AddDuplicateNames(nodeClasses.Select(c => c.Name).ToList(), "NodeClasses", "node classes", problems);

        var known = nodeClasses.Select(c => c.Name).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < nodePools.Count; i++)
        {
            var reference = nodePools[i].NodeClassName;
            if (KarpenterPatterns.IsDnsLabel(reference) && !known.Contains(reference, StringComparer.Ordinal))
            {
                problems.Add(new PropertyProblem($"NodePools[{i}].NodeClassName", $"'{reference}' names no node class in NodeClasses; known: {(known.Count == 0 ? "none" : string.Join(", ", known))}."));
            }
        }

        return problems;
    }

    /// <summary>Returns every problem with one NodePool; empty when it is valid.</summary>
    /// <param name="nodePool">The NodePool.</param>
    /// <param name="at">The NodePool's path in messages, such as <c>NodePools[0]</c>; empty for none.</param>
    public static IReadOnlyList<PropertyProblem> ValidateNodePool(NodePoolSpec nodePool, string at)
    {
        ArgumentNullException.ThrowIfNull(nodePool);
        ArgumentNullException.ThrowIfNull(at);
        var problems = new List<PropertyProblem>();
        Require(KarpenterPatterns.IsDnsLabel(nodePool.Name), new PropertyProblem(Path(at, "Name"), $"'{nodePool.Name}' {DnsLabelRule}"), problems);
        Require(KarpenterPatterns.IsDnsLabel(nodePool.NodeClassName), new PropertyProblem(Path(at, "NodeClassName"), $"'{nodePool.NodeClassName}' {DnsLabelRule}"), problems);
        if (nodePool.Weight is { } weight && (weight < 1 || weight > MaxWeight))
        {
            problems.Add(new PropertyProblem(Path(at, "Weight"), $"{weight} must be between 1 and {MaxWeight}; omit it for the lowest priority (0)."));
        }

        ValidateRequirements(nodePool, at, problems);
        ValidateMetadata(nodePool, at, problems);
        ValidateTaints(nodePool.Taints, Path(at, "Taints"), problems);
        ValidateTaints(nodePool.StartupTaints, Path(at, "StartupTaints"), problems);
        if (nodePool.ExpireAfter is { } expireAfter && !KarpenterPatterns.IsDuration(expireAfter, allowNever: true))
        {
            problems.Add(new PropertyProblem(Path(at, "ExpireAfter"), $"'{expireAfter}' {DurationRule}"));
        }

        if (nodePool.TerminationGracePeriod is { } grace && !KarpenterPatterns.IsDuration(grace, allowNever: false))
        {
            problems.Add(new PropertyProblem(Path(at, "TerminationGracePeriod"), $"'{grace}' is not a duration; use Go duration syntax such as 30s, 5m or 48h, or omit it to wait for pods indefinitely."));
        }

        if (nodePool.Disruption is { } disruption)
        {
            ValidateDisruption(disruption, Path(at, "Disruption"), problems);
        }

        if (nodePool.Limits is { } limits)
        {
            ValidateLimits(limits, Path(at, "Limits"), problems);
        }

        return problems;
    }

    /// <summary>Returns every problem with one EC2NodeClass; empty when it is valid.</summary>
    /// <param name="nodeClass">The EC2NodeClass.</param>
    /// <param name="at">The node class's path in messages, such as <c>NodeClasses[0]</c>; empty for none.</param>
    /// <param name="requirePinnedAmi">Reject <c>@latest</c> aliases (see <see cref="IsPinned"/>); set it for production.</param>
    public static IReadOnlyList<PropertyProblem> ValidateNodeClass(Ec2NodeClassSpec nodeClass, string at, bool requirePinnedAmi = false)
    {
        ArgumentNullException.ThrowIfNull(nodeClass);
        ArgumentNullException.ThrowIfNull(at);
        var problems = new List<PropertyProblem>();
        Require(KarpenterPatterns.IsDnsLabel(nodeClass.Name), new PropertyProblem(Path(at, "Name"), $"'{nodeClass.Name}' {DnsLabelRule}"), problems);
        if (string.IsNullOrWhiteSpace(nodeClass.Role))
        {
            problems.Add(new PropertyProblem(Path(at, "Role"), $"empty; give the node IAM role's name, such as KarpenterNodeRole-my-cluster."));
        }
        else if (nodeClass.Role.StartsWith("arn:", StringComparison.Ordinal))
        {
            problems.Add(new PropertyProblem(Path(at, "Role"), $"'{nodeClass.Role}' is an ARN; give the role's name, such as KarpenterNodeRole-my-cluster."));
        }

        ValidateAmis(nodeClass, at, requirePinnedAmi, problems);
        ValidateSubnets(nodeClass.SubnetSelectorTerms, Path(at, "SubnetSelectorTerms"), problems);
        ValidateSecurityGroups(nodeClass.SecurityGroupSelectorTerms, Path(at, "SecurityGroupSelectorTerms"), problems);
        ValidateMetadataOptions(nodeClass.MetadataOptions, Path(at, "MetadataOptions"), problems);
        ValidateBlockDevices(nodeClass.BlockDeviceMappings, Path(at, "BlockDeviceMappings"), problems);
        if (nodeClass.Kubelet is { MaxPods: { } maxPods } && maxPods < 1)
        {
            problems.Add(new PropertyProblem(Path(at, "Kubelet.MaxPods"), $"{maxPods} must be at least 1."));
        }

        foreach (var key in (nodeClass.Tags ?? new Dictionary<string, string>()).Keys)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add(new PropertyProblem(Path(at, "Tags"), $"'{key}' is not a tag key; tag keys must not be empty."));
            }
            else if (RestrictedTagKeys.Contains(key, StringComparer.Ordinal) || key.StartsWith("kubernetes.io/cluster", StringComparison.Ordinal))
            {
                problems.Add(new PropertyProblem(Path(at, "Tags"), $"'{key}' is a tag Karpenter sets itself; remove it."));
            }
        }

        return problems;
    }

    /// <summary>
    /// True when <paramref name="alias"/> is a well-formed alias pinned to one AMI release (<c>al2023@v20261020</c>,
    /// <c>bottlerocket@v1.20.4</c>); false for <c>@latest</c>, which drifts every node when AWS publishes an AMI, and for
    /// anything malformed. Windows aliases cannot be pinned.
    /// </summary>
    /// <param name="alias">The alias, such as <c>al2023@latest</c>.</param>
    public static bool IsPinned(string alias) => ParseAlias(alias) is { Pinned: true };

    private static void ValidateRequirements(NodePoolSpec pool, string at, List<PropertyProblem> problems)
    {
        if (pool.CapacityTypes.Count == 0)
        {
            problems.Add(new PropertyProblem(Path(at, "CapacityTypes"), $"none given; give at least one of Spot, OnDemand or Reserved."));
        }

        AddUndefined(pool.CapacityTypes, Path(at, "CapacityTypes"), "a capacity type", "Spot, OnDemand or Reserved", problems);
        if (pool.Architectures.Count == 0)
        {
            problems.Add(new PropertyProblem(Path(at, "Architectures"), $"none given; give at least one of Amd64 or Arm64."));
        }

        AddUndefined(pool.Architectures, Path(at, "Architectures"), "an architecture", "Amd64 or Arm64", problems);
        if (!Enum.IsDefined(pool.OperatingSystem))
        {
            problems.Add(new PropertyProblem(Path(at, "OperatingSystem"), $"{(int)pool.OperatingSystem} is not an operating system; use Linux or Windows."));
        }

        ValidateLabelValues(pool.InstanceCategories, Path(at, "InstanceCategories"), problems);
        if (pool.InstanceGenerationGreaterThan is { } generation && generation < 0)
        {
            problems.Add(new PropertyProblem(Path(at, "InstanceGenerationGreaterThan"), $"{generation} must not be negative."));
        }

        ValidateLabelValues(pool.InstanceFamilies, Path(at, "InstanceFamilies"), problems);
        ValidateLabelValues(pool.InstanceTypes, Path(at, "InstanceTypes"), problems);
        ValidateLabelValues(pool.Zones, Path(at, "Zones"), problems);
        for (var i = 0; i < pool.AdditionalRequirements.Count; i++)
        {
            ValidateRequirement(pool.AdditionalRequirements[i], $"{Path(at, "AdditionalRequirements")}[{i}]", problems);
        }
    }

    private static void ValidateRequirement(NodeSelectorRequirement requirement, string at, List<PropertyProblem> problems)
    {
        if (!KarpenterPatterns.IsLabelKey(requirement.Key))
        {
            problems.Add(new PropertyProblem($"{at}.Key", $"'{requirement.Key}' {LabelKeyRule}"));
        }
        else if (IsRestrictedLabel(requirement.Key))
        {
            problems.Add(new PropertyProblem($"{at}.Key", $"'{requirement.Key}' is restricted by Karpenter; of karpenter.sh keys only karpenter.sh/capacity-type (CapacityTypes) may be required, and kubernetes.io/hostname never."));
        }

        var values = requirement.Values;
        switch (requirement.Operator)
        {
            case RequirementOperator.In or RequirementOperator.NotIn:
                if (values.Count == 0)
                {
                    problems.Add(new PropertyProblem($"{at}.Values", $"{requirement.Operator} needs at least one value."));
                }

                ValidateLabelValues(values, $"{at}.Values", problems);
                break;
            case RequirementOperator.Exists or RequirementOperator.DoesNotExist:
                if (values.Count > 0)
                {
                    problems.Add(new PropertyProblem($"{at}.Values", $"{requirement.Operator} takes no values; remove [{string.Join(", ", values)}]."));
                }

                break;
            case RequirementOperator.Gt or RequirementOperator.Lt:
                if (values.Count != 1 || !int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(new PropertyProblem($"{at}.Values", $"{requirement.Operator} needs exactly one non-negative integer value, such as 5; got [{string.Join(", ", values)}]."));
                }

                break;
            default:
                problems.Add(new PropertyProblem($"{at}.Operator", $"{(int)requirement.Operator} is not an operator; use In, NotIn, Exists, DoesNotExist, Gt or Lt."));
                break;
        }
    }

    private static void ValidateMetadata(NodePoolSpec pool, string at, List<PropertyProblem> problems)
    {
        foreach (var (key, value) in pool.Labels ?? new Dictionary<string, string>())
        {
            var path = $"{Path(at, "Labels")}['{key}']";
            if (!KarpenterPatterns.IsLabelKey(key))
            {
                problems.Add(new PropertyProblem(path, $"'{key}' {LabelKeyRule}"));
            }
            else if (IsRestrictedLabel(key))
            {
                problems.Add(new PropertyProblem(path, $"'{key}' is restricted by Karpenter, which sets it; remove it."));
            }

            // An empty label value is valid in Kubernetes.
            if (value.Length > 0 && !KarpenterPatterns.IsLabelValue(value))
            {
                problems.Add(new PropertyProblem(path, $"'{value}' {LabelValueRule}"));
            }
        }
    }

    private static void ValidateTaints(IReadOnlyList<Taint> taints, string at, List<PropertyProblem> problems)
    {
        for (var i = 0; i < taints.Count; i++)
        {
            var taint = taints[i];
            if (!KarpenterPatterns.IsLabelKey(taint.Key))
            {
                problems.Add(new PropertyProblem($"{at}[{i}].Key", $"'{taint.Key}' {LabelKeyRule}"));
            }

            if (taint.Value is { } value && !KarpenterPatterns.IsLabelValue(value))
            {
                problems.Add(new PropertyProblem($"{at}[{i}].Value", $"'{value}' {LabelValueRule} Omit it for a taint without a value."));
            }

            if (!Enum.IsDefined(taint.Effect))
            {
                problems.Add(new PropertyProblem($"{at}[{i}].Effect", $"{(int)taint.Effect} is not a taint effect; use NoSchedule, PreferNoSchedule or NoExecute."));
            }
        }
    }

    private static void ValidateDisruption(NodePoolDisruption disruption, string at, List<PropertyProblem> problems)
    {
        if (!Enum.IsDefined(disruption.ConsolidationPolicy))
        {
            problems.Add(new PropertyProblem($"{at}.ConsolidationPolicy", $"{(int)disruption.ConsolidationPolicy} is not a consolidation policy; use WhenEmpty or WhenEmptyOrUnderutilized."));
        }

        if (!KarpenterPatterns.IsDuration(disruption.ConsolidateAfter, allowNever: true))
        {
            problems.Add(new PropertyProblem($"{at}.ConsolidateAfter", $"'{disruption.ConsolidateAfter}' {DurationRule}"));
        }

        for (var i = 0; i < disruption.Budgets.Count; i++)
        {
            var budget = disruption.Budgets[i];
            var path = $"{at}.Budgets[{i}]";
            if (!KarpenterPatterns.IsBudgetNodes(budget.Nodes))
            {
                problems.Add(new PropertyProblem($"{path}.Nodes", $"'{budget.Nodes}' is not a node count; use a whole number such as 0 or 5, or a percentage from 0% to 100% such as 10%."));
            }

            if (budget.Schedule is { } schedule && !KarpenterPatterns.IsCron(schedule))
            {
                problems.Add(new PropertyProblem($"{path}.Schedule", $"'{schedule}' is not a cron schedule; use five fields such as '0 9 * * mon-fri' (UTC) or a macro such as @daily."));
            }

            if (budget.Duration is { } duration && !KarpenterPatterns.IsBudgetDuration(duration))
            {
                problems.Add(new PropertyProblem($"{path}.Duration", $"'{duration}' is not a budget duration; use hours and minutes such as 8h, 30m or 1h30m (cron has no seconds)."));
            }

            if (budget.Schedule is not null && budget.Duration is null)
            {
                problems.Add(new PropertyProblem($"{path}.Duration", $"a budget with a Schedule needs a Duration, how long it stays active after each schedule hit."));
            }
            else if (budget.Duration is not null && budget.Schedule is null)
            {
                problems.Add(new PropertyProblem($"{path}.Schedule", $"a budget with a Duration needs a Schedule, when it becomes active."));
            }

            AddUndefined(budget.Reasons, $"{path}.Reasons", "a disruption reason", "Empty, Drifted or Underutilized", problems);
        }
    }

    private static void ValidateLimits(NodePoolLimits limits, string at, List<PropertyProblem> problems)
    {
        if (limits.Cpu is null && limits.Memory is null && limits.Nodes is null)
        {
            problems.Add(new PropertyProblem(at, $"no limit set; set Cpu, Memory or Nodes, or omit Limits for an unbounded pool."));
        }

        foreach (var (name, value) in new[] { ("Cpu", limits.Cpu), ("Memory", limits.Memory) })
        {
            if (value is not null && !KarpenterPatterns.IsQuantity(value))
            {
                problems.Add(new PropertyProblem($"{at}.{name}", $"'{value}' is not a resource quantity; use a number with an optional suffix such as 64, 500m or 256Gi."));
            }
        }

        if (limits.Nodes is { } nodes && nodes < 0)
        {
            problems.Add(new PropertyProblem($"{at}.Nodes", $"{nodes} must not be negative."));
        }
    }

    private static void ValidateAmis(Ec2NodeClassSpec nodeClass, string at, bool requirePinned, List<PropertyProblem> problems)
    {
        var terms = nodeClass.AmiSelectorTerms;
        var termsPath = Path(at, "AmiSelectorTerms");
        if (terms.Count == 0)
        {
            problems.Add(new PropertyProblem(termsPath, $"none given; give one alias term such as al2023@v20261020, or id or tag terms with an AmiFamily."));
        }

        ParsedAlias? alias = null;
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            var path = $"{termsPath}[{i}]";
            if (CountSet(term.Tags, term.Alias, term.Id) != 1)
            {
                problems.Add(new PropertyProblem(path, $"set exactly one of Alias, Id or Tags."));
            }

            if (!string.IsNullOrEmpty(term.Alias))
            {
                var termAlias = ValidateAlias(term.Alias, $"{path}.Alias", requirePinned, problems);
                alias ??= termAlias;
            }

            if (!string.IsNullOrEmpty(term.Id) && !KarpenterPatterns.IsToken(term.Id) && !term.Id.StartsWith("ami-", StringComparison.Ordinal))
            {
                problems.Add(new PropertyProblem($"{path}.Id", $"'{term.Id}' is not an AMI id such as ami-0123456789abcdef0."));
            }

            ValidateSelectorTags(term.Tags, $"{path}.Tags", problems);
        }

        var hasAlias = terms.Any(t => !string.IsNullOrEmpty(t.Alias));
        if (hasAlias && terms.Count > 1)
        {
            problems.Add(new PropertyProblem(termsPath, $"an Alias term must be the only term; {terms.Count} terms given."));
        }

        var familyPath = Path(at, "AmiFamily");
        if (nodeClass.AmiFamily is { } family)
        {
            if (!Enum.IsDefined(family))
            {
                problems.Add(new PropertyProblem(familyPath, $"{(int)family} is not an AMI family; use Al2023, Bottlerocket, Windows2019, Windows2022 or Custom."));
            }
            else if (alias is { } parsed && family != AmiFamily.Custom && family != parsed.Family)
            {
                problems.Add(new PropertyProblem(familyPath, $"{family} does not match the alias family {parsed.Family}; omit AmiFamily (the alias implies it) or use Custom."));
            }
        }
        else if (!hasAlias && terms.Count > 0)
        {
            problems.Add(new PropertyProblem(familyPath, $"required without an alias term; Karpenter needs it for the user data and default block devices."));
        }
    }

    private static ParsedAlias? ValidateAlias(string value, string path, bool requirePinned, List<PropertyProblem> problems)
    {
        var parsed = ParseAlias(value);
        if (parsed is null)
        {
            problems.Add(new PropertyProblem(path, $"'{value}' is not an AMI alias; use family@version with family {string.Join(", ", AliasFamilies)}, such as al2023@v20261020 or bottlerocket@v1.20.4."));
            return null;
        }

        if (!parsed.ValidVersion)
        {
            problems.Add(new PropertyProblem(path, parsed.Family switch
            {
                AmiFamily.Al2023 => $"'{value}' has no valid AL2023 version; use latest or a release date such as v20261020.",
                AmiFamily.Bottlerocket => $"'{value}' has no valid Bottlerocket version; use latest or a release such as v1.20.4.",
                _ => $"'{value}' pins a Windows AMI; Windows aliases only support latest.",
            }));
        }
        else if (requirePinned && !parsed.Pinned)
        {
            problems.Add(new PropertyProblem(path, $"'{value}' floats to the newest AMI; pin a release such as al2023@v20261020 so nodes change only when the pin does."));
        }

        return parsed;
    }

    private static ParsedAlias? ParseAlias(string? alias)
    {
        var parts = (alias ?? string.Empty).Split('@');
        if (parts.Length != 2 || parts[1].Length == 0)
        {
            return null;
        }

        AmiFamily? family = parts[0] switch
        {
            "al2023" => AmiFamily.Al2023,
            "bottlerocket" => AmiFamily.Bottlerocket,
            "windows2019" => AmiFamily.Windows2019,
            "windows2022" => AmiFamily.Windows2022,
            _ => null,
        };
        if (family is not { } known)
        {
            return null;
        }

        var version = parts[1];
        var latest = version == "latest";
        var valid = latest || known switch
        {
            AmiFamily.Al2023 => KarpenterPatterns.IsDateVersion(version),
            AmiFamily.Bottlerocket => KarpenterPatterns.IsSemVer(version),
            _ => false,
        };
        return new ParsedAlias(known, valid, valid && !latest);
    }

    private static void ValidateSubnets(IReadOnlyList<SubnetSelectorTerm> terms, string at, List<PropertyProblem> problems)
    {
        if (terms.Count == 0)
        {
            problems.Add(new PropertyProblem(at, $"none given; select subnets by Tags (such as karpenter.sh/discovery) or by Id."));
        }

        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (CountSet(term.Tags, term.Id) != 1)
            {
                problems.Add(new PropertyProblem($"{at}[{i}]", $"set exactly one of Tags or Id."));
            }

            ValidateId(term.Id, "subnet-", "a subnet id such as subnet-0123456789abcdef0", $"{at}[{i}].Id", problems);
            ValidateSelectorTags(term.Tags, $"{at}[{i}].Tags", problems);
        }
    }

    private static void ValidateSecurityGroups(IReadOnlyList<SecurityGroupSelectorTerm> terms, string at, List<PropertyProblem> problems)
    {
        if (terms.Count == 0)
        {
            problems.Add(new PropertyProblem(at, $"none given; select security groups by Tags, Id or Name."));
        }

        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (CountSet(term.Tags, term.Id, term.Name) != 1)
            {
                problems.Add(new PropertyProblem($"{at}[{i}]", $"set exactly one of Tags, Id or Name."));
            }

            ValidateId(term.Id, "sg-", "a security group id such as sg-0123456789abcdef0", $"{at}[{i}].Id", problems);
            ValidateSelectorTags(term.Tags, $"{at}[{i}].Tags", problems);
        }
    }

    private static void ValidateId(string? id, string prefix, string what, string path, List<PropertyProblem> problems)
    {
        if (!string.IsNullOrEmpty(id) && !KarpenterPatterns.IsToken(id) && !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            problems.Add(new PropertyProblem(path, $"'{id}' is not {what}."));
        }
    }

    private static void ValidateSelectorTags(IReadOnlyDictionary<string, string>? tags, string at, List<PropertyProblem> problems)
    {
        if (tags is null || tags.Count == 0)
        {
            return;
        }

        if (tags.Count > MaxSelectorTags)
        {
            problems.Add(new PropertyProblem(at, $"{tags.Count} tags given; a selector term takes at most {MaxSelectorTags}."));
        }

        foreach (var (key, value) in tags)
        {
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(value))
            {
                problems.Add(new PropertyProblem($"{at}['{key}']", $"empty tag keys and values are not supported; use '*' to match any value."));
            }
        }
    }

    private static void ValidateMetadataOptions(InstanceMetadataOptions options, string at, List<PropertyProblem> problems)
    {
        foreach (var (name, state) in new[] { ("HttpEndpoint", options.HttpEndpoint), ("HttpProtocolIpv6", options.HttpProtocolIpv6) })
        {
            if (!Enum.IsDefined(state))
            {
                problems.Add(new PropertyProblem($"{at}.{name}", $"{(int)state} is not an endpoint state; use Enabled or Disabled."));
            }
        }

        if (options.HttpPutResponseHopLimit < 1 || options.HttpPutResponseHopLimit > MaxHopLimit)
        {
            problems.Add(new PropertyProblem($"{at}.HttpPutResponseHopLimit", $"{options.HttpPutResponseHopLimit} must be between 1 and {MaxHopLimit}; 1 keeps pods on the pod network away from IMDS."));
        }

        if (options.HttpTokens != MetadataHttpTokens.Required)
        {
            problems.Add(new PropertyProblem($"{at}.HttpTokens", Enum.IsDefined(options.HttpTokens)
                ? $"{options.HttpTokens} allows IMDSv1; this project requires IMDSv2, so use Required."
                : $"{(int)options.HttpTokens} is not a token setting; use Required."));
        }
    }

    private static void ValidateBlockDevices(IReadOnlyList<BlockDeviceMapping> mappings, string at, List<PropertyProblem> problems)
    {
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            var path = $"{at}[{i}]";
            if (mapping.DeviceName is not { Length: > 5 } name || !name.StartsWith("/dev/", StringComparison.Ordinal))
            {
                problems.Add(new PropertyProblem($"{path}.DeviceName", $"'{mapping.DeviceName}' is not a device name such as /dev/xvda."));
            }

            var ebs = mapping.Ebs;
            if (!KarpenterPatterns.IsVolumeSize(ebs.VolumeSize))
            {
                problems.Add(new PropertyProblem($"{path}.Ebs.VolumeSize", $"'{ebs.VolumeSize}' is not a volume size; use a whole number of Gi, G, Ti or T, such as 20Gi or 1Ti."));
            }

            if (!Enum.IsDefined(ebs.VolumeType))
            {
                problems.Add(new PropertyProblem($"{path}.Ebs.VolumeType", $"{(int)ebs.VolumeType} is not a volume type; use Gp3, Io1, Io2, St1, Sc1 or Standard."));
            }
            else if (ebs.VolumeType == EbsVolumeType.Gp2)
            {
                problems.Add(new PropertyProblem($"{path}.Ebs.VolumeType", $"Gp2 is not allowed; use Gp3 (cheaper, with IOPS independent of size)."));
            }

            if (!ebs.Encrypted)
            {
                problems.Add(new PropertyProblem($"{path}.Ebs.Encrypted", $"false is not allowed; this project requires encrypted volumes."));
            }

            if (ebs.KmsKeyId is { } key && string.IsNullOrWhiteSpace(key))
            {
                problems.Add(new PropertyProblem($"{path}.Ebs.KmsKeyId", $"empty; give a key id or ARN, or omit it for the account's default EBS key."));
            }
        }

        foreach (var group in mappings.Select((m, i) => (m.DeviceName, i)).GroupBy(x => x.DeviceName, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new PropertyProblem($"{at}[{group.Last().i}].DeviceName", $"'{group.Key}' is mapped {group.Count()} times; map each device once."));
        }

        var roots = mappings.Count(m => m.RootVolume);
        if (roots > 1)
        {
            problems.Add(new PropertyProblem(at, $"{roots} mappings are marked RootVolume; mark at most one."));
        }
    }

    private static void ValidateLabelValues(IReadOnlyList<string> values, string at, List<PropertyProblem> problems)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!KarpenterPatterns.IsLabelValue(values[i]))
            {
                problems.Add(new PropertyProblem($"{at}[{i}]", $"'{values[i]}' {LabelValueRule}"));
            }
        }
    }

    private static void AddUndefined<T>(IReadOnlyList<T> values, string at, string what, string allowed, List<PropertyProblem> problems)
        where T : struct, Enum
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!Enum.IsDefined(values[i]))
            {
                problems.Add(new PropertyProblem($"{at}[{i}]", $"{Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture)} is not {what}; use {allowed}."));
            }
        }
    }

    private static void AddDuplicateNames(IReadOnlyList<string> names, string collection, string what, List<PropertyProblem> problems)
    {
        foreach (var group in names.Select((n, i) => (n, i)).GroupBy(x => x.n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new PropertyProblem($"{collection}[{group.Last().i}].Name", $"'{group.Key}' is used by {group.Count()} {what}; names must be unique."));
        }
    }

    // The karpenter.sh domain (and subdomains) is Karpenter's, except the capacity type; the hostname is per node.
    private static bool IsRestrictedLabel(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var domain = slash < 0 ? string.Empty : key[..slash];
        return key == "kubernetes.io/hostname"
            || (domain.EndsWith("karpenter.sh", StringComparison.Ordinal) && key != WellKnownLabels.CapacityType);
    }

    // How many ways a selector term selects: a non-empty tag map and each non-empty string count once.
    private static int CountSet(IReadOnlyDictionary<string, string>? tags, params string?[] values) =>
        (tags is { Count: > 0 } ? 1 : 0) + values.Count(v => !string.IsNullOrEmpty(v));

    private static void Require(bool condition, PropertyProblem problem, List<PropertyProblem> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static string Path(string at, string member) => at.Length == 0 ? member : $"{at}.{member}";

    private sealed record ParsedAlias(AmiFamily Family, bool ValidVersion, bool Pinned);
}
