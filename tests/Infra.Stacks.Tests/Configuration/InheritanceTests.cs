using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>A file builds on another with <c>extends</c>: it says only what differs, and messages name the file that set a value.</summary>
public sealed class InheritanceTests : IDisposable
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly string _directory = Directory.CreateTempSubdirectory("infra-extends-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_derived_file_overrides_only_what_it_says()
    {
        Write("prod", Prod);
        Write("load-test", """
            extends: prod
            account: "444444444444"
            primaryRegion:
              vpcCidr: 10.40.0.0/16
            tags:
              owner: load-test-team
            network:
              interfaceEndpoints: [sts]
            deployment:
              roleArn: arn:aws:iam::444444444444:role/infra-github-deploy
            """);

        var configs = EnvironmentConfigLoader.LoadAll(_directory);
        var prod = configs.Single(c => c.Name == "prod");
        var derived = configs.Single(c => c.Name == "load-test");

        // Maps merge key by key; a list is replaced whole; everything not written is prod's.
        var expected = prod with
        {
            Name = "load-test",
            SourceFile = Path.Combine(_directory, "load-test.yaml"),
            Account = "444444444444",
            PrimaryRegion = prod.PrimaryRegion with { VpcCidr = "10.40.0.0/16" },
            Tags = prod.Tags with { Owner = "load-test-team" },
            Network = prod.Network with { InterfaceEndpoints = [prod.Network.InterfaceEndpoints.Single(e => e.Name == "sts")] },
            Deployment = prod.Deployment with { RoleArn = "arn:aws:iam::444444444444:role/infra-github-deploy" },
        };
        Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(derived, Json));
        Assert.Equal(EnvironmentProfile.Production, derived.Profile);
    }

    [Fact]
    public void A_tilde_drops_an_inherited_value_so_the_default_applies()
    {
        Write("prod", Prod);
        Write("sandbox", """
            extends: prod
            storage:
              dataBucket:
                lifecycleRules: ~
            """);

        var configs = EnvironmentConfigLoader.LoadAll(_directory);

        Assert.NotEmpty(configs.Single(c => c.Name == "prod").Storage.DataLifecycleRules);
        Assert.Empty(configs.Single(c => c.Name == "sandbox").Storage.DataLifecycleRules);
    }

    [Fact]
    public void Points_each_problem_at_the_file_and_line_that_set_the_value()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "base"));
        File.WriteAllText(Path.Combine(_directory, "base", "shared.yaml"), Replace(Dev, "  natGateways: single", "  natGateways: singel"));
        Write("sandbox", """
            extends: base/shared
            account: "12345"
            """);

        var problems = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory)).Problems.Select(p => p.ToString()).ToList();

        Assert.Equal(
            [
                $"{Path.Combine(_directory, "base", "shared.yaml")}:11: network.natGateways: 'singel' is not allowed; use one of: none, single, perAz.",
                $"{Path.Combine(_directory, "sandbox.yaml")}:2: account: '12345' is not an AWS account id; use the 12 digits, quoted (\"123456789012\").",
            ],
            problems);
    }

    [Fact]
    public void Files_in_a_subfolder_are_bases_not_environments()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "base"));
        File.WriteAllText(Path.Combine(_directory, "base", "shared.yaml"), Dev);
        Write("dev", "extends: base/shared\n");

        Assert.Equal(["dev"], EnvironmentConfigLoader.LoadAll(_directory).Select(c => c.Name));
    }

    [Theory]
    [InlineData("extends: nowhere\n", "'nowhere' names no file: {dir}nowhere.yaml does not exist.")]
    [InlineData("extends: ../prod\n", "'../prod' does not name a file of the config folder; write its name without .yaml, for example prod or base/production.")]
    [InlineData("extends: sandbox\n", "'sandbox' builds on itself (sandbox.yaml -> sandbox.yaml); remove one of the extends.")]
    public void Refuses_an_extends_that_names_no_usable_file(string yaml, string message)
    {
        Write("sandbox", yaml);

        var problem = Assert.Single(Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory)).Problems);

        Assert.Equal($"{Path.Combine(_directory, "sandbox.yaml")}:1: extends: {message.Replace("{dir}", _directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)}", problem.ToString());
    }

    [Fact]
    public void Refuses_a_cycle_of_two_files()
    {
        Write("a1", "extends: b1\n");
        Write("b1", "extends: a1\n");

        var problems = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory)).Problems.Select(p => p.Message).ToList();

        Assert.Contains("'a1' builds on itself (a1.yaml -> b1.yaml -> a1.yaml); remove one of the extends.", problems);
    }

    [Fact]
    public void Make_config_shows_each_value_with_the_file_and_line_that_set_it()
    {
        Write("dev", Dev);
        Write("sandbox", "extends: dev\ntags:\n  owner: team-a\n");

        var text = EnvironmentConfigLoader.Effective(_directory, "sandbox", _directory);

        Assert.Contains("  owner: team-a    # sandbox.yaml:3", text, StringComparison.Ordinal);
        Assert.Contains("  costCenter: CC-PLATFORM-DEV    # dev.yaml:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("extends", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_verb_shows_where_prods_values_come_from_and_refuses_an_unknown_environment()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        Assert.Equal(0, Program.PrintEffectiveConfig(Infra.TestKit.RepoPaths.ConfigDirectory, "prod", output, errors));
        var text = output.ToString();
        Assert.Matches(@"(?m)^  version: ""1\.35""    # .*base[/\\]two-region\.yaml:\d+$", text);
        Assert.Matches(@"(?m)^  natGateways: perAz    # .*prod\.yaml:\d+$", text);

        Assert.Equal(2, Program.PrintEffectiveConfig(Infra.TestKit.RepoPaths.ConfigDirectory, "qa", output, errors));
        Assert.StartsWith("unknown environment 'qa'; use one of dev, prod, staging", errors.ToString(), StringComparison.Ordinal);
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(_directory, $"{name}.yaml"), yaml);
}
