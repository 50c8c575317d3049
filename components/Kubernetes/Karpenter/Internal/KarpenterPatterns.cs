using System;
using System.Text.RegularExpressions;

namespace Infra.Components.Kubernetes.Karpenter.Internal;

/// <summary>The formats Karpenter's v1 CRDs and Kubernetes accept, as compiled patterns.</summary>
internal static partial class KarpenterPatterns
{
    /// <summary>DNS-1123 label: NodePool and EC2NodeClass names become label values, so 63 characters at most.</summary>
    public static bool IsDnsLabel(string? value) => value is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(value);

    /// <summary>A label (or taint, or requirement) key: an optional DNS prefix and '/', then a name.</summary>
    public static bool IsLabelKey(string? value) => value is { Length: > 0 and <= 316 } && LabelKey().IsMatch(value);

    /// <summary>A non-empty label value of at most 63 characters.</summary>
    public static bool IsLabelValue(string? value) => value is { Length: > 0 and <= 63 } && LabelValue().IsMatch(value);

    /// <summary><c>expireAfter</c> and <c>consolidateAfter</c>: whole s/m/h units, or <c>Never</c> when allowed.</summary>
    public static bool IsDuration(string? value, bool allowNever) =>
        value is not null && (Duration().IsMatch(value) || (allowNever && value == "Never"));

    /// <summary>A budget's <c>duration</c>: hours and minutes only, since cron has no seconds.</summary>
    public static bool IsBudgetDuration(string? value) => value is not null && BudgetDuration().IsMatch(value);

    /// <summary>A budget's <c>nodes</c>: a whole number, or a percentage from 0% to 100%.</summary>
    public static bool IsBudgetNodes(string? value) => value is not null && BudgetNodes().IsMatch(value);

    /// <summary>A budget's <c>schedule</c>: five cron fields or a cron macro.</summary>
    public static bool IsCron(string? value) => value is not null && Cron().IsMatch(value);

    /// <summary>A resource quantity for <c>spec.limits</c>.</summary>
    public static bool IsQuantity(string? value) => value is not null && Quantity().IsMatch(value);

    /// <summary>An EBS <c>volumeSize</c>: a whole number of Gi, G, Ti or T.</summary>
    public static bool IsVolumeSize(string? value) => value is not null && VolumeSize().IsMatch(value);

    /// <summary>An AL2023 release version: <c>v</c> and a real date as YYYYMMDD.</summary>
    public static bool IsDateVersion(string value) =>
        DateVersion().IsMatch(value)
        && DateOnly.TryParseExact(value.AsSpan(1), "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _);

    /// <summary>A Bottlerocket release version: semver with or without a leading <c>v</c>.</summary>
    public static bool IsSemVer(string value) => SemVer().IsMatch(value);

    /// <summary>True for a CDK token (for example <c>cluster.ClusterSecurityGroupId</c>): its value is known only at deploy.</summary>
    public static bool IsToken(string value) => value.Contains("${Token[", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKey();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^([0-9]+(s|m|h))+$")]
    private static partial Regex Duration();

    [GeneratedRegex("^(([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?$")]
    private static partial Regex BudgetDuration();

    [GeneratedRegex("^((100|[0-9]{1,2})%|[0-9]+)$")]
    private static partial Regex BudgetNodes();

    [GeneratedRegex(@"^(@(annually|yearly|monthly|weekly|daily|midnight|hourly)|\S+\s+\S+\s+\S+\s+\S+\s+\S+)$")]
    private static partial Regex Cron();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$")]
    private static partial Regex Quantity();

    [GeneratedRegex("^[1-9][0-9]*(Gi|G|Ti|T)$")]
    private static partial Regex VolumeSize();

    [GeneratedRegex("^v[0-9]{8}$")]
    private static partial Regex DateVersion();

    [GeneratedRegex(@"^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")]
    private static partial Regex SemVer();
}
