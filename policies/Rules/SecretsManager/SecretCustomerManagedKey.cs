using System;
using System.Collections.Generic;

namespace Infra.Policies.Rules.SecretsManager;

/// <summary>Secrets are encrypted with a customer-managed KMS key.</summary>
public sealed class SecretCustomerManagedKey : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-SECRETS-2",
        PolicyLevel.Warning,
        "SecretsManager",
        "Secrets are encrypted with a customer-managed KMS key",
        "With the AWS managed key aws/secretsmanager, anyone in the account with secretsmanager:GetSecretValue reads the secret, and the secret cannot be shared with another account; a key policy adds a second, auditable gate.",
        "Set KmsKeyId to a customer-managed key (in CDK, EncryptionKey = key).",
        CdkNag: "NIST.800.53.R5-SecretsManagerUsingKMSKey",
        Checkov: "CKV_AWS_149");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::SecretsManager::Secret");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var key = resource.Properties["KmsKeyId"];
        if (!RuleValues.IsSet(key))
        {
            yield return new Violation($"KmsKeyId is {RuleValues.Describe(key)}, so the secret uses the AWS managed key aws/secretsmanager; set it to a customer-managed key.");
        }
        else if (Cfn.AsString(key) is { } literal && literal.Contains("alias/aws/", StringComparison.Ordinal))
        {
            yield return new Violation($"KmsKeyId is {literal}, an AWS managed key; set it to a customer-managed key.");
        }
    }
}
