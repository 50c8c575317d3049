using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Stacks.Deploy;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Deploy;

public sealed class ResourceDurationsTests
{
    private const string Start = "<!-- deploy-times:start (ResourceDurations.MarkdownTable; a test keeps them equal) -->";
    private const string End = "<!-- deploy-times:end -->";

    [Fact]
    public void An_interface_endpoint_takes_longer_than_a_gateway_endpoint()
    {
        var gateway = ResourceDurations.For("AWS::EC2::VPCEndpoint", new JsonObject { ["VpcEndpointType"] = "Gateway" });
        var @interface = ResourceDurations.For("AWS::EC2::VPCEndpoint", new JsonObject { ["VpcEndpointType"] = "Interface" });

        Assert.Equal(("interface endpoint", 2.5), (@interface.When, @interface.CreateMinutes));
        Assert.Equal(("", 0.5), (gateway.When, gateway.CreateMinutes));
    }

    [Fact]
    public void A_secondary_member_of_a_global_database_takes_longer_than_the_member_that_holds_the_credentials()
    {
        var secondary = ResourceDurations.For("AWS::RDS::DBCluster", new JsonObject { ["GlobalClusterIdentifier"] = "infra-prod", ["Engine"] = "aurora-postgresql" });
        var home = ResourceDurations.For("AWS::RDS::DBCluster", new JsonObject { ["GlobalClusterIdentifier"] = "infra-prod", ["MasterUsername"] = "postgres_admin" });
        var alone = ResourceDurations.For("AWS::RDS::DBCluster", new JsonObject { ["MasterUsername"] = "postgres_admin" });

        Assert.Equal("secondary member of a global database", secondary.When);
        Assert.Equal(10, secondary.CreateMinutes);
        Assert.Equal(5, home.CreateMinutes);
        Assert.Same(home, alone);
    }

    [Fact]
    public void A_function_in_a_vpc_and_a_hosted_rotation_have_their_own_rows()
    {
        Assert.Equal(1, ResourceDurations.For("AWS::Lambda::Function", new JsonObject { ["VpcConfig"] = new JsonObject() }).CreateMinutes);
        Assert.Equal(0.25, ResourceDurations.For("AWS::Lambda::Function", []).CreateMinutes);
        Assert.Equal(3, ResourceDurations.For("AWS::SecretsManager::RotationSchedule", new JsonObject { ["HostedRotationLambda"] = new JsonObject() }).CreateMinutes);
    }

    [Fact]
    public void A_type_the_table_does_not_list_weighs_the_default()
    {
        Assert.Same(ResourceDurations.Default, ResourceDurations.For("AWS::Example::Unlisted", []));
        Assert.Equal(0.25, ResourceDurations.Default.CreateMinutes);
    }

    [Fact]
    public void Every_row_is_reachable_non_negative_and_explained()
    {
        foreach (var type in ResourceDurations.Table.GroupBy(r => r.ResourceType))
        {
            var rows = type.ToList();
            Assert.True(rows.Count(r => r.AppliesTo is null) <= 1, $"{type.Key}: more than one general row");
            // Specific rows first: a general row before them would shadow nothing, but reads wrong.
            Assert.True(rows.FindIndex(r => r.AppliesTo is null) is -1 || rows.FindIndex(r => r.AppliesTo is null) == rows.Count - 1, $"{type.Key}: the general row must come last");
            Assert.All(rows, r => Assert.Equal(r.AppliesTo is null, r.When.Length == 0));
        }

        Assert.All(ResourceDurations.Table.Append(ResourceDurations.Default), r =>
        {
            Assert.True(r.CreateMinutes >= 0 && r.UpdateMinutes >= 0, r.ResourceType);
            Assert.EndsWith(".", r.Basis, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_delivery_doc_shows_the_table_the_plan_uses()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "delivery.md")).ReplaceLineEndings("\n");
        var from = doc.IndexOf(Start, StringComparison.Ordinal);
        var to = doc.IndexOf(End, StringComparison.Ordinal);

        Assert.True(from >= 0 && to > from, "docs/delivery.md has no deploy-times markers");
        Assert.True(
            doc[(from + Start.Length)..to].Trim('\n') == ResourceDurations.MarkdownTable().ReplaceLineEndings("\n").Trim('\n'),
            "docs/delivery.md's table of typical deploy times differs from ResourceDurations.MarkdownTable(): paste the new table between the markers.");
        Assert.Contains($"reviewed {ResourceDurations.Reviewed}", doc, StringComparison.Ordinal);
    }
}
