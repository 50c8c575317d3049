using System.Collections.Generic;
using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Infra.Components.Backup;
using Infra.TestKit;

namespace Infra.Components.Tests.Backup;

/// <summary>
/// Backups synthesized once for every backup test: prod's shape (compliance lock, continuous backup, daily and monthly
/// rules copied to another region's vault and a backup account's, restore tests, failures to an encrypted alert topic)
/// and the smallest plan (one daily rule, no lock, no copies), plus a governance-locked copy vault on its own.
/// </summary>
public sealed class BackupScenario
{
    public const string DatabaseArn = "arn:aws:rds:us-east-1:123456789012:cluster:infra-prod-us-east-1";
    public const string BucketArn = "arn:aws:s3:::infra-prod-data";

    public BackupScenario()
    {
        var full = TestApp.Stack();
        var key = new Key(full, "AlertKey", new KeyProps { EnableKeyRotation = true });
        var topic = new Topic(full, "AlertTopic", new TopicProps { MasterKey = key });
        Full = new BackupProtection(full, "Backup", new BackupProtectionProps
        {
            PlanName = "infra-prod",
            Vault = new RecoveryVaultProps
            {
                VaultName = "infra-prod-us-east-1",
                Lock = new VaultLockOptions { MinRetentionDays = 7, MaxRetentionDays = 400, ChangeableForDays = 3 },
            },
            ContinuousBackupRetentionDays = 35,
            Rules =
            [
                new BackupRuleOptions { Name = "daily", Frequency = BackupFrequency.Daily, RetentionDays = 35 },
                new BackupRuleOptions { Name = "monthly", Frequency = BackupFrequency.Monthly, RetentionDays = 365, ColdStorageAfterDays = 30 },
            ],
            CopyTo = [new BackupVaultReference(TestApp.Account, "us-west-2", "infra-prod-us-west-2"), new BackupVaultReference("444444444444", "us-east-1", "infra-prod-backup")],
            Selections =
            [
                new BackupResourceSelection { Name = "infra-prod-data", ResourceArns = [DatabaseArn, BucketArn] },
                new BackupResourceSelection { Name = "infra-prod-volumes", Tag = KeyValuePair.Create("infra:backup", "infra-prod") },
            ],
            RestoreTesting = new RestoreTestingOptions
            {
                Targets =
                [
                    new RestoreTestTarget { ResourceType = RestoreTestResourceType.Aurora, ResourceArns = [DatabaseArn] },
                    new RestoreTestTarget { ResourceType = RestoreTestResourceType.Ebs, Tag = KeyValuePair.Create("infra:backup", "infra-prod") },
                ],
            },
            AlertTopic = topic,
            AlertTopicKey = key,
        });
        FullTemplate = Template.FromStack(full).ToJsonObject();

        var minimal = TestApp.Stack();
        Minimal = new BackupProtection(minimal, "Backup", new BackupProtectionProps
        {
            PlanName = "infra-dev",
            Vault = new RecoveryVaultProps { VaultName = "infra-dev-us-east-1" },
            Rules = [new BackupRuleOptions { Name = "daily", Frequency = BackupFrequency.Daily, RetentionDays = 7 }],
            Selections = [new BackupResourceSelection { Name = "infra-dev-data", ResourceArns = [DatabaseArn] }],
        });
        MinimalTemplate = Template.FromStack(minimal).ToJsonObject();

        var copy = TestApp.Stack("us-west-2");
        CopyVault = new RecoveryVault(copy, "CopyVault", new RecoveryVaultProps
        {
            VaultName = "infra-prod-backup",
            Lock = new VaultLockOptions { MinRetentionDays = 1 },
            CopySourceAccounts = ["333333333333"],
        });
        CopyVaultTemplate = Template.FromStack(copy).ToJsonObject();
    }

    public BackupProtection Full { get; }

    public JsonObject FullTemplate { get; }

    public BackupProtection Minimal { get; }

    public JsonObject MinimalTemplate { get; }

    public RecoveryVault CopyVault { get; }

    public JsonObject CopyVaultTemplate { get; }
}
