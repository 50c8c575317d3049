using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;
using Infra.Components.Backup;
using Infra.Policies;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The environment's backups in one region, from its <c>recovery</c> section. In the primary region: the vault, the
/// plan (snapshot rules, continuous backup, copies), its selections (the database and the data bucket by ARN, the
/// platform's volumes by the tag the EBS CSI driver puts on them), restore tests, and failed jobs to the alert topic. In
/// the secondary region: the vault the copies land in, locked like the primary's.
/// </summary>
public sealed class BackupStack : EnvironmentStack
{
    /// <summary>The tag the platform's volumes carry (its value is the cluster's name) and the volume selection selects.</summary>
    public const string VolumeTagKey = "infra:backup";

    /// <summary>Creates the primary region's backups of <paramref name="storage"/>'s data bucket and the database, reporting to <paramref name="platform"/>'s alert topic.</summary>
    public BackupStack(Construct scope, string id, EnvironmentConfig config, StorageStack storage, PlatformStack platform)
        : base(scope, id, config, config.PrimaryRegion, $"backup-{config.PrimaryRegion.Name}")
    {
        Protection = new BackupProtection(this, "Backup", ProtectionProps(config, storage.Data.Bucket.BucketArn, platform.Monitoring.AlertTopic, platform.Monitoring.Key));
        Vault = Protection.Vault;
        var reason = "AWS Backup's own policies: AWS keeps them in step with every resource type and API AWS Backup uses (RDS and S3 snapshots, KMS grants, EventBridge for S3); a copy would drift. They act only on what the plan's selections name.";
        PolicySuppressions.Add(Protection.Role, "INFRA-IAM-4", reason, [.. BackupProtection.BackupPolicies.Select(p => $"Policy::{p}")]);
        if (Protection.RestoreTestingRole is { } restore)
        {
            PolicySuppressions.Add(restore, "INFRA-IAM-4", reason, [.. BackupProtection.RestorePolicies.Select(p => $"Policy::{p}")]);
        }
    }

    /// <summary>Creates the vault in <paramref name="region"/> (not the primary) that the primary's plan copies into.</summary>
    public BackupStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region)
        : base(scope, id, config, region, $"backup-{region.Name}") =>
        Vault = new RecoveryVault(this, "CopyVault", VaultProps(config, region));

    /// <summary>The region's vault.</summary>
    public RecoveryVault Vault { get; }

    /// <summary>The plan and everything around it; <c>null</c> in the secondary region.</summary>
    public BackupProtection? Protection { get; }

    /// <summary>The literal name of the environment's vault in <paramref name="region"/>, which the copies address: <c>infra-&lt;env&gt;-&lt;region&gt;</c>.</summary>
    public static string VaultName(EnvironmentConfig config, RegionConfig region) => $"infra-{config.Name}-{region.Name}";

    /// <summary>The tag the platform's volumes carry, which the volume selection selects.</summary>
    public static KeyValuePair<string, string> VolumeTag(EnvironmentConfig config) => KeyValuePair.Create(VolumeTagKey, config.ClusterName);

    /// <summary>The region's vault from the environment file: locked as <c>recovery.backup.vaultLock</c> says, always retained.</summary>
    internal static RecoveryVaultProps VaultProps(EnvironmentConfig config, RegionConfig region) => new()
    {
        VaultName = VaultName(config, region),
        Lock = config.Recovery?.Backup.VaultLock,
        // A vault that holds recovery points cannot be deleted, and their key must outlive them, in every environment.
        RemovalPolicy = RemovalPolicy.RETAIN,
    };

    /// <summary>The ARN of the environment's Aurora cluster in <paramref name="region"/> (its identifier is literal).</summary>
    public static string DatabaseArn(EnvironmentConfig config, RegionConfig region) =>
        $"arn:{Aws.PARTITION}:rds:{region.Name}:{config.Account}:cluster:{DatabaseStack.ClusterProps(config, region, null!, null!, null!, []).ClusterIdentifier}";

    /// <summary>The plan's props from the environment file: the data bucket <paramref name="dataBucketArn"/>, failures to <paramref name="alertTopic"/>.</summary>
    internal static BackupProtectionProps ProtectionProps(EnvironmentConfig config, string dataBucketArn, ITopic? alertTopic, IKey? alertTopicKey)
    {
        var backup = config.Recovery!.Backup;
        var database = DatabaseArn(config, config.PrimaryRegion);
        IEnumerable<BackupVaultReference> copies = config.SecondaryRegion is { } secondary && backup.CopyToSecondaryRegion
            ? [new BackupVaultReference(config.Account, secondary.Name, VaultName(config, secondary))]
            : [];
        if (backup.BackupAccount is { } account)
        {
            copies = copies.Append(new BackupVaultReference(account.Account, config.PrimaryRegion.Name, account.VaultName));
        }

        return new BackupProtectionProps
        {
            PlanName = config.ClusterName,
            Vault = VaultProps(config, config.PrimaryRegion),
            Rules = backup.Rules,
            ContinuousBackupRetentionDays = backup.ContinuousRetentionDays,
            CopyTo = copies.ToArray(),
            Selections =
            [
                new BackupResourceSelection { Name = $"{config.ClusterName}-data", ResourceArns = [database, dataBucketArn] },
                new BackupResourceSelection { Name = $"{config.ClusterName}-volumes", Tag = VolumeTag(config) },
            ],
            RestoreTesting = backup.RestoreTesting is { } t ? new RestoreTestingOptions
            {
                Frequency = t.Frequency,
                ValidationWindowHours = t.ValidationWindowHours,
                SelectionWindowDays = t.SelectionWindowDays,
                Targets =
                [
                    new RestoreTestTarget { ResourceType = RestoreTestResourceType.Aurora, ResourceArns = [database] },
                    new RestoreTestTarget { ResourceType = RestoreTestResourceType.S3, ResourceArns = [dataBucketArn] },
                    new RestoreTestTarget { ResourceType = RestoreTestResourceType.Ebs, Tag = VolumeTag(config) },
                ],
            } : null,
            AlertTopic = alertTopic,
            AlertTopicKey = alertTopicKey,
        };
    }
}
