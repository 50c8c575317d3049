using System.Collections.Generic;

namespace Infra.Policies.Rules.Eks;

/// <summary>The cluster pins a Kubernetes version the support calendar lists, and one EKS still runs.</summary>
public sealed class ClusterKnownVersion : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-4",
        PolicyLevel.Error,
        "EKS",
        "EKS clusters pin a Kubernetes version the support calendar lists and EKS still runs",
        "Without a version EKS picks its default, which changes under you; a version nobody reviewed may break the add-ons, Karpenter and kubectl; and a version past extended support cannot be created at all (EKS has upgraded every cluster off it).",
        "Set Version (in CDK, Version = KubernetesVersion.Of(\"1.35\")) to a version in KubernetesSupportCalendar.Releases that is in standard support; to adopt a newer version, review the add-ons and Karpenter for it and add it with its dates to the calendar.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = EksClusterConfig.Types;

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var field = EksClusterConfig.Of(resource)?.Field("Version", "version");
        if (field is not { IsUnknown: false } version)
        {
            yield break;
        }

        var value = Cfn.AsString(version.Value);
        var supported = string.Join(", ", KubernetesSupportCalendar.InStandardSupport);
        var release = KubernetesSupportCalendar.Find(value);
        if (value is null)
        {
            yield return new Violation($"{version.Path} is not set (EKS then picks its default version); pin one of {supported}.");
        }
        else if (release is null)
        {
            yield return new Violation($"{version.Path} is {value}, which the support calendar (reviewed {KubernetesRelease.Format(KubernetesSupportCalendar.ReviewedOn)}) does not list; use one of {supported}, or review {value} for the add-ons and Karpenter and add it to KubernetesSupportCalendar.");
        }
        else if (release.ExtendedSupportEnds < KubernetesSupportCalendar.ReviewedOn)
        {
            yield return new Violation($"{version.Path} is {value}, whose extended support ended on {KubernetesRelease.Format(release.ExtendedSupportEnds)}: EKS no longer runs it; upgrade to one of {supported}, one minor version at a time.");
        }
    }
}
