using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Rules.DataLoss;
using Infra.Stacks.Preview;
using Xunit;

namespace Infra.Stacks.Tests.Preview;

public sealed class ChangeClassifierTests
{
    [Fact]
    public void Blocks_the_replacement_of_a_database_and_names_the_property()
    {
        var change = Classify(
            Engine("Db", "AWS::RDS::DBCluster", "WILL_REPLACE", ("StorageEncrypted", "WILL_REPLACE")),
            """{"Type": "AWS::RDS::DBCluster", "Properties": {"StorageEncrypted": true}}""",
            """{"Type": "AWS::RDS::DBCluster", "Properties": {"StorageEncrypted": false}}""");

        Assert.Equal(ChangeKind.Replaced, change.Kind);
        Assert.Equal("database", change.StatefulCategory);
        Assert.True(change.IsBlocking);
        Assert.Equal("database replaced (a new, empty one is created) by a change to StorageEncrypted", change.BlockingReason);
        Assert.Equal(new PropertyChange("StorageEncrypted", PropertyImpact.Replace, "true", "false"), Assert.Single(change.Properties));
    }

    [Fact]
    public void Lets_a_stateless_replacement_through()
    {
        var change = Classify(
            Engine("Route", "AWS::EC2::RouteTable", "WILL_REPLACE", ("VpcId", "WILL_REPLACE")),
            """{"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": "vpc-1"}}""",
            """{"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": "vpc-2"}}""");

        Assert.Equal(ChangeKind.Replaced, change.Kind);
        Assert.Null(change.StatefulCategory);
        Assert.False(change.IsBlocking);
    }

    [Fact]
    public void Says_why_a_subnet_is_replaced_when_only_its_vpc_changed()
    {
        var change = Classify(
            Engine("Subnet", "AWS::EC2::Subnet", "WILL_REPLACE"),
            """{"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}}}""",
            """{"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}}}""");

        Assert.Equal("subnet replaced (a new, empty one is created) by the replacement of a resource it references", change.BlockingReason);
    }

    [Theory]
    [InlineData("WILL_DESTROY", ChangeKind.Removed, "bucket deleted")]
    [InlineData("WILL_ORPHAN", ChangeKind.Orphaned, "bucket removed from the stack (retained in AWS, no longer managed; a changed logical id reads like this)")]
    [InlineData("MAY_REPLACE", ChangeKind.MayBeReplaced, "bucket may be replaced by the replacement of a resource it references")]
    public void Blocks_removing_or_maybe_replacing_a_bucket(string impact, ChangeKind kind, string reason)
    {
        var change = ChangeClassifier.Classify(Engine("Data", "AWS::S3::Bucket", impact), null, null);

        Assert.Equal(kind, change.Kind);
        Assert.Equal(reason, change.BlockingReason);
    }

    [Fact]
    public void Blocks_a_bucket_replaced_by_a_resource_of_another_type()
    {
        var change = ChangeClassifier.Classify(
            new EngineResourceDiff("Data", "AWS::S3::Bucket", "AWS::SNS::Topic", "WILL_REPLACE", new Dictionary<string, string>(), []), null, null);

        Assert.Equal("AWS::SNS::Topic", change.Type);
        Assert.Equal("bucket", change.StatefulCategory);
        Assert.True(change.IsBlocking);
    }

    [Theory]
    [InlineData("WILL_CREATE", ChangeKind.Added)]
    [InlineData("WILL_UPDATE", ChangeKind.Modified)]
    public void Lets_adding_or_updating_a_bucket_through(string impact, ChangeKind kind)
    {
        var change = ChangeClassifier.Classify(Engine("Data", "AWS::S3::Bucket", impact), null, null);

        Assert.Equal(kind, change.Kind);
        Assert.False(change.IsBlocking);
    }

    [Fact]
    public void Lists_each_changed_leaf_with_intrinsics_as_one_value()
    {
        var change = Classify(
            Engine("Role", "AWS::IAM::Role", "WILL_UPDATE", ("Policies", "WILL_UPDATE")),
            """{"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Resource": {"Fn::GetAtt": ["Bucket", "Arn"]}, "Action": "s3:GetObject"}]}}]}}""",
            """{"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Resource": {"Ref": "Other"}, "Action": "s3:PutObject"}]}}]}}""");

        Assert.Equal(
            [
                new PropertyChange("Policies[0].PolicyDocument.Statement[0].Action", PropertyImpact.Update, "\"s3:GetObject\"", "\"s3:PutObject\""),
                new PropertyChange("Policies[0].PolicyDocument.Statement[0].Resource", PropertyImpact.Update, """{"Fn::GetAtt":["Bucket","Arn"]}""", """{"Ref":"Other"}"""),
            ],
            change.Properties);
    }

    [Fact]
    public void Shows_added_removed_and_resized_values_whole_and_caps_long_ones()
    {
        var longText = new string('x', 500);
        var change = Classify(
            Engine("Topic", "AWS::SNS::Topic", "WILL_UPDATE", ("Tags", "WILL_UPDATE"), ("DisplayName", "WILL_UPDATE"), ("KmsMasterKeyId", "WILL_UPDATE")),
            $$$"""{"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a", "Value": "1"}], "DisplayName": "{{{longText}}}"}}""",
            """{"Type": "AWS::SNS::Topic", "Properties": {"Tags": [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}], "KmsMasterKeyId": "alias/k"}}""");

        var byPath = change.Properties.ToDictionary(p => p.Path);
        Assert.Null(byPath["DisplayName"].NewValue);
        Assert.Equal(120, byPath["DisplayName"].OldValue!.Length);
        Assert.EndsWith("…", byPath["DisplayName"].OldValue, StringComparison.Ordinal);
        Assert.Null(byPath["KmsMasterKeyId"].OldValue);
        Assert.Equal("""[{"Key":"a","Value":"1"},{"Key":"b","Value":"2"}]""", byPath["Tags"].NewValue);
    }

    [Fact]
    public void Counts_the_values_past_the_cap()
    {
        var before = new JsonObject(Enumerable.Range(0, 12).Select(i => KeyValuePair.Create($"k{i:00}", (JsonNode?)JsonValue.Create(i))));
        var after = new JsonObject(Enumerable.Range(0, 12).Select(i => KeyValuePair.Create($"k{i:00}", (JsonNode?)JsonValue.Create(i + 1))));
        var change = ChangeClassifier.Classify(
            Engine("Fn", "AWS::Lambda::Function", "WILL_UPDATE", ("Environment", "WILL_UPDATE")),
            new JsonObject { ["Type"] = "AWS::Lambda::Function", ["Properties"] = new JsonObject { ["Environment"] = before } },
            new JsonObject { ["Type"] = "AWS::Lambda::Function", ["Properties"] = new JsonObject { ["Environment"] = after } });

        Assert.Equal(ChangeClassifier.MaxValuesPerProperty + 1, change.Properties.Count);
        Assert.Equal("Environment (+4 more values)", change.Properties[^1].Path);
    }

    [Fact]
    public void Reports_a_dropped_retain_policy_as_a_change()
    {
        var change = Classify(
            new EngineResourceDiff("Data", "AWS::S3::Bucket", "AWS::S3::Bucket", "WILL_UPDATE", new Dictionary<string, string>(), ["DeletionPolicy"]),
            """{"Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain"}""",
            """{"Type": "AWS::S3::Bucket", "DeletionPolicy": "Delete"}""");

        Assert.Equal(new PropertyChange("DeletionPolicy", PropertyImpact.Update, "\"Retain\"", "\"Delete\""), Assert.Single(change.Properties));
    }

    [Theory]
    [InlineData("""{"name": "infra-dev"}""", """{"name": "infra-dev-2"}""", "Config.name")]
    [InlineData("""{"roleArn": {"Fn::GetAtt": ["Role", "Arn"]}}""", """{"roleArn": {"Fn::GetAtt": ["Role2", "Arn"]}}""", "Config.roleArn")]
    [InlineData("""{"accessConfig": {"bootstrapClusterCreatorAdminPermissions": true}}""", """{"accessConfig": {"bootstrapClusterCreatorAdminPermissions": false}}""", "Config.accessConfig.bootstrapClusterCreatorAdminPermissions")]
    public void Knows_the_eks_cluster_handler_replaces_an_unnamed_or_renamed_cluster(string before, string after, string path)
    {
        var change = EksCluster(before, after);

        Assert.Equal(ChangeKind.Replaced, change.Kind);
        Assert.Equal($"EKS cluster replaced (a new, empty one is created) by a change to {path}", change.BlockingReason);
    }

    [Fact]
    public void Knows_the_eks_cluster_handler_cannot_replace_a_cluster_that_keeps_its_name()
    {
        var change = EksCluster("""{"name": "infra-prod", "roleArn": "arn:1"}""", """{"name": "infra-prod", "roleArn": "arn:2"}""");

        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.Equal("the deploy would fail: the provider refuses to change Config.roleArn", change.BlockingReason);
    }

    [Fact]
    public void Knows_the_eks_cluster_handler_refuses_an_encryption_change()
    {
        var change = EksCluster(
            """{"name": "c", "encryptionConfig": [{"provider": {"keyArn": "k1"}, "resources": ["secrets"]}]}""",
            """{"name": "c", "encryptionConfig": [{"provider": {"keyArn": "k2"}, "resources": ["secrets"]}]}""");

        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.Equal(PropertyImpact.Fails, Assert.Single(change.Properties).Impact);
        Assert.Equal("the deploy would fail: the provider refuses to change Config.encryptionConfig[0].provider.keyArn", change.BlockingReason);
    }

    [Fact]
    public void Lets_an_eks_version_or_logging_change_through()
    {
        var change = EksCluster("""{"name": "c", "version": "1.34"}""", """{"name": "c", "version": "1.35"}""");

        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.False(change.IsBlocking);
        Assert.Equal(new PropertyChange("Config.version", PropertyImpact.Update, "\"1.34\"", "\"1.35\""), Assert.Single(change.Properties));
    }

    [Fact]
    public void Blocks_moving_a_cluster_to_a_version_past_standard_support_but_not_keeping_one_there()
    {
        var moved = EksCluster("""{"name": "c", "version": "1.33"}""", """{"name": "c", "version": "1.34"}""");
        Assert.Equal(
            "moves the EKS cluster to Kubernetes 1.34, whose standard support ended on 2026-12-02 (support calendar reviewed 2026-12-05); use one of 1.35, 1.36",
            moved.BlockingReason);

        // An unchanged version (a rollback, a rebuild, another change to the cluster) only warns, through INFRA-EKS-8.
        var kept = EksCluster("""{"name": "c", "version": "1.34", "logging": {"a": 1}}""", """{"name": "c", "version": "1.34", "logging": {"a": 2}}""");
        Assert.False(kept.IsBlocking);
    }

    [Fact]
    public void Blocks_creating_a_cluster_on_a_version_past_standard_support()
    {
        var created = ChangeClassifier.Classify(
            Engine("Cluster", "AWS::EKS::Cluster", "WILL_CREATE"), null,
            JsonNode.Parse("""{"Type": "AWS::EKS::Cluster", "Properties": {"Version": "1.33"}}""")!.AsObject());
        Assert.Equal(
            "creates an EKS cluster on Kubernetes 1.33, whose standard support ended on 2026-07-29 (support calendar reviewed 2026-12-05); use one of 1.35, 1.36",
            created.BlockingReason);
        var current = ChangeClassifier.Classify(
            Engine("Cluster", "AWS::EKS::Cluster", "WILL_CREATE"), null,
            JsonNode.Parse("""{"Type": "AWS::EKS::Cluster", "Properties": {"Version": "1.35"}}""")!.AsObject());
        Assert.False(current.IsBlocking);
    }

    [Fact]
    public void Says_a_support_type_change_is_not_applied_by_the_cdk_provider()
    {
        var change = EksCluster(
            """{"name": "c", "version": "1.35", "upgradePolicy": {"supportType": "EXTENDED"}}""",
            """{"name": "c", "version": "1.35", "upgradePolicy": {"supportType": "STANDARD"}}""");

        Assert.Equal(ChangeKind.Modified, change.Kind);
        Assert.False(change.IsBlocking);
        Assert.Equal(new PropertyChange("Config.upgradePolicy.supportType", PropertyImpact.Ignored, "\"EXTENDED\"", "\"STANDARD\""), Assert.Single(change.Properties));
    }

    [Fact]
    public void Refuses_an_impact_it_does_not_know()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ChangeClassifier.Classify(Engine("X", "AWS::SNS::Topic", "WILL_EXPLODE"), null, null));
        Assert.Contains("WILL_EXPLODE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_every_stateful_type_of_the_policy_pack_plus_vpcs_and_subnets()
    {
        Assert.Superset(new HashSet<string>(StatefulResourcesRetainedInProd.StatefulTypes), new HashSet<string>(ChangeClassifier.StatefulCategories.Keys));
        Assert.Equal("VPC", ChangeClassifier.StatefulCategories["AWS::EC2::VPC"]);
        Assert.Equal("subnet", ChangeClassifier.StatefulCategories["AWS::EC2::Subnet"]);
    }

    private static ResourceChange EksCluster(string before, string after) =>
        Classify(
            Engine("Cluster", EksClusterHandler.ResourceType, "NO_CHANGE", ("Config", "NO_CHANGE")),
            $$$"""{"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {{{before}}}}}""",
            $$$"""{"Type": "Custom::AWSCDK-EKS-Cluster", "Properties": {"Config": {{{after}}}}}""");

    private static ResourceChange Classify(EngineResourceDiff diff, string before, string after) =>
        ChangeClassifier.Classify(diff, JsonNode.Parse(before)!.AsObject(), JsonNode.Parse(after)!.AsObject());

    private static EngineResourceDiff Engine(string id, string type, string impact, params (string Name, string Impact)[] properties) =>
        new(id, impact == "WILL_CREATE" ? null : type, impact is "WILL_DESTROY" or "WILL_ORPHAN" ? null : type, impact,
            properties.ToDictionary(p => p.Name, p => p.Impact), []);
}
