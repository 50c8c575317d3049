using System;
using System.Linq;
using Infra.Policies.Rules.Eks;
using Xunit;

namespace Infra.Policies.Tests.Rules;

public sealed class KubernetesSupportCalendarTests
{
    [Fact]
    public void Lists_each_minor_version_once_oldest_first()
    {
        var versions = KubernetesSupportCalendar.Releases.Select(r => Version.Parse(r.Version)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.All(versions.Zip(versions.Skip(1)), pair => Assert.Equal(pair.First.Minor + 1, pair.Second.Minor));
    }

    [Fact]
    public void Gives_each_version_fourteen_months_of_standard_and_twelve_of_extended_support_in_release_order()
    {
        foreach (var release in KubernetesSupportCalendar.Releases)
        {
            Assert.Equal(release.StandardSupportEnds.AddMonths(12), release.ExtendedSupportEnds);
        }

        var ends = KubernetesSupportCalendar.Releases.Select(r => r.StandardSupportEnds).ToList();
        Assert.Equal(ends.Order(), ends);
    }

    [Fact]
    public void Judges_against_its_review_date_not_the_day_it_runs()
    {
        Assert.Equal(new DateOnly(2026, 12, 5), KubernetesSupportCalendar.ReviewedOn);
        Assert.Equal(["1.35", "1.36"], KubernetesSupportCalendar.InStandardSupport);
        Assert.True(KubernetesSupportCalendar.IsPastStandardSupport(KubernetesSupportCalendar.Find("1.34")!));
        Assert.False(KubernetesSupportCalendar.IsPastStandardSupport(KubernetesSupportCalendar.Find("1.35")!));
        Assert.Null(KubernetesSupportCalendar.Find("1.99"));
    }

    [Fact]
    public void Marks_the_dates_aws_had_not_published_as_estimates()
    {
        Assert.Equal(["1.36"], KubernetesSupportCalendar.Releases.Where(r => r.Estimated).Select(r => r.Version));
    }
}
