using System.Collections.Generic;
using Infra.Components.Network;
using Xunit;

namespace Infra.Components.Tests.Network;

public sealed class StableSubnetLayoutTests
{
    private static readonly Dictionary<SubnetTier, int> DefaultMasks = new()
    {
        [SubnetTier.Private] = 20,
        [SubnetTier.Public] = 24,
        [SubnetTier.Isolated] = 24,
    };

    private static StableSubnetLayout Layout(string cidr, IReadOnlyDictionary<SubnetTier, int>? masks = null)
    {
        var layout = StableSubnetLayout.TryCreate(cidr, masks ?? DefaultMasks, out var problems);
        Assert.Empty(problems);
        return layout!;
    }

    [Theory]
    [InlineData(SubnetTier.Private, 0, "10.30.0.0/20")]
    [InlineData(SubnetTier.Private, 1, "10.30.16.0/20")]
    [InlineData(SubnetTier.Private, 2, "10.30.32.0/20")]
    [InlineData(SubnetTier.Private, 3, "10.30.48.0/20")]
    [InlineData(SubnetTier.Public, 0, "10.30.64.0/24")]
    [InlineData(SubnetTier.Public, 2, "10.30.66.0/24")]
    [InlineData(SubnetTier.Isolated, 0, "10.30.68.0/24")]
    [InlineData(SubnetTier.Isolated, 3, "10.30.71.0/24")]
    public void Places_each_tier_and_zone_in_a_fixed_slot(SubnetTier tier, int azIndex, string expected) =>
        Assert.Equal(expected, Layout("10.30.0.0/16").SubnetCidr(tier, azIndex));

    [Fact]
    public void A_tier_keeps_its_cidrs_when_another_tier_grows()
    {
        // Public subnets grow from /24 to /23: private subnets (block 0) must not move.
        var grown = Layout("10.30.0.0/16", new Dictionary<SubnetTier, int> { [SubnetTier.Private] = 20, [SubnetTier.Public] = 23, [SubnetTier.Isolated] = 24 });
        var original = Layout("10.30.0.0/16");
        for (var az = 0; az < StableSubnetLayout.MaxAvailabilityZones; az++)
        {
            Assert.Equal(original.SubnetCidr(SubnetTier.Private, az), grown.SubnetCidr(SubnetTier.Private, az));
        }
    }

    [Fact]
    public void Fits_a_small_vpc_when_masks_are_small_enough()
    {
        var layout = Layout("192.168.0.0/22", new Dictionary<SubnetTier, int> { [SubnetTier.Private] = 26, [SubnetTier.Public] = 28, [SubnetTier.Isolated] = 28 });
        Assert.Equal("192.168.0.0/26", layout.SubnetCidr(SubnetTier.Private, 0));
        Assert.Equal("192.168.1.0/28", layout.SubnetCidr(SubnetTier.Public, 0));
        Assert.Equal("192.168.1.64/28", layout.SubnetCidr(SubnetTier.Isolated, 0));
    }

    [Theory]
    [InlineData("10.30.0.0", "'10.30.0.0' is not an IPv4 CIDR block in canonical form (for example 10.20.0.0/16).")]
    [InlineData("10.30.0.1/16", "'10.30.0.1/16' is not an IPv4 CIDR block in canonical form (for example 10.20.0.0/16).")]
    [InlineData("10.300.0.0/16", "'10.300.0.0/16' is not an IPv4 CIDR block in canonical form (for example 10.20.0.0/16).")]
    [InlineData("10.0.0.0/8", "'10.0.0.0/8' has prefix /8; VPCs here are /16 to /24.")]
    public void Rejects_a_vpc_cidr_it_cannot_use(string cidr, string expected)
    {
        StableSubnetLayout.TryCreate(cidr, DefaultMasks, out var problems);
        Assert.Equal(expected, Assert.Single(problems));
    }

    [Fact]
    public void Rejects_masks_that_do_not_fit_with_the_space_needed()
    {
        var layout = StableSubnetLayout.TryCreate("10.30.0.0/20", DefaultMasks, out var problems);
        Assert.Null(layout);
        Assert.Equal("the Private tier's mask /20 is too large for a /20 VPC; each tier reserves 4 AZ slots, so use /22 or smaller.", Assert.Single(problems));
    }

    [Fact]
    public void Rejects_tiers_whose_total_exceeds_the_vpc()
    {
        StableSubnetLayout.TryCreate("10.30.0.0/18", DefaultMasks, out var problems);
        Assert.Equal(
            "the tiers need 18432 addresses (4 AZ slots each, masks Private /20, Public /24, Isolated /24) but '10.30.0.0/18' has 16384; use a larger VPC range or smaller subnets.",
            Assert.Single(problems));
    }

    [Theory]
    [InlineData("10.30.0.0/16", "10.31.0.0/16", false)]
    [InlineData("10.30.0.0/16", "10.30.128.0/17", true)]
    [InlineData("10.0.0.0/8", "10.31.0.0/16", true)]
    [InlineData("192.168.0.0/24", "192.168.1.0/24", false)]
    public void Detects_overlapping_ranges(string a, string b, bool overlaps) =>
        Assert.Equal(overlaps, StableSubnetLayout.Overlaps(a, b));
}
