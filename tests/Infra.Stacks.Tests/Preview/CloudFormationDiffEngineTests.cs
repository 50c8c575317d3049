using System;
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
public sealed class CloudFormationDiffEngineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("infra-engine-").FullName;
    private readonly CloudFormationDiffEngine _engine = new(RepoPaths.Root);

    [Fact]
    public void Says_a_bucket_name_replaces_the_bucket_and_a_tag_updates_it()
    {
        var diff = Single(
            """{"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "a", "Tags": [{"Key": "k", "Value": "1"}]}}}}""",
            """{"Resources": {"Data": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "b", "Tags": [{"Key": "k", "Value": "2"}]}}}}""");

        Assert.Equal("WILL_REPLACE", diff.Impact);
        Assert.Equal("WILL_REPLACE", diff.Properties["BucketName"]);
        Assert.Equal("WILL_UPDATE", diff.Properties["Tags"]);
        Assert.StartsWith("@aws-cdk/cloudformation-diff@2.", _engine.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_a_tag_change_alone_updates_in_place()
    {
        var diff = Single(
            """{"Resources": {"Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "Tags": [{"Key": "k", "Value": "1"}]}}}}""",
            """{"Resources": {"Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "Tags": [{"Key": "k", "Value": "2"}]}}}}""");

        Assert.Equal("WILL_UPDATE", diff.Impact);
    }

    [Fact]
    public void Tells_a_retained_removal_from_a_deletion()
    {
        var pair = Diff(
            """{"Resources": {"Kept": {"Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain"}, "Gone": {"Type": "AWS::KMS::Key"}, "Stays": {"Type": "AWS::SNS::Topic"}}}""",
            """{"Resources": {"Stays": {"Type": "AWS::SNS::Topic"}, "New": {"Type": "AWS::SQS::Queue"}}}""");

        Assert.Equal("WILL_ORPHAN", pair.Single(r => r.LogicalId == "Kept").Impact);
        Assert.Equal("WILL_DESTROY", pair.Single(r => r.LogicalId == "Gone").Impact);
        Assert.Equal("WILL_CREATE", pair.Single(r => r.LogicalId == "New").Impact);
        Assert.DoesNotContain(pair, r => r.LogicalId == "Stays");
    }

    [Fact]
    public void Replaces_what_references_a_replaced_resource_through_a_replacing_property()
    {
        var pair = Diff(
            """{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}, "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}}}}""",
            """{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}}, "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}}}}""");

        Assert.Equal("WILL_REPLACE", pair.Single(r => r.LogicalId == "Vpc").Impact);
        Assert.Equal("WILL_REPLACE", pair.Single(r => r.LogicalId == "Subnet").Impact);
    }

    [Fact]
    public void Knows_nothing_of_custom_resource_properties()
    {
        // Why EksClusterHandler exists: the engine sees a changed cluster name as no change at all.
        var diff = Single(
            """{"Resources": {"Cluster": {"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {"name": "a"}}}}}""",
            """{"Resources": {"Cluster": {"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {"name": "b"}}}}}""");

        Assert.Equal("NO_CHANGE", diff.Impact);
        Assert.Contains("Config", diff.Properties.Keys);
    }

    [Fact]
    public void Treats_a_missing_side_as_an_empty_template()
    {
        var file = Write("only", """{"Resources": {"Data": {"Type": "AWS::S3::Bucket"}}}""");

        var diffs = _engine.Diff([new TemplatePair("added", null, file), new TemplatePair("removed", file, null)]);

        Assert.Equal("WILL_CREATE", diffs["added"].Single().Impact);
        Assert.Equal("WILL_DESTROY", diffs["removed"].Single().Impact);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private EngineResourceDiff Single(string before, string after) => Assert.Single(Diff(before, after));

    private System.Collections.Generic.IReadOnlyList<EngineResourceDiff> Diff(string before, string after)
    {
        JsonNode.Parse(before);
        JsonNode.Parse(after);
        var diffs = _engine.Diff([new TemplatePair("pair", Write("old", before), Write("new", after))]);
        return diffs["pair"];
    }

    private string Write(string name, string json)
    {
        var file = Path.Combine(_dir, $"{name}-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }
}
