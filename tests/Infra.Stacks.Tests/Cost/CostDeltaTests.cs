using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Stacks.Cost;
using Infra.Stacks.Preview;
using Infra.Stacks.Tests.Environments;
using Xunit;

namespace Infra.Stacks.Tests.Cost;

/// <summary>
/// What a preview says a change costs: the real assembly as the base, and a copy with one change as the head (more NAT
/// gateways, a bigger instance class, a new region), compared without synthesizing again.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class CostDeltaTests : IDisposable
{
    private readonly SynthesizedEnvironments _env;
    private readonly string _head = Path.Combine(Path.GetTempPath(), $"infra-cost-delta-{Guid.NewGuid():N}");

    public CostDeltaTests(SynthesizedEnvironments environments)
    {
        _env = environments;
        SynthesizedEnvironments.CopyTemplates(environments.CheckedTemplates, _head);
    }

    public void Dispose() => Directory.Delete(_head, recursive: true);

    [Fact]
    public void No_change_costs_nothing()
    {
        var changes = CostDelta.Compare(_env.CheckedTemplates, _head);

        Assert.Equal(["dev", "staging", "prod"], changes.Select(c => c.Environment));
        Assert.All(changes, c => Assert.Equal((0m, 0), (c.Delta, c.Lines.Count)));
        Assert.DoesNotContain(changes, c => c.OverBudget);
    }

    [Fact]
    public void Five_more_nat_gateways_show_as_five_more_at_their_hourly_and_data_price()
    {
        EditTemplate("assembly-Dev", "infra-dev-network-us-east-1", resources =>
        {
            var nat = resources.Single(r => (string?)r.Value!["Type"] == "AWS::EC2::NatGateway");
            for (var i = 2; i <= 6; i++)
            {
                resources[$"ExtraNat{i}"] = nat.Value!.DeepClone();
            }
        });

        var dev = CostDelta.Compare(_env.CheckedTemplates, _head, "dev").Single();

        Assert.Equal(5 * (32.85m + 0.23m), dev.Delta);
        Assert.Equal("+$164.25/month: 5 more NAT gateway (us-east-1)", dev.Lines[0].Describe());
        Assert.Equal("+$1.15/month: 5 more NAT gateway data processed (us-east-1)", dev.Lines[1].Describe());
        // $166.20 + $165.40 is over dev's $170: a warning, since dev's file does not block.
        Assert.True(dev.OverBudget);
        Assert.False(dev.IsBlocking);
    }

    [Fact]
    public void A_bigger_instance_class_shows_both_classes_and_blocks_where_the_budget_says_so()
    {
        EditTemplate("assembly-Prod", "infra-prod-database-us-east-1", resources =>
            resources["DatabaseWriter2C00925F"]!["Properties"]!["DBInstanceClass"] = "db.r7g.xlarge");

        var prod = CostDelta.Compare(_env.CheckedTemplates, _head, "prod").Single();

        Assert.Equal(201.48m, prod.Delta);   // 730 h x ($0.552 - $0.276)
        Assert.Equal(
            ["+$402.96/month: 1 more Aurora db.r7g.xlarge instance (us-east-1)", "-$201.48/month: 1 fewer Aurora db.r7g.large instance (us-east-1)"],
            prod.Lines.Select(l => l.Describe()));
        Assert.True(prod.IsBlocking, $"prod after {prod.After} against its blocking budget of 1300");
        var markdown = CostDelta.Markdown([prod]);
        Assert.Contains("| prod | $1,241.81 | $1,443.29 | +$201.48 | **⛔ over $1,300.00** |", markdown, StringComparison.Ordinal);
        Assert.Contains("(`cost.blockOverBudget`)", markdown, StringComparison.Ordinal);
        var result = new PreviewResult("base", "head", "engine", [], []) { Cost = [prod] };
        Assert.Equal(1, result.BlockingCount);
    }

    [Fact]
    public void A_new_region_adds_its_network()
    {
        // The head gains a copy of dev's network stack in us-west-2, as a second region in the file would.
        var assembly = Path.Combine(_head, "assembly-Dev");
        var manifestFile = Path.Combine(assembly, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!.AsObject();
        var artifacts = manifest["artifacts"]!.AsObject();
        var network = artifacts.Single(a => (string?)a.Value!["properties"]?["stackName"] == "infra-dev-network-us-east-1").Value!.DeepClone().AsObject();
        var template = (string)network["properties"]!["templateFile"]!;
        File.Copy(Path.Combine(assembly, template), Path.Combine(assembly, "DevNetworkuswest2.template.json"));
        network["environment"] = "aws://111111111111/us-west-2";
        network["properties"]!["templateFile"] = "DevNetworkuswest2.template.json";
        network["properties"]!["stackName"] = "infra-dev-network-us-west-2";
        artifacts["DevNetworkuswest2"] = network;
        File.WriteAllText(manifestFile, manifest.ToJsonString());

        var dev = CostDelta.Compare(_env.CheckedTemplates, _head, "dev").Single();

        Assert.Equal(37.24m, dev.Delta);
        Assert.All(dev.Lines, l => Assert.Equal("us-west-2", l.Region));
        Assert.Contains("+$32.85/month: 1 more NAT gateway (us-west-2)", dev.Lines.Select(l => l.Describe()));
    }

    [Fact]
    public void The_preview_json_carries_before_after_and_every_line()
    {
        EditTemplate("assembly-Dev", "infra-dev-network-us-east-1", resources =>
            resources.Remove(resources.Single(r => (string?)r.Value!["Type"] == "AWS::EC2::NatGateway").Key));

        var json = CostDelta.Json(CostDelta.Compare(_env.CheckedTemplates, _head, "dev"));

        var dev = json.Single()!;
        Assert.Equal(166.20m, (decimal)dev["beforeUsd"]!);
        Assert.Equal(133.12m, (decimal)dev["afterUsd"]!);
        Assert.Equal("-$32.85/month: 1 fewer NAT gateway (us-east-1)", (string?)dev["lines"]![0]!["text"]);
    }

    private void EditTemplate(string assembly, string stackName, Action<JsonObject> edit)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_head, assembly, "manifest.json")))!;
        var file = Path.Combine(_head, assembly, (string)manifest["artifacts"]!.AsObject()
            .Single(a => (string?)a.Value!["properties"]?["stackName"] == stackName).Value!["properties"]!["templateFile"]!);
        var template = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(template["Resources"]!.AsObject());
        File.WriteAllText(file, template.ToJsonString());
    }
}
