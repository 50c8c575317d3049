using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace Infra.Packaging.Tests;

/// <summary>
/// The packages as another repository gets them: what they hold, and the example app of docs/reuse.md built against
/// them from a local feed, synthesized, and checked by the policy pack.
/// </summary>
public sealed class PackedConsumerTests : IClassFixture<PackedConsumer>
{
    private static readonly string[] Components =
        ["VpcNetwork", "LifecycleBucket", "EksCluster", "KarpenterAddOn", "AwsLoadBalancerController", "AuroraPostgresCluster", "KubePrometheusStack", "IstioMesh"];

    private readonly PackedConsumer _consumer;
    private readonly ITestOutputHelper _output;

    public PackedConsumerTests(PackedConsumer consumer, ITestOutputHelper output)
    {
        _consumer = consumer;
        _output = output;
    }

    public static TheoryData<string> PackageIds => new(Repository.Packages.Keys);

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_has_the_repository_version_with_the_run_s_prerelease_tag(string id)
    {
        var metadata = Nuspec(id);
        Assert.Equal(id, Text(metadata, "id"));
        Assert.Equal(_consumer.Version, Text(metadata, "version"));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_carries_its_project_readme_opening_with_a_csharp_quick_start(string id)
    {
        Assert.Equal("README.md", Text(Nuspec(id), "readme"));
        var readme = Entry(id, "README.md");
        Assert.Equal(File.ReadAllText(Repository.PathOf(Repository.Packages[id], "README.md")), readme);
        var firstSection = readme[readme.IndexOf("\n## ", StringComparison.Ordinal)..];
        firstSection = firstSection[..firstSection.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        Assert.StartsWith("\n## Quick start", firstSection, StringComparison.Ordinal);
        Assert.Contains("```csharp", firstSection, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_declares_Apache_2_0_and_carries_the_license_text(string id)
    {
        var license = Element(Nuspec(id), "license");
        Assert.Equal("expression", (string?)license.Attribute("type"));
        Assert.Equal("Apache-2.0", license.Value);
        Assert.Equal(File.ReadAllText(Repository.PathOf("LICENSE")), Entry(id, "LICENSE"));
        Assert.Contains("Apache License", Entry(id, "LICENSE"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_carries_the_assembly_its_xml_docs_and_a_symbols_package(string id)
    {
        using var package = ZipFile.OpenRead(_consumer.PackageFile(id));
        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        var docs = XDocument.Parse(Entry(id, $"lib/net10.0/{id}.xml"));
        Assert.Equal(id, docs.Descendants("assembly").Single().Element("name")!.Value);
        Assert.Contains(docs.Descendants("member"), m => ((string?)m.Attribute("name"))?.StartsWith($"T:{id}.", StringComparison.Ordinal) == true);

        using var symbols = ZipFile.OpenRead(_consumer.SymbolsFile(id));
        Assert.NotNull(symbols.GetEntry($"lib/net10.0/{id}.pdb"));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_names_the_git_commit_it_was_built_from(string id)
    {
        var head = Repository.HeadCommit();
        var repository = Element(Nuspec(id), "repository");
        Assert.Equal("git", (string?)repository.Attribute("type"));
        Assert.Equal(head, (string?)repository.Attribute("commit"));
    }

    [Theory]
    [MemberData(nameof(PackageIds))]
    public void Package_depends_on_exactly_the_versions_pinned_in_Directory_Packages_props(string id)
    {
        var project = File.ReadAllText(Directory.GetFiles(Repository.PathOf(Repository.Packages[id]), "*.csproj").Single());
        var expected = Repository.PinnedVersions.Keys.Where(p => project.Contains($"<PackageReference Include=\"{p}\"", StringComparison.Ordinal)).Order().ToList();
        var dependencies = Nuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(d => (string)d.Attribute("id")!, d => (string)d.Attribute("version")!);

        Assert.Contains("Amazon.CDK.Lib", expected);
        Assert.Equal(expected, dependencies.Keys.Order());
        Assert.All(dependencies, d =>
        {
            Assert.Equal(Repository.PinnedVersions[d.Key], d.Value);
            Assert.Matches(@"^\[[^,\]]+\]$", d.Value);
        });
    }

    [Fact]
    public void Components_description_and_tags_cover_every_component()
    {
        var metadata = Nuspec("Infra.Components");
        var description = Text(metadata, "description");
        Assert.All(Components, c => Assert.Contains(c, description, StringComparison.Ordinal));
        Assert.Contains("aws-cdk", Text(metadata, "tags").Split(' '));
    }

    [Fact]
    public void Docs_example_references_both_packages_at_the_repository_version()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["Infra.Components"] = Repository.VersionPrefix, ["Infra.Policies"] = Repository.VersionPrefix },
            DocsExample.ReferencedVersions);
        Assert.Contains("Program.cs", DocsExample.Files.Keys);
    }

    [Fact]
    public void Docs_example_pins_the_npm_packages_at_the_repository_versions()
    {
        var documented = JsonNode.Parse(DocsExample.Files["package.json"])!["devDependencies"]!.AsObject();
        var repository = JsonNode.Parse(File.ReadAllText(Repository.PathOf("package.json")))!["devDependencies"]!;
        Assert.Equal(["@aws-cdk/aws-service-spec", "aws-cdk"], documented.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(documented, d => Assert.Equal((string?)repository[d.Key], (string?)d.Value));
    }

    [Fact]
    public void Consumer_restores_only_the_packages_from_the_local_feed_and_builds()
    {
        foreach (var command in _consumer.Commands)
        {
            _output.WriteLine($"{command.Elapsed.TotalSeconds,6:F1} s  {command.Command}");
        }

        Assert.True(_consumer.Build.ExitCode == 0, _consumer.Build.ToString());
        var libraries = JsonNode.Parse(File.ReadAllText(Path.Combine(_consumer.ConsumerDirectory, "obj", "project.assets.json")))!["libraries"]!.AsObject();
        Assert.Contains($"Infra.Components/{_consumer.Version}", libraries.Select(l => l.Key));
        Assert.Contains($"Infra.Policies/{_consumer.Version}", libraries.Select(l => l.Key));
        Assert.Contains($"Amazon.CDK.Lib/{Repository.PinnedVersions["Amazon.CDK.Lib"].Trim('[', ']')}", libraries.Select(l => l.Key));

        // The packages under test went to the consumer's own folder, never into the user's global packages folder.
        Assert.All(Repository.Packages.Keys, id =>
        {
            Assert.True(Directory.Exists(Path.Combine(_consumer.ConsumerPackagesFolder, id.ToLowerInvariant(), _consumer.Version)), id);
            Assert.False(Directory.Exists(Path.Combine(_consumer.GlobalPackagesFolder, id.ToLowerInvariant(), _consumer.Version)), id);
        });
    }

    [Fact]
    public void Consumer_synthesizes_the_vpc_and_the_bucket_without_lookups()
    {
        var synth = Synth();
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(_consumer.AssemblyDirectory, $"{PackedConsumer.StackName}.template.json")))!;
        var types = template["Resources"]!.AsObject().Select(r => (string)r.Value!["Type"]!).ToList();

        var vpc = template["Resources"]!.AsObject().Single(r => (string)r.Value!["Type"]! == "AWS::EC2::VPC").Value!;
        Assert.Equal("10.40.0.0/16", (string?)vpc["Properties"]!["CidrBlock"]);
        Assert.Equal(6, types.Count(t => t == "AWS::EC2::Subnet"));   // three tiers in each of the two AZs
        Assert.Single(types, t => t == "AWS::EC2::FlowLog");
        Assert.Single(types, t => t == "AWS::S3::Bucket");
        Assert.Single(types, t => t == "AWS::KMS::Key");
        Assert.All(template["Resources"]!.AsObject().Where(r => (string)r.Value!["Type"]! == "AWS::Lambda::Function"),
            f => Assert.Equal("nodejs24.x", (string?)f.Value!["Properties"]!["Runtime"]));

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_consumer.AssemblyDirectory, "manifest.json")))!;
        Assert.True(manifest["missing"] is null, $"the synth needed lookups: {manifest["missing"]}{Environment.NewLine}{synth}");
    }

    [Fact]
    public void Policy_gate_passes_with_the_warnings_the_docs_list()
    {
        var synth = Synth();
        Assert.Contains("Policy pack: PASSED (0 blocking errors, 3 warnings, 0 suppressed, 1 on CDK machinery;", synth.Output, StringComparison.Ordinal);

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(_consumer.AssemblyDirectory, "policy-report.json")))!;
        Assert.True((bool)report["passed"]!);
        Assert.Equal(0, (int)report["blockingErrors"]!);
        var findings = report["findings"]!.AsArray().Select(f => f!).ToList();
        Assert.All(findings, f => Assert.Equal("warning", (string?)f["level"]));
        Assert.Equal(DocsExample.DocumentedWarnings.Order(), findings.Select(f => (string)f["ruleId"]!).Order());
        // The CDK's own provider role (restrictDefaultSecurityGroup) is demoted, with its reason; the rest is the app's.
        var demoted = Assert.Single(findings, f => f["demotedBecause"] is not null);
        Assert.Equal(("INFRA-IAM-4", "cdk-machinery"), ((string?)demoted["ruleId"], (string?)demoted["origin"]));
        // The stack is in no stage: its environment comes from the tags CostAllocationTags applied.
        Assert.Equal("dev", (string?)report["stacks"]![0]!["environment"]);
    }

    private CommandResult Synth()
    {
        Assert.True(_consumer.Build.ExitCode == 0, _consumer.Build.ToString());
        Assert.True(_consumer.Synth!.ExitCode == 0, _consumer.Synth.ToString());
        return _consumer.Synth;
    }

    private XElement Nuspec(string id) =>
        XDocument.Parse(Entry(id, $"{id}.nuspec")).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

    private string Entry(string id, string path)
    {
        using var package = ZipFile.OpenRead(_consumer.PackageFile(id));
        var entry = package.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"{Path.GetFileName(_consumer.PackageFile(id))} has no {path}.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"The nuspec has no <{name}>.");

    private static string Text(XElement metadata, string name) => Element(metadata, name).Value;
}
