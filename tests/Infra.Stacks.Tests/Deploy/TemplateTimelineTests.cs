using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using Infra.Stacks.Deploy;
using Xunit;

namespace Infra.Stacks.Tests.Deploy;

public sealed class TemplateTimelineTests
{
    private static ResourceChain Chain(JsonObject resources, Dictionary<string, double> minutes) =>
        TemplateTimeline.SlowestChain(new JsonObject { ["Resources"] = resources.DeepClone() }, (id, _) => minutes[id]);

    private static JsonObject Resource(JsonObject properties, params string[] dependsOn) => FakeAssembly.Resource("AWS::Test::Thing", properties, dependsOn);

    [Fact]
    public void Runs_independent_resources_side_by_side()
    {
        var chain = Chain(FakeAssembly.Resources(("Writer", Resource([])), ("Reader", Resource([]))), new() { ["Writer"] = 11, ["Reader"] = 9 });

        Assert.Equal(11, chain.Minutes);
        Assert.Equal(["Writer"], chain.LogicalIds);
    }

    [Fact]
    public void Adds_up_a_chain_of_references_ref_getatt_sub_and_depends_on()
    {
        var resources = FakeAssembly.Resources(
            ("Key", Resource([])),
            ("Logs", Resource(new JsonObject { ["KmsKeyId"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("Key", "Arn") } })),
            ("Cluster", Resource(new JsonObject { ["Name"] = new JsonObject { ["Fn::Sub"] = "${Logs}-${AWS::Region}-${!Literal}" } })),
            ("Instance", Resource(new JsonObject { ["ClusterId"] = new JsonObject { ["Ref"] = "Cluster" } })),
            ("Alarm", Resource([], "Instance")),
            ("Dotted", Resource(new JsonObject { ["Arn"] = new JsonObject { ["Fn::GetAtt"] = "Key.Arn" } })));

        var chain = Chain(resources, new() { ["Key"] = 1, ["Logs"] = 0.25, ["Cluster"] = 5, ["Instance"] = 11, ["Alarm"] = 0.25, ["Dotted"] = 30 });

        Assert.Equal(31, chain.Minutes);
        Assert.Equal(["Key", "Dotted"], chain.LogicalIds);
        var withoutDotted = Chain(resources, new() { ["Key"] = 1, ["Logs"] = 0.25, ["Cluster"] = 5, ["Instance"] = 11, ["Alarm"] = 0.25, ["Dotted"] = 0 });
        Assert.Equal(17.5, withoutDotted.Minutes);
        Assert.Equal(["Key", "Logs", "Cluster", "Instance", "Alarm"], withoutDotted.LogicalIds);
    }

    [Fact]
    public void A_sub_variable_of_its_own_map_shadows_a_resource_and_parameters_are_not_resources()
    {
        var resources = FakeAssembly.Resources(
            ("Bucket", Resource([])),
            ("Policy", Resource(new JsonObject
            {
                ["Document"] = new JsonObject { ["Fn::Sub"] = new JsonArray("${Bucket}/${Stage}", new JsonObject { ["Bucket"] = "literal" }) },
                ["Version"] = new JsonObject { ["Ref"] = "BootstrapVersion" },
            })));

        var chain = Chain(resources, new() { ["Bucket"] = 5, ["Policy"] = 1 });

        Assert.Equal(5, chain.Minutes);
        Assert.Empty(TemplateTimeline.DependenciesOf(resources["Policy"]!.AsObject(), new Dictionary<string, JsonObject> { ["Bucket"] = resources["Bucket"]!.AsObject() }));
    }

    [Fact]
    public void Names_the_resources_of_a_dependency_cycle()
    {
        var resources = FakeAssembly.Resources(("A", Resource([], "B")), ("B", Resource([], "C")), ("C", Resource([], "A")));

        var error = Assert.Throws<InvalidDataException>(() => Chain(resources, new() { ["A"] = 1, ["B"] = 1, ["C"] = 1 }));

        Assert.Equal("The template's resources depend on each other in a cycle (A → B → C → A); CloudFormation refuses it too.", error.Message);
    }

    [Fact]
    public void An_empty_template_takes_no_time()
    {
        Assert.Equal(0, TemplateTimeline.SlowestChain([], (_, _) => 1).Minutes);
        Assert.Empty(TemplateTimeline.SlowestChain([], (_, _) => 1).LogicalIds);
    }
}
