using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the tagging, data-loss and log-retention cost rules.</summary>
public static class CrossCuttingRuleFixtures
{
    private const string Tagged = """[ { "Key": "owner", "Value": "team" }, { "Key": "cost-center", "Value": "CC-1" }, { "Key": "environment", "Value": "prod" } ]""";

    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-TAGS-1", "a bucket with every required tag", $$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": {{Tagged}} } } }
            """),
        RuleFixture.Compliant("INFRA-TAGS-1", "a type that takes no tags", """
            { "R": { "Type": "AWS::EC2::Route", "Properties": { "DestinationCidrBlock": "0.0.0.0/0" } } }
            """),
        RuleFixture.Compliant("INFRA-TAGS-1", "an EKS node group with map-form tags", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "Tags": { "owner": "team", "cost-center": "CC-1", "environment": "dev" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-TAGS-1", "a taggable resource without tags", """
            { "E": { "Type": "AWS::EC2::VPCEndpoint", "Properties": { "VpcId": "vpc-1" } } }
            """, "Tags lack owner, cost-center, environment; tag the resource (or its stage) with owner, cost-center, environment."),
        RuleFixture.NonCompliant("INFRA-TAGS-1", "a function missing its cost center", """
            { "F": { "Type": "AWS::Lambda::Function", "Properties": { "Tags": [ { "Key": "owner", "Value": "team" }, { "Key": "environment", "Value": "dev" } ] } } }
            """, "Tags lack cost-center; tag the resource (or its stage) with owner, cost-center, environment."),
        RuleFixture.Compliant("INFRA-TAGS-1", "a budget tagged in its ResourceTags", $$"""
            { "B": { "Type": "AWS::Budgets::Budget", "Properties": { "Budget": { "BudgetType": "COST", "TimeUnit": "MONTHLY" }, "ResourceTags": {{Tagged}} } } }
            """),
        RuleFixture.NonCompliant("INFRA-TAGS-1", "an anomaly monitor without ResourceTags", """
            { "M": { "Type": "AWS::CE::AnomalyMonitor", "Properties": { "MonitorName": "m", "MonitorType": "DIMENSIONAL", "MonitorDimension": "SERVICE" } } }
            """, "ResourceTags lack owner, cost-center, environment; tag the resource (or its stage) with owner, cost-center, environment."),
        RuleFixture.NonCompliant("INFRA-TAGS-2", "an anomaly subscription with a reserved tag key in ResourceTags", """
            { "S": { "Type": "AWS::CE::AnomalySubscription", "Properties": { "ResourceTags": [ { "Key": "aws:owner", "Value": "x" } ] } } }
            """, "ResourceTags key 'aws:owner' starts with 'aws:', which AWS reserves for its own tags; rename the key."),

        RuleFixture.Compliant("INFRA-DATA-1", "a retained prod bucket", """
            { "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain" } }
            """, "production"),
        RuleFixture.Compliant("INFRA-DATA-1", "a snapshotted prod Aurora cluster", """
            { "C": { "Type": "AWS::RDS::DBCluster", "DeletionPolicy": "Snapshot", "UpdateReplacePolicy": "Snapshot" } }
            """, "production"),
        RuleFixture.Compliant("INFRA-DATA-1", "a disposable dev bucket", """
            { "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete" } }
            """, "development"),
        RuleFixture.Compliant("INFRA-DATA-1", "an Aurora cluster member (the cluster holds the data)", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBClusterIdentifier": { "Ref": "C" } } } }
            """, "production"),
        RuleFixture.NonCompliant("INFRA-DATA-1", "a prod key deleted with its stack", """
            { "K": { "Type": "AWS::KMS::Key" } }
            """,
            "DeletionPolicy is not set (Delete); a prod AWS::KMS::Key needs Retain.",
            "UpdateReplacePolicy is not set (Delete); a prod AWS::KMS::Key needs Retain.").In("production"),
        RuleFixture.NonCompliant("INFRA-DATA-1", "a prod bucket snapshotted (S3 has no snapshots)", """
            { "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Snapshot" } }
            """, "UpdateReplacePolicy is Snapshot; a prod AWS::S3::Bucket needs Retain.").In("production"),
        RuleFixture.NonCompliant("INFRA-DATA-1", "a prod log group deleted on replacement", """
            { "L": { "Type": "AWS::Logs::LogGroup", "DeletionPolicy": "Retain", "UpdateReplacePolicy": "Delete" } }
            """, "UpdateReplacePolicy is Delete; a prod AWS::Logs::LogGroup needs Retain.").In("production"),

        RuleFixture.Compliant("INFRA-DATA-2", "a protected prod cluster", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "DeletionProtection": true } } }
            """, "production"),
        RuleFixture.Compliant("INFRA-DATA-2", "an unprotected dev cluster", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "DeletionProtection": false } } }
            """, "development"),
        RuleFixture.NonCompliant("INFRA-DATA-2", "an unprotected prod global cluster", """
            { "G": { "Type": "AWS::RDS::GlobalCluster", "Properties": { "GlobalClusterIdentifier": "infra-prod" } } }
            """, "DeletionProtection is not set (false); a prod database needs true.").In("production"),
        RuleFixture.NonCompliant("INFRA-DATA-2", "a prod standalone instance with protection off", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "DeletionProtection": "false" } } }
            """, "DeletionProtection is false; a prod database needs true.").In("production"),

        RuleFixture.Compliant("INFRA-DATA-3", "a prod bucket in a protected stack", """
            { "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain" } }
            """, "production").InStackWithTerminationProtection(true),
        RuleFixture.Compliant("INFRA-DATA-3", "a dev bucket in an unprotected stack", """
            { "B": { "Type": "AWS::S3::Bucket" } }
            """, "development").InStackWithTerminationProtection(false),
        RuleFixture.Compliant("INFRA-DATA-3", "a prod template from outside an assembly (protection unknown)", """
            { "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain" } }
            """, "production"),
        RuleFixture.Compliant("INFRA-DATA-3", "a prod stack of stateless resources only", """
            { "T": { "Type": "AWS::SNS::Topic" } }
            """, "production").InStackWithTerminationProtection(false),
        RuleFixture.NonCompliant("INFRA-DATA-3", "a prod network stack holding a flow-log bucket and its key, unprotected", """
            { "B": { "Type": "AWS::S3::Bucket", "DeletionPolicy": "Retain" }, "K": { "Type": "AWS::KMS::Key", "DeletionPolicy": "Retain" } }
            """,
            "Stack Fixture holds this AWS::S3::Bucket but has no termination protection; turn it on.",
            "Stack Fixture holds this AWS::KMS::Key but has no termination protection; turn it on.").In("production").InStackWithTerminationProtection(false),

        RuleFixture.Compliant("INFRA-DATA-4", "a production bucket selected by its ARN and a bucket it logs to", """
            {
              "Data": { "Type": "AWS::S3::Bucket", "Properties": { "LoggingConfiguration": { "DestinationBucketName": { "Ref": "Logs" } } } },
              "Logs": { "Type": "AWS::S3::Bucket" },
              "Selection": { "Type": "AWS::Backup::BackupSelection", "Properties": { "BackupPlanId": "plan", "BackupSelection": {
                "IamRoleArn": "arn:aws:iam::111111111111:role/backup", "SelectionName": "data", "Resources": [ { "Fn::GetAtt": [ "Data", "Arn" ] } ] } } }
            }
            """, "production"),
        RuleFixture.Compliant("INFRA-DATA-4", "a development bucket nobody backs up", """
            { "Data": { "Type": "AWS::S3::Bucket" } }
            """, "development"),
        RuleFixture.NonCompliant("INFRA-DATA-4", "a preproduction database no selection names", """
            {
              "Cluster": { "Type": "AWS::RDS::DBCluster", "Properties": { "DBClusterIdentifier": "infra-staging-us-east-1", "Engine": "aurora-postgresql" } },
              "Selection": { "Type": "AWS::Backup::BackupSelection", "Properties": { "BackupPlanId": "plan", "BackupSelection": {
                "IamRoleArn": "arn:aws:iam::111111111111:role/backup", "SelectionName": "other", "Resources": [ "arn:aws:rds:us-east-1:111111111111:cluster:infra-other" ] } } }
            }
            """,
            "No backup selection of this environment covers this AWS::RDS::DBCluster (infra-staging-us-east-1): neither by ARN nor by a tag it carries. Add it to a backup plan's selection (the environment file's recovery section).").In("preproduction"),

        RuleFixture.Compliant("INFRA-COST-2", "two weeks of logs", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 14 } } }
            """),
        RuleFixture.NonCompliant("INFRA-COST-2", "logs kept forever", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": {} } }
            """, "RetentionInDays is not set, so records are kept (and billed) forever."),
        RuleFixture.NonCompliant("INFRA-COST-2", "ten years in CloudWatch Logs", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 3653 } } }
            """, "RetentionInDays is 3653; keep at most 731 days in CloudWatch Logs."),
    ];
}
