using System;
using System.IO;
using System.Linq;
using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>Reading a document: syntax, structure, keys and value types, and how problems are collected.</summary>
public sealed class EnvironmentConfigLoaderTests
{
    [Fact]
    public void Loads_the_valid_dev_base_document()
    {
        var config = EnvironmentConfigLoader.Load(Dev, "dev.yaml");

        Assert.Equal("dev", config.Name);
        Assert.Equal("dev.yaml", config.SourceFile);
    }

    [Fact]
    public void Loads_the_valid_staging_base_document()
    {
        var config = EnvironmentConfigLoader.Load(Staging, "staging.yaml");

        Assert.Equal("staging", config.Name);
    }

    [Fact]
    public void Loads_the_valid_prod_base_document()
    {
        var config = EnvironmentConfigLoader.Load(Prod, "prod.yaml");

        Assert.Equal("prod", config.Name);
    }

    [Fact]
    public void Rejects_an_unknown_key_with_a_did_you_mean()
    {
        var yaml = Replace(Dev, "  natGateways: single", "  natGateway: single");

        // One problem for one typo: the misspelt required key is not also reported as missing.
        Assert.Equal(
            "dev.yaml:11: network.natGateway: is not a known key; did you mean 'natGateways'? Allowed keys here: flowLogs, interfaceEndpoints, natGateways, subnetMasks.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_an_unknown_key_that_resembles_no_key_by_listing_the_allowed_keys()
    {
        var yaml = Replace(Dev, "  costCenter: CC-PLATFORM-DEV", "  costCenter: CC-PLATFORM-DEV\n  colour: blue");

        Assert.Equal(
            "dev.yaml:10: tags.colour: is not a known key; allowed keys here: additional, costCenter, owner.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_a_missing_required_key_at_the_line_of_its_parent_key()
    {
        var yaml = RemoveBlock(Dev, "  flowLogs:");

        Assert.Equal("dev.yaml:10: network.flowLogs: is missing; this key is required.", Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_a_missing_top_level_key_without_a_line()
    {
        var yaml = RemoveBlock(Dev, "protection:");

        Assert.Equal("dev.yaml: protection: is missing; this key is required.", Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Treats_a_key_without_a_value_as_missing()
    {
        var yaml = Replace(Dev, "  owner: platform-team", "  owner:");

        Assert.Equal("dev.yaml:7: tags.owner: is missing; this key is required.", Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("  owner: platform-team", "  owner: [platform-team]", "dev.yaml:8: tags.owner: expected a text value, got a list.")]
    [InlineData("  natGateways: single", "  natGateways: [single]", "dev.yaml:11: network.natGateways: expected a text value, got a list.")]
    [InlineData("    retentionDays: 14", "    retentionDays: [14]", "dev.yaml:15: network.flowLogs.retentionDays: expected a text value, got a list.")]
    [InlineData("  terminationProtection: false", "  terminationProtection: {enabled: false}", "dev.yaml:24: protection.terminationProtection: expected a text value, got a mapping.")]
    public void Rejects_a_list_or_mapping_where_text_is_expected(string line, string replacement, string expected)
    {
        var yaml = Replace(Dev, line, replacement);

        Assert.Equal(expected, Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_text_where_a_list_is_expected()
    {
        var yaml = Replace(Dev, "  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones: us-east-1a");

        Assert.Equal(
            "dev.yaml:5: primaryRegion.availabilityZones: expected a list, got a text value.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_a_list_item_that_is_not_text_at_its_index()
    {
        var yaml = Replace(Dev, "  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones: [us-east-1a, [us-east-1b], us-east-1c]");

        Assert.Equal(
            "dev.yaml:5: primaryRegion.availabilityZones[1]: expected a text value, got a list.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("profile: development", "profile: dev", "dev.yaml:1: profile: 'dev' is not allowed; use one of: development, preproduction, production.")]
    [InlineData("  natGateways: single", "  natGateways: singel", "dev.yaml:11: network.natGateways: 'singel' is not allowed; use one of: none, single, perAz.")]
    [InlineData("  natGateways: single", "  natGateways: perAZ", "dev.yaml:11: network.natGateways: 'perAZ' is not allowed; use one of: none, single, perAz.")]
    [InlineData("    destination: cloudWatchLogs", "    destination: cloudwatch", "dev.yaml:13: network.flowLogs.destination: 'cloudwatch' is not allowed; use one of: cloudWatchLogs, s3.")]
    [InlineData("    trafficType: reject", "    trafficType: REJECT", "dev.yaml:14: network.flowLogs.trafficType: 'REJECT' is not allowed; use one of: all, accept, reject.")]
    public void Rejects_an_unknown_enum_value_with_the_allowed_values(string line, string replacement, string expected)
    {
        var yaml = Replace(Dev, line, replacement);

        Assert.Equal(expected, Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Rejects_an_unknown_flow_log_aggregation_interval()
    {
        var yaml = Replace(Dev, "    retentionDays: 14", "    retentionDays: 14\n    maxAggregationIntervalSeconds: 300");

        Assert.Equal(
            "dev.yaml:16: network.flowLogs.maxAggregationIntervalSeconds: '300' is not allowed; use one of: 60, 600.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("14.5")]
    [InlineData("two weeks")]
    [InlineData("99999999999")]
    public void Rejects_a_value_that_is_not_a_whole_number(string value)
    {
        var yaml = Replace(Dev, "    retentionDays: 14", $"    retentionDays: {value}");

        Assert.Equal(
            $"dev.yaml:15: network.flowLogs.retentionDays: '{value}' is not a whole number.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("True")]
    [InlineData("1")]
    public void Rejects_a_value_that_is_not_a_boolean(string value)
    {
        var yaml = Replace(Dev, "  terminationProtection: false", $"  terminationProtection: {value}");

        Assert.Equal(
            $"dev.yaml:24: protection.terminationProtection: '{value}' is not a boolean; use true or false.",
            Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Fact]
    public void Reports_an_invalid_value_once_rather_than_also_checking_rules_against_a_default()
    {
        // The rules still run, but say nothing about a key that could not be read: it holds a stand-in value.
        var yaml = Replace(Prod, "  replicateToSecondaryRegion: true", "  replicateToSecondaryRegion: yes");

        Assert.Equal(
            "prod.yaml:33: storage.replicateToSecondaryRegion: 'yes' is not a boolean; use true or false.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Still_checks_the_rules_of_every_other_key_when_one_value_cannot_be_read()
    {
        var yaml = Replace(Replace(Prod, "  natGateways: perAz", "  natGateways: perAZ"), "  terminationProtection: true", "  terminationProtection: false");

        Assert.Equal(
            [
                "prod.yaml:15: network.natGateways: 'perAZ' is not allowed; use one of: none, single, perAz.",
                "prod.yaml:36: protection.terminationProtection: is false; a production environment's stateful stacks must have termination protection. Set it to true.",
            ],
            Problems(yaml, "prod.yaml"));
    }

    [Fact]
    public void Reports_an_unreadable_transition_once()
    {
        var yaml = Replace(Prod, "          - storageClass: standardIa", "          - storageClass: standardIA");

        Assert.Equal(
            "prod.yaml:26: storage.dataBucket.lifecycleRules[0].transitions[0].storageClass: 'standardIA' is not allowed; use one of: standardIa, intelligentTiering, oneZoneIa, glacierInstantRetrieval, glacierFlexibleRetrieval, deepArchive.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Fact]
    public void Rejects_a_blank_interface_endpoint_instead_of_crashing()
    {
        var yaml = Replace(Prod, "  interfaceEndpoints: [sts, ecr.api]", "  interfaceEndpoints: [sts, \"\"]");

        Assert.Equal(
            "prod.yaml:20: network.interfaceEndpoints[1]: is empty; give the endpoint's short name, for example sts.",
            Assert.Single(Problems(yaml, "prod.yaml")));
    }

    [Theory]
    [InlineData("account: \"111111111111\"", "account: \"111111111111\"\naccount: \"222222222222\"", "dev.yaml:3: (syntax): is not valid YAML: Duplicate key account")]
    [InlineData("  owner: platform-team", "\towner: platform-team", "dev.yaml:8: (syntax): is not valid YAML: While scanning a mapping, found invalid tab as indentation.")]
    [InlineData("  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones: [us-east-1a, us-east-1b", "dev.yaml:5: (syntax): is not valid YAML: cannot parse past here; look for an unclosed '[', '{' or quote.")]
    [InlineData("  costCenter: CC-PLATFORM-DEV", "  costCenter: \"CC-PLATFORM-DEV", "dev.yaml:9: (syntax): is not valid YAML: While scanning a multi-line double-quoted scalar, found wrong indentation.")]
    public void Rejects_invalid_yaml_syntax_at_its_line(string line, string replacement, string expected)
    {
        var yaml = Replace(Dev, line, replacement);

        Assert.Equal(expected, Assert.Single(Problems(yaml, "dev.yaml")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment\n")]
    [InlineData("just some text")]
    [InlineData("- a list\n- of items")]
    public void Rejects_a_document_that_is_not_one_mapping(string yaml)
    {
        var problem = Assert.Single(Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.Load(yaml, "dev.yaml")).Problems);

        Assert.Equal(new ConfigProblem("dev.yaml", 0, "(document)", "must be exactly one YAML document holding a mapping of keys."), problem);
        Assert.Equal("dev.yaml: (document): must be exactly one YAML document holding a mapping of keys.", problem.ToString());
    }

    [Fact]
    public void Rejects_two_documents_in_one_file()
    {
        Assert.Equal(
            "dev.yaml: (document): must be exactly one YAML document holding a mapping of keys.",
            Assert.Single(Problems(Dev + "\n---\n" + Dev, "dev.yaml")));
    }

    [Fact]
    public void Reports_every_problem_of_a_file_in_one_exception_in_line_order()
    {
        // Rule problems are found after reading, so line order is not the order they were found in.
        var yaml = Replace(Dev, "account: \"111111111111\"", "account: \"12345\"\nowner: platform-team");
        yaml = Replace(yaml, "  availabilityZones: [us-east-1a, us-east-1b]", "  availabilityZones: [us-east-1a, us-west-2b]");
        yaml = Replace(yaml, "    retentionDays: 14", "    retentionDays: 10");
        yaml = Replace(yaml, "  terminationProtection: false", "  terminationProtection: false\n  deletionProtection: true");

        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.Load(yaml, "dev.yaml"));

        Assert.Equal(
            [
                "dev.yaml:2: account: '12345' is not an AWS account id; use the 12 digits, quoted (\"123456789012\").",
                "dev.yaml:3: owner: is not a known key; allowed keys here: account, chaos, cost, database, deployment, kubernetes, mesh, network, observability, primaryRegion, profile, protection, recovery, secondaryRegion, storage, tags.",
                "dev.yaml:6: primaryRegion.availabilityZones[1]: 'us-west-2b' is not an availability zone of us-east-1; use one of: us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e, us-east-1f.",
                "dev.yaml:16: network.flowLogs.retentionDays: 10 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
                "dev.yaml:26: protection.deletionProtection: is not a known key; allowed keys here: retainStatefulResources, terminationProtection.",
            ],
            exception.Problems.Select(p => p.ToString()));
        Assert.StartsWith("The environment configuration has 5 problems; nothing was synthesized.", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_the_key_path_and_line_of_a_problem_as_separate_fields()
    {
        var yaml = Replace(Dev, "  natGateways: single", "  natGateways: singel");

        var problem = Assert.Single(Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.Load(yaml, "dev.yaml")).Problems);

        Assert.Equal(new ConfigProblem("dev.yaml", 11, "network.natGateways", "'singel' is not allowed; use one of: none, single, perAz."), problem);
    }
}

/// <summary><see cref="EnvironmentConfigLoader.LoadAll"/> over a temporary folder of environment files.</summary>
public sealed class EnvironmentConfigLoadAllTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infra-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Loads_every_environment_in_order()
    {
        Write("dev", Dev);
        Write("staging", Staging);
        Write("prod", Prod);

        var configs = EnvironmentConfigLoader.LoadAll(_directory);

        Assert.Equal(["dev", "staging", "prod"], configs.Select(c => c.Name));
        Assert.Equal(Path.Combine(_directory, "prod.yaml"), configs[2].SourceFile);
    }

    [Fact]
    public void Reports_the_problems_of_every_bad_file_in_one_exception_naming_each_file()
    {
        Write("dev", Replace(Dev, "account: \"111111111111\"", "account: \"1111\""));
        Write("staging", Staging);
        Write("prod", Replace(Prod, "  natGateways: perAz", "  natGateways: single"));

        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory));

        var dev = Path.Combine(_directory, "dev.yaml");
        var prod = Path.Combine(_directory, "prod.yaml");
        Assert.Equal(
            [
                $"{dev}:2: account: '1111' is not an AWS account id; use the 12 digits, quoted (\"123456789012\").",
                $"{prod}:15: network.natGateways: 'single' leaves production with a single point of failure; use perAz.",
            ],
            exception.Problems.Select(p => p.ToString()));
        Assert.Contains(dev, exception.Message, StringComparison.Ordinal);
        Assert.Contains(prod, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_environment_that_has_no_file()
    {
        Write("dev", Dev);
        Write("prod", Prod);

        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory, ["staging"]));

        Assert.Equal(
            $"{Path.Combine(_directory, "staging.yaml")}: (file): does not exist; the environments are dev, prod (one file each in {_directory}).",
            Assert.Single(exception.Problems).ToString());
    }

    [Fact]
    public void Any_file_is_an_environment_named_after_it_with_the_profile_it_declares()
    {
        Write("dev", Dev);
        Write("load-test", Prod);
        Write("team-a", Dev);

        var configs = EnvironmentConfigLoader.LoadAll(_directory);

        // Ordered by profile, then name: the production copy comes last, whatever it is called.
        Assert.Equal(["dev", "team-a", "load-test"], configs.Select(c => c.Name));
        var loadTest = configs[2];
        Assert.Equal((EnvironmentProfile.Production, "infra-load-test", "load-test"), (loadTest.Profile, loadTest.ClusterName, loadTest.ResourceTags["environment"]));
    }

    [Theory]
    [InlineData("Load_Test")]
    [InlineData("x")]
    [InlineData("a-very-long-environment")]
    [InlineData("9lives")]
    public void Rejects_a_file_name_that_cannot_name_an_environment(string name)
    {
        Write(name, Dev);

        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory));

        Assert.Equal(
            $"{Path.Combine(_directory, name + ".yaml")}: (file name): '{name}' is not an environment name: use 2 to 16 lower-case letters and digits, starting with a letter, with single hyphens between parts (it names the stage, the stacks, the cluster and the replica bucket).",
            Assert.Single(exception.Problems).ToString());
    }

    [Fact]
    public void Reports_an_empty_config_folder()
    {
        var exception = Assert.Throws<ConfigurationException>(() => EnvironmentConfigLoader.LoadAll(_directory));

        Assert.Equal($"{_directory}: (folder): holds no environment file; add <name>.yaml (see README, Add an environment).", Assert.Single(exception.Problems).ToString());
    }

    [Fact]
    public void Loads_only_the_named_environments()
    {
        Write("dev", Dev);

        var config = Assert.Single(EnvironmentConfigLoader.LoadAll(_directory, ["dev"]));

        Assert.Equal("dev", config.Name);
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(_directory, $"{name}.yaml"), yaml);
}
