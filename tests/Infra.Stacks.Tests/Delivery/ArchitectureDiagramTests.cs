using System;
using System.IO;
using System.Linq;
using Infra.Stacks.Diagram;
using Infra.Stacks.Tests.Environments;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Delivery;

/// <summary>The README's architecture picture, drawn from this run's synthesized app.</summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class ArchitectureDiagramTests
{
    private readonly SynthesizedEnvironments _env;
    private readonly string _diagram;

    public ArchitectureDiagramTests(SynthesizedEnvironments environments)
    {
        _env = environments;
        _diagram = environments.Diagram;
    }

    [Fact]
    public void The_readme_embeds_the_current_picture()
    {
        var embedded = ArchitectureDiagram.Embedded(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")));

        Assert.True(
            embedded.ReplaceLineEndings("\n") == _diagram.ReplaceLineEndings("\n"),
            "The architecture picture in README.md is stale: run `make diagram` and commit README.md.");
    }

    [Fact]
    public void Draws_one_flowchart_per_environment_with_every_stack()
    {
        Assert.Equal(3, _diagram.Split("```mermaid").Length - 1);
        Assert.Contains("#### dev (account 111111111111)", _diagram, StringComparison.Ordinal);
        Assert.All(_env.AllStacks, s => Assert.Contains($"[\"{s.StackName}\"]", _diagram, StringComparison.Ordinal));
    }

    [Fact]
    public void Shows_the_components_inside_their_stacks()
    {
        var prodPlatform = Block(_env.Stages["prod"].Platform.ArtifactId);

        Assert.Contains("KubePrometheusStack<br/>Monitoring", prodPlatform, StringComparison.Ordinal);
        Assert.Contains("IstioMesh<br/>Mesh", prodPlatform, StringComparison.Ordinal);
        Assert.Contains("AwsLoadBalancerController<br/>LoadBalancerController", prodPlatform, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_an_importing_stack_to_the_stack_it_imports_from_and_dashes_cross_region_links()
    {
        var prod = _env.Stages["prod"];
        var network = prod.NetworkStacks.Values.First().ArtifactId;

        Assert.Matches($@"  {network} -->\|""\d+ exports?""\| {prod.Cluster.ArtifactId}", _diagram);
        Assert.Contains($"  {prod.StorageReplica!.ArtifactId} -.->|\"cross-region: us-west-2 to us-east-1\"| {prod.Storage.ArtifactId}", _diagram, StringComparison.Ordinal);
        Assert.DoesNotContain(_env.Stages["dev"].Storage.ArtifactId + " -.->", _diagram, StringComparison.Ordinal);
    }

    [Fact]
    public void Embeds_between_the_markers_and_keeps_the_rest()
    {
        var document = $"# Title\n\n{ArchitectureDiagram.StartMarker}\nold\n{ArchitectureDiagram.EndMarker}\n\nafter\n";

        var embedded = ArchitectureDiagram.Embed(document, "new\n");

        Assert.Equal($"# Title\n\n{ArchitectureDiagram.StartMarker}{Environment.NewLine}new\n{ArchitectureDiagram.EndMarker}\n\nafter\n", embedded);
        Assert.Equal("new\n", ArchitectureDiagram.Embedded(embedded));
        Assert.Throws<InvalidDataException>(() => ArchitectureDiagram.Embed("# no markers", "x"));
    }

    [Fact]
    public void The_verb_says_what_to_do_when_the_assembly_or_the_markers_are_missing()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# no markers\n");
            using var output = new StringWriter();
            using var errors = new StringWriter();

            Assert.Equal(1, Program.Diagram(Path.Combine(Path.GetTempPath(), "no-such-cdk-out"), null, output, errors));
            Assert.Equal(1, Program.Diagram(_env.OutDir, file, output, errors));

            Assert.Contains("(no manifest.json): run the synth first", errors.ToString(), StringComparison.Ordinal);
            Assert.Contains($"put the line '{ArchitectureDiagram.StartMarker}'", errors.ToString(), StringComparison.Ordinal);
            Assert.Equal("# no markers\n", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private string Block(string artifactId)
    {
        var start = _diagram.IndexOf($"subgraph {artifactId}[", StringComparison.Ordinal);
        return _diagram[start.._diagram.IndexOf("    end", start, StringComparison.Ordinal)];
    }
}
