using System;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Rules.Eks;
using Xunit;

namespace Infra.Policies.Tests.Rules;

public sealed class ClusterSupportedVersionTests
{
    private static string[] Check(string version, DateOnly asOf, string type = "AWS::EKS::Cluster")
    {
        var properties = type == "AWS::EKS::Cluster"
            ? new JsonObject { ["Version"] = version }
            : new JsonObject { ["Config"] = new JsonObject { ["version"] = version } };
        var template = new TemplateDocument(new JsonObject { ["Resources"] = new JsonObject { ["C"] = new JsonObject { ["Type"] = type, ["Properties"] = properties } } }, "s", "f", null);
        return new ClusterSupportedVersion(asOf).Check(template.Resources[0]).Select(v => v.Message).ToArray();
    }

    [Theory]
    [InlineData("1.34")]
    [InlineData("1.35")]
    [InlineData("1.36")]
    public void Accepts_every_version_in_standard_support_on_2026_11_21(string version) =>
        Assert.Empty(Check(version, new DateOnly(2026, 11, 21)));

    [Fact]
    public void Accepts_a_version_on_its_last_day_of_standard_support() =>
        Assert.Empty(Check("1.34", new DateOnly(2026, 12, 2)));

    [Fact]
    public void Fails_a_version_the_day_after_its_standard_support_ends() =>
        Assert.Equal(
            ["Version is 1.34, whose standard support ended on 2026-12-02; upgrade to one of 1.35, 1.36."],
            Check("1.34", new DateOnly(2026, 12, 3)));

    [Fact]
    public void Fails_a_version_older_than_every_known_one() =>
        Assert.Equal(
            ["Config.version is 1.33, which is past standard support (extended support costs six times as much); upgrade to one of 1.34, 1.35, 1.36."],
            Check("1.33", new DateOnly(2026, 11, 21), "Custom::AWSCDK-EKS-Cluster"));

    [Fact]
    public void Lists_what_is_supported_on_the_rules_date()
    {
        Assert.Equal(["1.34", "1.35", "1.36"], new ClusterSupportedVersion(new DateOnly(2026, 11, 21)).SupportedVersions);
        Assert.Equal(["1.36"], new ClusterSupportedVersion(new DateOnly(2027, 4, 1)).SupportedVersions);
    }
}
