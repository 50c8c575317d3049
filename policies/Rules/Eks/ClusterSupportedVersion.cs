using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Infra.Policies.Rules.Eks;

/// <summary>The cluster runs a Kubernetes version that is in EKS standard support on the day the pack runs.</summary>
public sealed class ClusterSupportedVersion : IPolicyRule
{
    private readonly DateOnly _asOf;

    /// <summary>Checks against today's date (UTC): a version leaving standard support starts failing on its own.</summary>
    public ClusterSupportedVersion()
        : this(DateOnly.FromDateTime(DateTime.UtcNow))
    {
    }

    /// <summary>Checks against <paramref name="asOf"/> (tests, or a plan for a future date).</summary>
    public ClusterSupportedVersion(DateOnly asOf) => _asOf = asOf;

    /// <summary>
    /// The last day of EKS standard support per Kubernetes minor version (EKS release calendar; 1.36's date is an
    /// estimate: 14 months after its EKS release). Older versions are past it. Add a version here once it is
    /// reviewed for the add-ons and Karpenter; until then it fails as unknown.
    /// </summary>
    public static IReadOnlyDictionary<string, DateOnly> StandardSupportEnds { get; } = new Dictionary<string, DateOnly>(StringComparer.Ordinal)
    {
        ["1.34"] = new(2026, 12, 2),
        ["1.35"] = new(2027, 3, 27),
        ["1.36"] = new(2027, 8, 2),
    };

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-4",
        PolicyLevel.Error,
        "EKS",
        "EKS clusters run a Kubernetes version in standard support",
        "A version past standard support moves the cluster into extended support, six times the control-plane price ($0.60 instead of $0.10 per cluster-hour, about $365 more a month), and AWS upgrades it automatically when extended support ends; an unreviewed newer version may break add-ons and kubectl.",
        "Set Version (in CDK, Version = KubernetesVersion.Of(\"1.35\")) to a version in standard support (see ClusterSupportedVersion.StandardSupportEnds) and upgrade one minor version at a time.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = EksClusterConfig.Types;

    /// <summary>The versions in standard support on the rule's date.</summary>
    public IReadOnlyList<string> SupportedVersions => StandardSupportEnds.Where(v => v.Value >= _asOf).Select(v => v.Key).ToList();

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var config = EksClusterConfig.Of(resource);
        var field = config?.Field("Version", "version");
        if (field is not { IsUnknown: false } version)
        {
            yield break;
        }

        var value = Cfn.AsString(version.Value);
        var supported = string.Join(", ", SupportedVersions);
        if (value is null)
        {
            yield return new Violation($"{version.Path} is not set (EKS then picks its default version); pin a version in standard support.");
        }
        else if (StandardSupportEnds.TryGetValue(value, out var end))
        {
            if (end < _asOf)
            {
                yield return new Violation($"{version.Path} is {value}, whose standard support ended on {end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; upgrade to one of {supported}.");
            }
        }
        else if (IsOlderThanEveryKnown(value))
        {
            yield return new Violation($"{version.Path} is {value}, which is past standard support (extended support costs six times as much); upgrade to one of {supported}.");
        }
        else
        {
            yield return new Violation($"{version.Path} is {value}, which this rule does not know; review it for the add-ons and Karpenter, then add it with its end of standard support to StandardSupportEnds.");
        }
    }

    private static bool IsOlderThanEveryKnown(string value) =>
        Version.TryParse(value, out var parsed) && StandardSupportEnds.Keys.All(k => Version.Parse(k) > parsed);
}
