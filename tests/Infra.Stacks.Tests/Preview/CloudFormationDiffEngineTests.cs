using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Stacks.Preview;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Preview;

/// <summary>
/// The replacement knowledge comes from the CDK CLI's diff engine (the resource specification), not from us: these
/// tests run the real engine in Node over small templates and pin what it says.
/// </summary>
public sealed class CloudFormationDiffEngineTests : IClassFixture<CloudFormationDiffEngineTests.Answers>
{
    private readonly Answers _answers;

    public CloudFormationDiffEngineTests(Answers answers) => _answers = answers;

    [Fact]
    public void Says_a_bucket_name_replaces_the_bucket_and_a_tag_updates_it()
    {
        var diff = Assert.Single(_answers["bucket-name"]);

        Assert.Equal("WILL_REPLACE", diff.Impact);
        Assert.Equal("WILL_REPLACE", diff.Properties["BucketName"]);
        Assert.Equal("WILL_UPDATE", diff.Properties["Tags"]);
        Assert.StartsWith("@aws-cdk/cloudformation-diff@2.", _answers.Engine, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_a_tag_change_alone_updates_in_place() =>
        Assert.Equal("WILL_UPDATE", Assert.Single(_answers["database-tag"]).Impact);

    [Fact]
    public void Tells_a_retained_removal_from_a_deletion()
    {
        var pair = _answers["removals"];

        Assert.Equal("WILL_ORPHAN", pair.Single(r => r.LogicalId == "Kept").Impact);
        Assert.Equal("WILL_DESTROY", pair.Single(r => r.LogicalId == "Gone").Impact);
        Assert.Equal("WILL_CREATE", pair.Single(r => r.LogicalId == "New").Impact);
        Assert.DoesNotContain(pair, r => r.LogicalId == "Stays");
    }

    [Fact]
    public void Replaces_what_references_a_replaced_resource_through_a_replacing_property()
    {
        var pair = _answers["vpc-cidr"];

        Assert.Equal("WILL_REPLACE", pair.Single(r => r.LogicalId == "Vpc").Impact);
        Assert.Equal("WILL_REPLACE", pair.Single(r => r.LogicalId == "Subnet").Impact);
    }

    [Fact]
    public void Knows_nothing_of_custom_resource_properties()
    {
        // Why EksClusterHandler exists: the engine sees a changed cluster name as no change at all.
        var diff = Assert.Single(_answers["custom-resource"]);

        Assert.Equal("NO_CHANGE", diff.Impact);
        Assert.Contains("Config", diff.Properties.Keys);
    }

    [Fact]
    public void Treats_a_missing_side_as_an_empty_template()
    {
        Assert.Equal("WILL_CREATE", Assert.Single(_answers["added"]).Impact);
        Assert.Equal("WILL_DESTROY", Assert.Single(_answers["removed"]).Impact);
    }

    /// <summary>Every pair of these tests through one run of the engine (one Node process).</summary>
    public sealed class Answers : IDisposable
    {
        private static readonly (string Key, string? Before, string? After)[] Pairs =
        [
            ("bucket-name",
                """{"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a", "Tags": [{"Key": "k", "Value": "1"}]}}}}""",
                """{"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b", "Tags": [{"Key": "k", "Value": "2"}]}}}}"""),
            ("database-tag",
                """{"Resources": {"Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "Tags": [{"Key": "k", "Value": "1"}]}}}}""",
                """{"Resources": {"Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "Tags": [{"Key": "k", "Value": "2"}]}}}}"""),
            ("removals",
                """{"Resources": {"Kept": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain"}, "Gone": {"Type": "AWS::KMS::Key"}, "Stays": {"Type": "AWS::SNS::Topic"}}}""",
                """{"Resources": {"Stays": {"Type": "AWS::SNS::Topic"}, "New": {"Type": "AWS::SQS::Queue"}}}"""),
            ("vpc-cidr",
                """{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}, "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}}}}""",
                """{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}}, "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}}}}"""),
            ("custom-resource",
                """{"Resources": {"Cluster": {"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {"name": "a"}}}}}""",
                """{"Resources": {"Cluster": {"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {"name": "b"}}}}}"""),
            ("added", null, """{"Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}"""),
            ("removed", """{"Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}""", null),
        ];

        private readonly string _dir = Directory.CreateTempSubdirectory("infra-engine-").FullName;
        private readonly IReadOnlyDictionary<string, IReadOnlyList<EngineResourceDiff>> _diffs;

        public Answers()
        {
            var engine = new CloudFormationDiffEngine(RepoPaths.Root);
            _diffs = engine.Diff(Pairs.Select(p => new TemplatePair(p.Key, Write($"{p.Key}-old", p.Before), Write($"{p.Key}-new", p.After))).ToList());
            Engine = engine.Name;
        }

        /// <summary>The engine's name and version as it reported them.</summary>
        public string Engine { get; }

        public IReadOnlyList<EngineResourceDiff> this[string key] => _diffs[key];

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private string? Write(string name, string? json)
        {
            if (json is null)
            {
                return null;
            }

            JsonNode.Parse(json);
            var file = Path.Combine(_dir, $"{name}.json");
            File.WriteAllText(file, json);
            return file;
        }
    }
}
