using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Infra.Stacks.Configuration;
using Infra.Stacks.Cost;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Cost;

public sealed class PriceTableTests
{
    private static readonly PriceTable Table = PriceTable.Default;

    // Every fixed key the pricers ask for; instance types and classes are checked per type below.
    private static readonly string[] FixedKeys =
    [
        PriceKeys.EksStandard, PriceKeys.EksExtended, PriceKeys.EbsGp3, PriceKeys.NatGatewayHour, PriceKeys.NatGatewayGb,
        PriceKeys.PublicIpv4Hour, PriceKeys.InterfaceEndpointHour, PriceKeys.InterfaceEndpointGb, PriceKeys.NlbHour, PriceKeys.NlbLcu,
        PriceKeys.AuroraAcu, PriceKeys.AuroraStorage, PriceKeys.AuroraStorageIoOptimized, PriceKeys.AuroraIo, PriceKeys.AuroraReplicatedWrite,
        PriceKeys.KmsKey, PriceKeys.Secret, PriceKeys.Alarm, PriceKeys.LogsIngestStandard, PriceKeys.LogsIngestInfrequentAccess,
        PriceKeys.LogsStorage, PriceKeys.LogsVendedToS3, PriceKeys.S3Standard, PriceKeys.InterRegionTransfer, PriceKeys.SqsRequests,
    ];

    [Fact]
    public void Prices_every_region_an_environment_uses()
    {
        var regions = EnvironmentConfigLoader.LoadAll(RepoPaths.ConfigDirectory).SelectMany(c => c.Regions).Select(r => r.Name).Distinct();
        Assert.All(regions, region => Assert.True(Table.Regions.ContainsKey(region), $"the price table has no {region}; add its prices (docs/cost.md)"));
    }

    [Fact]
    public void Holds_every_price_the_estimator_asks_for_in_every_region()
    {
        foreach (var (region, prices) in Table.Regions)
        {
            Assert.All(FixedKeys, key => Assert.True(prices.ContainsKey(key), $"{region}: no price '{key}'"));
            Assert.All(Table.InstanceTypes.Keys, type => Assert.True(prices.ContainsKey(PriceKeys.Ec2(type)), $"{region}: no price for {type}"));
            Assert.All(prices.Keys.Where(k => k.StartsWith("ec2.", StringComparison.Ordinal)), key =>
                Assert.True(Table.InstanceTypes.ContainsKey(key["ec2.".Length..]), $"{key} has a price but no size in instanceTypes"));
        }
    }

    [Fact]
    public void Is_dated_versioned_and_names_a_source_for_every_figure()
    {
        Assert.True(DateOnly.TryParseExact(Table.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), Table.Date);
        Assert.StartsWith(Table.Date, Table.Version, StringComparison.Ordinal);
        Assert.Equal("USD", Table.Currency);
        Assert.Equal(730m, Table.HoursPerMonth);
        Assert.All(Table.Regions.SelectMany(r => r.Value.Values), p =>
        {
            Assert.True(Table.Sources.ContainsKey(p.Source), p.Source);
            Assert.True(p.Usd > 0, p.Unit);
        });
    }

    [Fact]
    public void Refuses_a_table_that_names_a_source_it_does_not_list()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Root, PriceTable.RepositoryPath))
            .Replace("\"source\": \"eks-blog\"", "\"source\": \"hearsay\"", StringComparison.Ordinal);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var error = Assert.Throws<InvalidDataException>(() => PriceTable.Parse(stream));

        Assert.Contains("us-east-1 eks.cluster.standard: source 'hearsay'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_table_is_the_file_in_the_repository()
    {
        using var stream = File.OpenRead(Path.Combine(RepoPaths.Root, PriceTable.RepositoryPath));
        var file = PriceTable.Parse(stream);
        Assert.Equal(file.Version, Table.Version);
        Assert.Equal(file.Regions["us-east-1"][PriceKeys.NatGatewayHour], Table.Regions["us-east-1"][PriceKeys.NatGatewayHour]);
    }
}
