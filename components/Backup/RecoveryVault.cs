using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Backup;

/// <summary>
/// An AWS Backup vault that keeps recovery points out of reach of mistakes: encrypted with a customer-managed key, an
/// access policy that refuses deleting a recovery point or shortening its lifecycle to everyone, and optionally Vault
/// Lock (compliance mode makes the retention permanent). Used alone as a copy destination (another region, a backup
/// account); <see cref="BackupProtection"/> creates one for its plan.
/// </summary>
public sealed partial class RecoveryVault : Construct
{
    /// <summary>Creates the vault, validating every prop first.</summary>
    public RecoveryVault(Construct scope, string id, RecoveryVaultProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(RecoveryVaultProps), Validate(props));

        EncryptionKey = props.EncryptionKey ?? CustomerManagedKey.Create(this, $"Encrypts the recovery points of backup vault {props.VaultName}", props.RemovalPolicy);
        Vault = new BackupVault(this, "Vault", new BackupVaultProps
        {
            BackupVaultName = props.VaultName,
            EncryptionKey = EncryptionKey,
            RemovalPolicy = props.RemovalPolicy,
            LockConfiguration = props.Lock is { } l ? new LockConfiguration
            {
                MinRetention = Duration.Days(l.MinRetentionDays),
                MaxRetention = l.MaxRetentionDays is { } max ? Duration.Days(max) : null,
                ChangeableFor = l.ChangeableForDays is { } grace ? Duration.Days(grace) : null,
            } : null,
        });
        // Everyone, administrators included: a compromised or mistaken principal cannot destroy the backups early.
        Vault.BlockRecoveryPointDeletion();
        if (props.CopySourceAccounts.Count > 0)
        {
            Vault.AddToAccessPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Sid = "AllowCopiesFromSourceAccounts",
                Principals = props.CopySourceAccounts.Select(a => (IPrincipal)new AccountPrincipal(a)).ToArray(),
                Actions = ["backup:CopyIntoBackupVault"],
                Resources = ["*"],
            }));
        }

        Lock = props.Lock;
    }

    /// <summary>The vault.</summary>
    public BackupVault Vault { get; }

    /// <summary>The key of the vault's recovery points.</summary>
    public IKey EncryptionKey { get; }

    /// <summary>The vault's lock; <c>null</c> without one.</summary>
    public VaultLockOptions? Lock { get; }

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(RecoveryVaultProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new ValidationCollector();
        v.Require(NamePattern().IsMatch(props.VaultName), nameof(props.VaultName),
            $"'{props.VaultName}' is not a backup vault name: 2 to 50 letters, digits, hyphens and underscores.");
        if (props.Lock is { } l)
        {
            v.Require(l.MinRetentionDays >= 1, "Lock.MinRetentionDays", $"{l.MinRetentionDays} must be at least 1 day.");
            if (l.MaxRetentionDays is { } max)
            {
                v.Require(max > l.MinRetentionDays && max <= 36_500, "Lock.MaxRetentionDays",
                    $"{max} must be longer than the minimum ({l.MinRetentionDays} days) and at most 36500 days.");
            }

            if (l.ChangeableForDays is { } grace)
            {
                v.Require(grace >= 3, "Lock.ChangeableForDays",
                    $"{grace} is shorter than the 3 days (72 hours) AWS Backup requires before a compliance lock becomes permanent.");
            }
        }

        for (var i = 0; i < props.CopySourceAccounts.Count; i++)
        {
            v.Require(Regex.IsMatch(props.CopySourceAccounts[i], @"^\d{12}$"), $"CopySourceAccounts[{i}]",
                $"'{props.CopySourceAccounts[i]}' is not an AWS account id; use its 12 digits.");
        }

        return v.Problems;
    }

    /// <summary>What AWS Backup accepts as a vault name.</summary>
    [GeneratedRegex(@"^[a-zA-Z0-9\-_]{2,50}$")]
    internal static partial Regex NamePattern();
}
