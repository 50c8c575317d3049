using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.KMS;

namespace Infra.Components.Backup;

/// <summary>Properties of a <see cref="RecoveryVault"/>.</summary>
public sealed record RecoveryVaultProps
{
    /// <summary>
    /// The vault's name: 2 to 50 letters, digits, hyphens and underscores, unique in the account and region. It is
    /// literal so that plans in other regions and accounts can copy into it.
    /// </summary>
    public required string VaultName { get; init; }

    /// <summary>Vault Lock. In compliance mode it becomes permanent after its grace period: read its documentation first.</summary>
    /// <value>Omitted: no lock; the access policy still refuses deleting recovery points and shortening their lifecycle.</value>
    public VaultLockOptions? Lock { get; init; }

    /// <summary>Other accounts whose backup plans may copy recovery points into this vault (a backup account's vault).</summary>
    /// <value>Omitted: only this account (copies from another region of the same account need no permission).</value>
    public IReadOnlyList<string> CopySourceAccounts { get; init; } = [];

    /// <summary>The key that encrypts the vault's recovery points.</summary>
    /// <value>Omitted: a customer-managed key with yearly rotation is created, with the vault's removal policy.</value>
    public IKey? EncryptionKey { get; init; }

    /// <summary>
    /// What the vault (and the key it creates) do when they leave the stack. CloudFormation cannot delete a vault that
    /// holds recovery points anyway; keep <see cref="RemovalPolicy.RETAIN"/> so the key outlives them.
    /// </summary>
    /// <value><see cref="RemovalPolicy.RETAIN"/>.</value>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.RETAIN;
}
