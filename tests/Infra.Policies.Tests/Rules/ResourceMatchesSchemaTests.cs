using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Infra.Policies.Rules.CloudFormation;
using Infra.Policies.Schema;
using Xunit;

namespace Infra.Policies.Tests.Rules;

/// <summary>INFRA-CFN-1 without its schema, the schema reader, and the name suggestions.</summary>
public sealed class ResourceMatchesSchemaTests
{
    /// <summary>A two-type database in the shape of <c>@aws-cdk/aws-service-spec</c>'s db.json (no metrics, no documentation).</summary>
    private const string TinyDatabase = """
        { "idCtr": 9, "schema": {
          "resource": { "type": "entities", "entities": [
            { "$id": "1", "cloudFormationType": "AWS::Demo::Thing", "name": "Thing", "properties": {
              "Name": { "type": { "type": "string" }, "required": true },
              "Mode": { "type": { "type": "string", "allowedValues": ["FAST", "SLOW"] } },
              "Sizes": { "type": { "type": "array", "element": { "type": "integer" } } },
              "Labels": { "type": { "type": "map", "element": { "type": "string" } } },
              "Body": { "type": { "type": "union", "types": [{ "type": "json" }, { "type": "string" }] }, "previousTypes": [{ "type": "json" }] },
              "Tags": { "type": { "type": "array", "element": { "type": "tag" } } },
              "Node": { "type": { "type": "ref", "reference": { "$ref": "2" } } } } },
            { "$id": "3", "cloudFormationType": "AWS::Demo::Other", "name": "Other", "properties": {} } ] },
          "typeDefinition": { "type": "entities", "entities": [
            { "$id": "2", "name": "Node", "properties": {
              "Enabled": { "type": { "type": "boolean" } },
              "Child": { "type": { "type": "ref", "reference": { "$ref": "2" } } } } } ] },
          "usesType": { "type": "rel", "forward": { "1": [{ "$id": "2" }] } } } }
        """;

    private static TemplateDocument Template(string resources) =>
        new(new JsonObject { ["Resources"] = JsonNode.Parse(resources)!.AsObject() }, "Fixture", "fixture.json", null);

    private static string WriteDatabase(string directory, string json)
    {
        var path = Path.Combine(directory, CloudFormationSchema.RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path)!, "package.json"), """{ "name": "@aws-cdk/aws-service-spec", "version": "0.0.1" }""");
        return path;
    }

    private static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "infra-schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    [Fact]
    public void Without_the_schema_reports_one_error_per_template_and_still_checks_resource_attributes()
    {
        var pack = new PolicyPack([new ResourceMatchesSchema(schema: null)]);
        var templates = new[]
        {
            Template("""{ "A": { "Type": "AWS::S3::Bucket" }, "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Keep" } }"""),
            Template("""{ "C": { "Type": "AWS::SQS::Queue" } }"""),
        };

        var findings = PolicyEngine.Evaluate(pack, templates).Findings.Where(f => f.Rule.Id == "INFRA-CFN-1").ToList();

        const string Missing = "The CloudFormation resource schema (node_modules/@aws-cdk/aws-service-spec/db.json.gz) was not found above the current or the application directory, so no resource of this template was checked against it; run npm ci (consumers: add @aws-cdk/aws-service-spec to package.json devDependencies first).";
        Assert.Equal(
            [("A", Missing, "Schema::Missing"), ("B", "DeletionPolicy is Keep, not one of Delete, Retain, Snapshot, RetainExceptOnCreate.", "Attribute::DeletionPolicy"), ("C", Missing, "Schema::Missing")],
            findings.Select(f => (f.LogicalId, f.Message, f.FindingId!)));
        Assert.All(findings, f => Assert.True(f.IsBlocking));
    }

    [Fact]
    public void A_single_finding_can_be_suppressed_by_its_id()
    {
        var template = Template("""
            { "L": { "Type": "AWS::EC2::LaunchTemplate",
              "Metadata": { "infra:policy": { "suppressions": [ { "id": "INFRA-CFN-1", "reason": "Newer than the pinned schema; checked by hand.", "appliesTo": ["Property::LaunchTemplateData.NewThing"] } ] } },
              "Properties": { "LaunchTemplateData": { "NewThing": true, "MetadataOptions": { "HttpTokns": "required" } } } } }
            """);
        var findings = PolicyEngine.Evaluate(new PolicyPack([PolicyPack.Default.ById["INFRA-CFN-1"]]), [template]).Findings.Where(f => f.Rule.Id == "INFRA-CFN-1").ToList();

        Assert.Equal(["Property::LaunchTemplateData.NewThing", "Property::LaunchTemplateData.MetadataOptions.HttpTokns"], findings.Select(f => f.FindingId));
        Assert.Equal(["Property::LaunchTemplateData.NewThing"], findings.Where(f => f.IsSuppressed).Select(f => f.FindingId));
    }

    [Fact]
    public void The_shared_schema_is_found_from_the_test_directory_and_loaded_once_per_process()
    {
        var first = CloudFormationSchema.Shared;
        Template("""{ "Q": { "Type": "AWS::SQS::Queue" } }""").Resources.ToList().ForEach(r => PolicyPack.Default.ById["INFRA-CFN-1"].Check(r).ToList());

        Assert.NotNull(first);
        Assert.Same(first, CloudFormationSchema.Shared);
        Assert.Equal(1, CloudFormationSchema.SharedLoads);
        Assert.Equal("@aws-cdk/aws-service-spec 0.1.216", first.DisplayName);
        Assert.True(first.ResourceTypes.Count > 1500, $"only {first.ResourceTypes.Count} resource types");
    }

    [Fact]
    public void The_real_schema_resolves_nested_types_and_allowed_values()
    {
        var schema = CloudFormationSchema.Shared!;
        var data = Assert.IsType<ObjectSchemaType>(schema.Resource("AWS::EC2::LaunchTemplate")!.Properties["LaunchTemplateData"].Type);
        var metadata = Assert.IsType<ObjectSchemaType>(data.Definition.Properties["MetadataOptions"].Type);

        Assert.True(schema.Resource("AWS::EC2::LaunchTemplate")!.Properties["LaunchTemplateData"].Required);
        Assert.Equal("AWS::EC2::LaunchTemplate.MetadataOptions", metadata.Definition.FullName);
        Assert.Equal(SchemaPrimitive.Integer, Assert.IsType<PrimitiveSchemaType>(metadata.Definition.Properties["HttpPutResponseHopLimit"].Type).Kind);
        Assert.Contains("731", Assert.IsType<PrimitiveSchemaType>(schema.Resource("AWS::Logs::LogGroup")!.Properties["RetentionInDays"].Type).AllowedValues);
        Assert.Null(schema.Resource("AWS::S3::Buckett"));
    }

    [Fact]
    public void Reads_a_database_from_an_explicit_path_with_every_kind_of_type()
    {
        var directory = TempDirectory();
        try
        {
            var schema = CloudFormationSchema.Load(WriteDatabase(directory, TinyDatabase));
            var thing = schema.Resource("AWS::Demo::Thing")!;
            var node = Assert.IsType<ObjectSchemaType>(thing.Properties["Node"].Type);

            Assert.Equal(["AWS::Demo::Other", "AWS::Demo::Thing"], schema.ResourceTypes);
            Assert.Equal("@aws-cdk/aws-service-spec 0.0.1", schema.DisplayName);
            Assert.True(thing.Properties["Name"].Required);
            Assert.False(thing.Properties["Mode"].Required);
            Assert.Equal(["FAST", "SLOW"], Assert.IsType<PrimitiveSchemaType>(thing.Properties["Mode"].Type).AllowedValues);
            Assert.Equal("list of integer", thing.Properties["Sizes"].Type.ToString());
            Assert.Equal("map of string", thing.Properties["Labels"].Type.ToString());
            Assert.Equal("json or string", thing.Properties["Body"].Type.ToString());
            Assert.Equal("json or string or json", thing.Properties["Body"].AcceptedType.ToString());
            Assert.Equal("list of Tag", thing.Properties["Tags"].Type.ToString());
            Assert.Equal("AWS::Demo::Thing.Node", node.Definition.FullName);
            Assert.Same(node.Definition, Assert.IsType<ObjectSchemaType>(node.Definition.Properties["Child"].Type).Definition);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Checks_resources_against_an_explicit_schema()
    {
        var directory = TempDirectory();
        try
        {
            var rule = new ResourceMatchesSchema(CloudFormationSchema.Load(WriteDatabase(directory, TinyDatabase)));
            var template = Template("""
                { "T": { "Type": "AWS::Demo::Thing", "Properties": { "Name": "a", "Mode": "FAST", "Sizes": [1, "2"], "Labels": { "a": "b" }, "Body": "{}",
                  "Node": { "Enabled": "false", "Child": { "Child": { "Enabeld": true } } } } },
                  "U": { "Type": "AWS::Demo::Thin" } }
                """);
            var messages = template.Resources.SelectMany(rule.Check).Select(v => v.Message).ToList();

            Assert.Equal(
            [
                "Node.Child.Child.Enabeld is not a property of AWS::Demo::Thing.Node; did you mean Enabled?",
                "Type AWS::Demo::Thin is not a resource type of @aws-cdk/aws-service-spec 0.0.1; did you mean AWS::Demo::Thing?",
            ], messages);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Locates_the_database_upward_from_a_start_directory_and_returns_null_when_there_is_none()
    {
        var directory = TempDirectory();
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(directory, "a", "b")).FullName;
            Assert.Null(CloudFormationSchema.Locate([nested]));

            var path = WriteDatabase(directory, TinyDatabase);
            Assert.Equal(path, CloudFormationSchema.Locate([nested]));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Rejects_a_file_that_is_not_a_service_spec_database()
    {
        var directory = TempDirectory();
        try
        {
            var path = WriteDatabase(directory, """{ "resources": [] }""");
            Assert.Contains("it is not a @aws-cdk/aws-service-spec database", Assert.Throws<InvalidDataException>(() => CloudFormationSchema.Load(path)).Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("HttpTokns", "HttpTokens")]
    [InlineData("httptokens", "HttpTokens")]
    [InlineData("HopLimit", null)]
    [InlineData("HttpEndpoints", "HttpEndpoint")]
    public void Suggests_the_closest_name_only_when_it_is_close(string name, string? expected) =>
        Assert.Equal(expected, NameSuggestion.Closest(name, ["HttpEndpoint", "HttpProtocolIpv6", "HttpPutResponseHopLimit", "HttpTokens", "InstanceMetadataTags"]));
}
