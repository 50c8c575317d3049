using System.IO;
using System.Linq;
using Xunit;

namespace Infra.Policies.Tests;

public sealed class TemplateLoaderTests
{
    private const string Yaml = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Key:
            Type: AWS::KMS::Key
            Properties:
              EnableKeyRotation: false
          Bucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketEncryption:
                ServerSideEncryptionConfiguration:
                  - ServerSideEncryptionByDefault:
                      SSEAlgorithm: aws:kms
                      KMSMasterKeyID: !GetAtt Key.Arn
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Bucket
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: "s3:*"
                    Resource: !Sub "${Bucket.Arn}/*"
                    Condition:
                      Bool:
                        aws:SecureTransport: "false"
        """;

    [Fact]
    public void Reads_yaml_short_form_intrinsics_as_their_json_forms()
    {
        var root = TemplateLoader.Parse(Yaml);
        Assert.Equal("""{"Fn::GetAtt":["Key","Arn"]}""", root["Resources"]!["Bucket"]!["Properties"]!["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["KMSMasterKeyID"]!.ToJsonString());
        Assert.Equal("""{"Ref":"Bucket"}""", root["Resources"]!["Policy"]!["Properties"]!["Bucket"]!.ToJsonString());
        Assert.Equal("""{"Fn::Sub":"${Bucket.Arn}/*"}""", root["Resources"]!["Policy"]!["Properties"]!["PolicyDocument"]!["Statement"]![0]!["Resource"]!.ToJsonString());
        Assert.False((bool)root["Resources"]!["Key"]!["Properties"]!["EnableKeyRotation"]!);
    }

    [Fact]
    public void Checks_a_yaml_template_from_another_repository()
    {
        var dir = Directory.CreateTempSubdirectory("infra-policy-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "legacy.yaml"), Yaml);
            File.WriteAllText(Path.Combine(dir, "notes.json"), """{ "not": "a template" }""");
            var templates = TemplateLoader.Load(dir, "legacy-prod", "production");
            var template = Assert.Single(templates);
            Assert.Equal("legacy", template.StackName);
            var report = PolicyEngine.Evaluate(PolicyPack.Default, templates);
            Assert.Contains(report.Blocking, f => f.Rule.Id == "INFRA-KMS-1" && f.LogicalId == "Key");
            Assert.DoesNotContain(report.Findings, f => f.Rule.Id == "INFRA-S3-2");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Names_a_missing_path() =>
        Assert.Throws<FileNotFoundException>(() => TemplateLoader.Load("/does/not/exist.json"));

    [Fact]
    public void Names_the_file_that_is_not_a_template()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "{ not json");
            var e = Assert.Throws<InvalidDataException>(() => TemplateLoader.Load(file));
            Assert.StartsWith($"{file}: not a CloudFormation template", e.Message, System.StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Names_a_file_whose_root_is_a_list()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "[1, 2]");
            var e = Assert.Throws<InvalidDataException>(() => TemplateLoader.Load(file));
            Assert.Equal($"{file}: not a CloudFormation template (The template is not a single YAML mapping.)", e.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Refuses_a_folder_without_templates_instead_of_passing_it()
    {
        var dir = Directory.CreateTempSubdirectory("infra-empty-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "values.yaml"), "replicas: 2\n");
            var e = Assert.Throws<InvalidDataException>(() => TemplateLoader.Load(dir));
            Assert.Equal($"No CloudFormation template (a JSON or YAML file with a Resources section) at '{dir}'; point at a cloud assembly (cdk.out), a folder of templates or one template.", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Loose_templates_take_the_profile_given_never_their_name()
    {
        var file = WriteTemp(Yaml);
        Assert.All(TemplateLoader.Load(file, "anything", "production"), t => Assert.True(t.IsProduction));
        Assert.All(TemplateLoader.Load(file, "prod"), t => Assert.False(t.IsProduction));
    }

    private static string WriteTemp(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"infra-{System.Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    [Fact]
    public void Reads_nested_stack_templates_of_a_cloud_assembly_with_their_stage()
    {
        var dir = Directory.CreateTempSubdirectory("infra-assembly-").FullName;
        try
        {
            var stage = Path.Combine(dir, "assembly-Prod");
            Directory.CreateDirectory(stage);
            File.WriteAllText(Path.Combine(dir, "manifest.json"), """{ "version": "38.0.0", "artifacts": { "assembly-Prod": { "type": "cdk:cloud-assembly", "properties": { "directoryName": "assembly-Prod", "displayName": "Prod" } } } }""");
            File.WriteAllText(Path.Combine(stage, "manifest.json"), """{ "version": "38.0.0", "artifacts": { "ProdApp": { "type": "aws:cloudformation:stack", "environment": "aws://1/us-east-1", "properties": { "templateFile": "ProdApp.template.json", "stackName": "infra-prod-app" }, "metadata": { "/Prod/App": [ { "type": "infra:environment", "data": { "name": "prod", "profile": "production" } } ] } } } }""");
            File.WriteAllText(Path.Combine(stage, "ProdApp.template.json"), """{ "Resources": {} }""");
            File.WriteAllText(Path.Combine(stage, "ProdAppProvider1234.nested.template.json"), """{ "Resources": { "Key": { "Type": "AWS::KMS::Key" } } }""");

            var templates = TemplateLoader.Load(dir);
            Assert.Equal(["infra-prod-app", "ProdAppProvider1234"], templates.Select(t => t.StackName).ToArray());
            // The stack declares its profile in the manifest; the nested stack takes its stage's.
            Assert.All(templates, t => Assert.True(t.IsProduction));
            Assert.All(templates, t => Assert.Equal("prod", t.Environment));
            Assert.Contains(PolicyEngine.Evaluate(PolicyPack.Default, templates).Blocking, f => f.StackName == "ProdAppProvider1234" && f.Rule.Id == "INFRA-DATA-1");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
