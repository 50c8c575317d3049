using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Infra.Policies.Rules.Eks;

/// <summary>One Kubernetes minor version on EKS and the days its support ends.</summary>
/// <param name="Version">The minor version, for example <c>1.35</c>.</param>
/// <param name="StandardSupportEnds">The last day of standard support (14 months after the EKS release).</param>
/// <param name="ExtendedSupportEnds">The last day of extended support (12 months later); EKS upgrades the cluster after it.</param>
/// <param name="Estimated">Whether the dates are an estimate (AWS had not published them when the calendar was reviewed).</param>
public sealed record KubernetesRelease(string Version, DateOnly StandardSupportEnds, DateOnly ExtendedSupportEnds, bool Estimated = false)
{
    /// <summary>The date as the reports print it (<c>2027-03-27</c>).</summary>
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The EKS Kubernetes release calendar, as data: the policy rules judge a cluster's version against these dates and
/// <see cref="ReviewedOn"/>, never against the day they run, so a commit gets the same verdict on any day (a deploy,
/// a rollback or a rebuild of an unchanged commit never starts failing on its own). Update it as a reviewed change:
/// add each new minor version when the add-ons and Karpenter are reviewed for it, correct estimates once AWS publishes
/// the dates, and move <see cref="ReviewedOn"/> to the day of the review (see policies/README.md).
/// </summary>
public static class KubernetesSupportCalendar
{
    /// <summary>The day the calendar was last checked against the EKS documentation; the rules' "today".</summary>
    public static DateOnly ReviewedOn { get; } = new(2026, 12, 5);

    /// <summary>How many days before the end of standard support the pack starts warning.</summary>
    public const int WarningDays = 180;

    /// <summary>
    /// The versions, oldest first. Source: the EKS user guide's Kubernetes release calendar (standard support is 14
    /// months from the EKS release, extended support 12 months more); 1.36's EKS release date (2026-06-02) was not
    /// confirmed by AWS when this was reviewed, so its dates are estimates.
    /// </summary>
    public static IReadOnlyList<KubernetesRelease> Releases { get; } =
    [
        new("1.31", new(2025, 11, 26), new(2026, 11, 26)),
        new("1.32", new(2026, 3, 23), new(2027, 3, 23)),
        new("1.33", new(2026, 7, 29), new(2027, 7, 29)),
        new("1.34", new(2026, 12, 2), new(2027, 12, 2)),
        new("1.35", new(2027, 3, 27), new(2028, 3, 27)),
        new("1.36", new(2027, 8, 2), new(2028, 8, 2), Estimated: true),
    ];

    /// <summary>The release of <paramref name="version"/>, or <c>null</c> when the calendar does not list it.</summary>
    public static KubernetesRelease? Find(string? version) => Releases.FirstOrDefault(r => r.Version == version);

    /// <summary>The versions in standard support on <see cref="ReviewedOn"/>.</summary>
    public static IReadOnlyList<string> InStandardSupport => Releases.Where(r => r.StandardSupportEnds >= ReviewedOn).Select(r => r.Version).ToList();

    /// <summary>Whether <paramref name="release"/>'s standard support had ended when the calendar was reviewed.</summary>
    public static bool IsPastStandardSupport(KubernetesRelease release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return release.StandardSupportEnds < ReviewedOn;
    }
}
