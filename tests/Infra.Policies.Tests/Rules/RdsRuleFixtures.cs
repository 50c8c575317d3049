using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the RDS and Aurora rules.</summary>
public static class RdsRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-RDS-1", "an encrypted cluster and its member instance", """
            {
              "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "StorageEncrypted": true } },
              "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBClusterIdentifier": { "Ref": "C" }, "DBInstanceClass": "db.r6g.large", "Engine": "aurora-postgresql" } }
            }
            """),
        RuleFixture.Compliant("INFRA-RDS-1", "a global cluster created from a cluster inherits its encryption", """
            { "G": { "Type": "AWS::RDS::GlobalCluster", "Properties": { "SourceDBClusterIdentifier": { "Ref": "C" } } } }
            """),
        RuleFixture.Compliant("INFRA-RDS-1", "a cluster restored from a snapshot inherits its encryption", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-mysql", "SnapshotIdentifier": "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:s" } } }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-1", "a cluster without StorageEncrypted", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql" } } }
            """, "StorageEncrypted is not set; set it to true (it cannot be changed after creation)."),
        RuleFixture.NonCompliant("INFRA-RDS-1", "a standalone instance with StorageEncrypted false", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres", "StorageEncrypted": false } } }
            """, "StorageEncrypted is false; set it to true (it cannot be changed after creation)."),
        RuleFixture.NonCompliant("INFRA-RDS-1", "a new global cluster without StorageEncrypted", """
            { "G": { "Type": "AWS::RDS::GlobalCluster", "Properties": { "Engine": "aurora-postgresql" } } }
            """, "StorageEncrypted is not set; set it to true (it cannot be changed after creation)."),

        RuleFixture.Compliant("INFRA-RDS-2", "a cluster with a customer-managed key and a member instance", """
            {
              "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "StorageEncrypted": true, "KmsKeyId": { "Fn::GetAtt": ["K", "Arn"] } } },
              "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBClusterIdentifier": { "Ref": "C" }, "Engine": "aurora-postgresql" } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-2", "a cluster without KmsKeyId", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "StorageEncrypted": true } } }
            """, "KmsKeyId is not set, so storage uses the AWS managed key aws/rds (or none); set it to a customer-managed key (it cannot be changed after creation)."),

        RuleFixture.Compliant("INFRA-RDS-3", "protected cluster and global cluster; member instances are not checked", """
            {
              "G": { "Type": "AWS::RDS::GlobalCluster", "Properties": { "SourceDBClusterIdentifier": { "Ref": "C" }, "DeletionProtection": true } },
              "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "DeletionProtection": "true" } },
              "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBClusterIdentifier": { "Ref": "C" }, "Engine": "aurora-postgresql" } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-3", "a global cluster with DeletionProtection false", """
            { "G": { "Type": "AWS::RDS::GlobalCluster", "Properties": { "SourceDBClusterIdentifier": { "Ref": "C" }, "DeletionProtection": false } } }
            """, "DeletionProtection is false; set it to true."),
        RuleFixture.NonCompliant("INFRA-RDS-3", "a standalone instance without DeletionProtection", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres" } } }
            """, "DeletionProtection is not set; set it to true."),

        RuleFixture.Compliant("INFRA-RDS-4", "a week of backups", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "BackupRetentionPeriod": 7 } } }
            """),
        RuleFixture.Compliant("INFRA-RDS-4", "retention given by a parameter is not judged", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres", "BackupRetentionPeriod": { "Ref": "Retention" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-4", "a cluster relying on the 1-day default", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql" } } }
            """, "BackupRetentionPeriod is not set, so backups are kept for the default 1 day; set it to 7 or more."),
        RuleFixture.NonCompliant("INFRA-RDS-4", "a standalone instance keeping 3 days", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres", "BackupRetentionPeriod": "3" } } }
            """, "BackupRetentionPeriod is 3; set it to 7 or more."),

        RuleFixture.Compliant("INFRA-RDS-5", "an Aurora PostgreSQL cluster with IAM authentication", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "EnableIAMDatabaseAuthentication": true } } }
            """),
        RuleFixture.Compliant("INFRA-RDS-5", "engines without IAM authentication are not checked", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "sqlserver-se" } } }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-5", "an Aurora MySQL cluster without IAM authentication", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-mysql" } } }
            """, "EnableIAMDatabaseAuthentication is not set; set it to true."),
        RuleFixture.NonCompliant("INFRA-RDS-5", "a PostgreSQL instance with IAM authentication off", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres", "EnableIAMDatabaseAuthentication": false } } }
            """, "EnableIAMDatabaseAuthentication is false; set it to true."),

        RuleFixture.Compliant("INFRA-RDS-6", "private instances", """
            {
              "A": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres", "PubliclyAccessible": false } },
              "B": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBClusterIdentifier": { "Ref": "C" }, "Engine": "aurora-postgresql" } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-6", "a public cluster member instance", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBClusterIdentifier": { "Ref": "C" }, "Engine": "aurora-postgresql", "PubliclyAccessible": "true" } } }
            """, "PubliclyAccessible is true; set it to false and keep the instance in private subnets."),

        RuleFixture.Compliant("INFRA-RDS-7", "a cluster exporting its logs", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "EnableCloudwatchLogsExports": ["postgresql"] } } }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-7", "a cluster without log exports", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql" } } }
            """, "EnableCloudwatchLogsExports is not set; export the engine's logs."),
        RuleFixture.NonCompliant("INFRA-RDS-7", "a standalone instance with an empty export list", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "mysql", "EnableCloudwatchLogsExports": [] } } }
            """, "EnableCloudwatchLogsExports is empty; export the engine's logs."),

        RuleFixture.Compliant("INFRA-RDS-8", "a cluster copying tags to snapshots", """
            { "C": { "Type": "AWS::RDS::DBCluster", "Properties": { "Engine": "aurora-postgresql", "CopyTagsToSnapshot": true } } }
            """),
        RuleFixture.NonCompliant("INFRA-RDS-8", "a standalone instance not copying tags", """
            { "I": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres" } } }
            """, "CopyTagsToSnapshot is not set; set it to true."),
    ];
}
