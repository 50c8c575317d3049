using System.Collections.Generic;

namespace Infra.Policies.Rules.Eks;

/// <summary>
/// Warns, with the date, when the cluster's version leaves standard support within <see cref="KubernetesSupportCalendar.WarningDays"/>
/// days of the calendar's review, or already has. It never blocks a synth, a deploy or a rollback: the preview
/// (<c>make diff</c>) blocks a change that creates a cluster on, or moves one to, a version past standard support.
/// </summary>
public sealed class ClusterStandardSupportWindow : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-8",
        PolicyLevel.Warning,
        "EKS",
        "EKS clusters are upgraded before their version's standard support ends",
        "When standard support ends, a cluster on STANDARD support is upgraded by EKS itself, on AWS's schedule, with add-ons and Karpenter possibly behind; one on EXTENDED support costs six times as much ($0.60 instead of $0.10 per cluster-hour). An upgrade takes a review of the add-ons, Karpenter and the workloads' APIs, so it has to start weeks ahead.",
        "Upgrade Version one minor version at a time (review EksAddonVersions and the Karpenter version for it) before the date in the finding; the date comes from KubernetesSupportCalendar.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = EksClusterConfig.Types;

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var config = EksClusterConfig.Of(resource);
        var field = config?.Field("Version", "version");
        if (config is null || field is not { IsUnknown: false } version || KubernetesSupportCalendar.Find(Cfn.AsString(version.Value)) is not { } release)
        {
            yield break;
        }

        var reviewed = KubernetesSupportCalendar.ReviewedOn;
        var days = release.StandardSupportEnds.DayNumber - reviewed.DayNumber;
        if (days > KubernetesSupportCalendar.WarningDays)
        {
            yield break;
        }

        var supportType = Cfn.AsString(config.Field("UpgradePolicy.SupportType", "upgradePolicy.supportType").Value);
        var then = supportType == "STANDARD"
            ? "EKS then upgrades the control plane to the next minor version itself"
            : $"the cluster then runs on extended support at $0.60 instead of $0.10 per hour until {KubernetesRelease.Format(release.ExtendedSupportEnds)}";
        var end = KubernetesRelease.Format(release.StandardSupportEnds);
        var estimate = release.Estimated ? " (an estimate)" : "";
        var message = days >= 0
            ? $"{version.Path} is {release.Version}: EKS standard support ends on {end}{estimate}, {days} days after the support calendar's review ({KubernetesRelease.Format(reviewed)}); {then}. Plan the upgrade now."
            : $"{version.Path} is {release.Version}: EKS standard support ended on {end}{estimate}, before the support calendar's review ({KubernetesRelease.Format(reviewed)}); {then}. Upgrade one minor version at a time.";
        yield return new Violation(message, $"StandardSupportEnds::{release.Version}");
    }
}
