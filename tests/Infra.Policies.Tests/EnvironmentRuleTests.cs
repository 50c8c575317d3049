using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Rules.DataLoss;
using Xunit;

namespace Infra.Policies.Tests;

/// <summary>
/// INFRA-DATA-4 over several templates of one environment (the fixtures of RuleFixtureTests hold one template each), and
/// how the engine runs environment rules: grouped by environment, findings on resources, suppressible there.
/// </summary>
public sealed class EnvironmentRuleTests
{
    private const string Role = "arn:aws:iam::111111111111:role/backup";

    [Fact]
    public void Follows_an_import_to_the_bucket_another_stack_exports()
    {
        var storage = Template("storage", """
            { "Data": { "Type": "AWS::S3::Bucket" } }
            """, outputs: """{ "DataArn": { "Value": { "Fn::GetAtt": [ "Data", "Arn" ] }, "Export": { "Name": "storage:DataArn" } } }""");
        var backup = Template("backup", Selection("""{ "Resources": [ { "Fn::ImportValue": "storage:DataArn" } ] }"""));

        Assert.Empty(Run(storage, backup));
    }

    [Fact]
    public void Reports_a_bucket_whose_export_no_selection_imports()
    {
        var storage = Template("storage", """
            { "Data": { "Type": "AWS::S3::Bucket" } }
            """, outputs: """{ "DataArn": { "Value": { "Fn::GetAtt": [ "Data", "Arn" ] }, "Export": { "Name": "storage:DataArn" } } }""");
        var backup = Template("backup", Selection("""{ "Resources": [ { "Fn::ImportValue": "storage:OtherArn" } ] }"""));

        var finding = Assert.Single(Run(storage, backup));
        Assert.Equal(("storage", "Data"), (finding.StackName, finding.LogicalId));
        Assert.Equal("No backup selection of this environment covers this AWS::S3::Bucket: neither by ARN nor by a tag it carries. Add it to a backup plan's selection (the environment file's recovery section).", finding.Message);
    }

    [Fact]
    public void Matches_a_joined_arn_with_the_partition_to_the_cluster_of_the_stacks_region_and_account()
    {
        var database = Template("database", """
            { "Cluster": { "Type": "AWS::RDS::DBCluster", "Properties": { "DBClusterIdentifier": "infra-prod-us-east-1" } } }
            """);
        var backup = Template("backup", Selection("""
            { "Resources": [ { "Fn::Join": [ "", [ "arn:", { "Ref": "AWS::Partition" }, ":rds:us-east-1:111111111111:cluster:infra-prod-us-east-1" ] ] } ] }
            """));
        var elsewhere = Template("database", """
            { "Cluster": { "Type": "AWS::RDS::DBCluster", "Properties": { "DBClusterIdentifier": "infra-prod-us-east-1" } } }
            """, region: "eu-west-1");

        Assert.Empty(Run(database, backup));
        Assert.Single(Run(elsewhere, backup));
    }

    [Fact]
    public void Selects_the_platforms_volumes_by_the_tag_the_ebs_csi_driver_puts_on_them()
    {
        var tagged = Template("cluster", Addon("""{\"controller\":{\"extraVolumeTags\":{\"infra:backup\":\"infra-prod\"}}}"""));
        var selection = Template("backup", Selection("""
            { "ListOfTags": [ { "ConditionType": "STRINGEQUALS", "ConditionKey": "infra:backup", "ConditionValue": "infra-prod" } ] }
            """));
        var otherSelection = Template("backup", Selection("""
            { "ListOfTags": [ { "ConditionType": "STRINGEQUALS", "ConditionKey": "infra:backup", "ConditionValue": "infra-dev" } ] }
            """));

        Assert.Empty(Run(tagged, selection));
        Assert.Equal(
            "No backup selection of this environment selects the tags the EBS CSI driver puts on the platform's volumes (infra:backup=infra-prod); select one of them in a backup plan.",
            Assert.Single(Run(tagged, otherSelection)).Message);
        Assert.Equal(
            "The EBS CSI driver puts no tag of its own on the volumes it creates (controller.extraVolumeTags is not set), so no backup selection can select the platform's persistent volumes. Set a tag there and select it in a backup plan.",
            Assert.Single(Run(Template("cluster", Addon(null)), selection)).Message);
    }

    [Fact]
    public void Covers_what_copies_or_holds_logs_through_their_source()
    {
        var home = Template("database-home", """
            {
              "Global": { "Type": "AWS::RDS::GlobalCluster", "Properties": { "GlobalClusterIdentifier": "infra-prod" } },
              "Cluster": { "Type": "AWS::RDS::DBCluster", "Properties": { "DBClusterIdentifier": "infra-prod-us-east-1", "GlobalClusterIdentifier": "infra-prod" } }
            }
            """);
        var secondary = Template("database-secondary", """
            { "Cluster": { "Type": "AWS::RDS::DBCluster", "Properties": { "DBClusterIdentifier": "infra-prod-us-west-2", "GlobalClusterIdentifier": "infra-prod" } } }
            """, region: "us-west-2");
        var storage = Template("storage", """
            {
              "Data": { "Type": "AWS::S3::Bucket", "Properties": { "ReplicationConfiguration": { "Rules": [ { "Destination": { "Bucket": "arn:aws:s3:::data-replica" } } ] } } }
            }
            """);
        var replica = Template("replica", """
            { "Replica": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "data-replica" } } }
            """, region: "us-west-2");
        var network = Template("network", """
            {
              "FlowLogBucket": { "Type": "AWS::S3::Bucket" },
              "FlowLog": { "Type": "AWS::EC2::FlowLog", "Properties": { "LogDestination": { "Fn::GetAtt": [ "FlowLogBucket", "Arn" ] } } }
            }
            """);
        var backup = Template("backup", Selection("""
            { "Resources": [ "arn:aws:rds:us-east-1:111111111111:cluster:infra-prod-us-east-1", "arn:aws:s3:::*" ] }
            """));
        var storageSelected = Template("backup", Selection("""
            { "Resources": [ "arn:aws:rds:us-east-1:111111111111:cluster:infra-prod-us-east-1" ] }
            """));

        Assert.Empty(Run(home, secondary, replica, network, backup));
        // Unnamed, the data bucket is matched by no literal ARN; the replica and the log bucket still need nothing of their own.
        Assert.Equal(["storage/Data"], Run(home, secondary, storage, replica, network, storageSelected).Select(f => $"{f.StackName}/{f.LogicalId}").ToArray());
    }

    [Fact]
    public void Judges_each_environment_by_its_own_selections()
    {
        var prodData = Template("storage", """{ "Data": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "prod-data" } } }""", environment: "prod");
        var stagingBackup = Template("backup", Selection("""{ "Resources": [ "arn:aws:s3:::prod-data" ] }"""), environment: "staging");
        var prodBackup = Template("backup", Selection("""{ "Resources": [ "arn:aws:s3:::prod-data" ] }"""), environment: "prod");

        Assert.Single(Run(prodData, stagingBackup));
        Assert.Empty(Run(prodData, prodBackup));
    }

    [Fact]
    public void Lets_a_resource_suppress_the_finding_with_a_reason()
    {
        var storage = Template("storage", """
            { "Scratch": { "Type": "AWS::S3::Bucket", "Metadata": { "infra:policy": { "suppressions": [ { "id": "INFRA-DATA-4", "reason": "Scratch space rebuilt from the data bucket every night." } ] } } } }
            """);

        var finding = Assert.Single(Run(storage));
        Assert.True(finding.IsSuppressed);
        Assert.False(finding.IsBlocking);
    }

    [Fact]
    public void Reports_a_rule_that_throws_on_the_environment_instead_of_crashing()
    {
        var report = PolicyEngine.Evaluate(new PolicyPack([new ThrowingRule()]), [Template("storage", """{ "B": { "Type": "AWS::S3::Bucket" } }""")]);

        var finding = Assert.Single(report.Findings, f => f.Rule.Id == "TEST-ENV-1");
        Assert.Equal((TemplateDocument.TemplateScope, "RuleFailure"), (finding.LogicalId, finding.FindingId));
    }

    private static List<PolicyFinding> Run(params TemplateDocument[] templates) =>
        PolicyEngine.Evaluate(new PolicyPack([new StatefulResourcesBackedUp()]), templates).Findings.Where(f => f.Rule.Id == "INFRA-DATA-4").ToList();

    private static TemplateDocument Template(string stack, string resources, string outputs = "{}", string environment = "prod", string region = "us-east-1") =>
        new(new JsonObject { ["Resources"] = JsonNode.Parse(resources)!.AsObject(), ["Outputs"] = JsonNode.Parse(outputs)!.AsObject() }, stack, $"{stack}.json", environment)
        {
            Profile = "production",
            Region = region,
            Account = "111111111111",
        };

    private static string Selection(string body)
    {
        var selection = JsonNode.Parse(body)!.AsObject();
        selection["IamRoleArn"] = Role;
        selection["SelectionName"] = "selection";
        return new JsonObject
        {
            ["Selection"] = new JsonObject
            {
                ["Type"] = "AWS::Backup::BackupSelection",
                ["Properties"] = new JsonObject { ["BackupPlanId"] = "plan", ["BackupSelection"] = selection },
            },
        }.ToJsonString();
    }

    private static string Addon(string? configuration) => configuration is null
        ? """{ "Csi": { "Type": "AWS::EKS::Addon", "Properties": { "AddonName": "aws-ebs-csi-driver", "ClusterName": "infra-prod" } } }"""
        : $$"""{ "Csi": { "Type": "AWS::EKS::Addon", "Properties": { "AddonName": "aws-ebs-csi-driver", "ClusterName": "infra-prod", "ConfigurationValues": "{{configuration}}" } } }""";

    private sealed class ThrowingRule : EnvironmentRule
    {
        public override RuleInfo Info { get; } = new("TEST-ENV-1", PolicyLevel.Error, "Test", "throws", "to test the engine", "none");

        public override IEnumerable<EnvironmentViolation> CheckEnvironment(IReadOnlyList<TemplateDocument> templates) =>
            throw new System.InvalidOperationException("boom");
    }
}
