using System.Collections.Generic;

namespace Infra.Policies.Rules.Logs;

/// <summary>Log groups are encrypted with a customer-managed KMS key.</summary>
public sealed class LogGroupEncrypted : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-LOGS-2",
        PolicyLevel.Warning,
        "Logs",
        "Log groups are encrypted with a customer-managed KMS key",
        "Logs often carry identifiers, tokens and personal data; without a KMS key, anyone with logs:GetLogEvents reads them and access cannot be revoked by key policy.",
        "Set KmsKeyId to a customer-managed key whose policy allows the logs.<region>.amazonaws.com service principal (in CDK, EncryptionKey = key).",
        CdkNag: "NIST.800.53.R5-CloudWatchLogGroupEncrypted",
        Checkov: "CKV_AWS_158");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::Logs::LogGroup");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var key = resource.Properties["KmsKeyId"];
        if (!RuleValues.IsSet(key))
        {
            yield return new Violation($"KmsKeyId is {RuleValues.Describe(key)}; set it to a customer-managed key.");
        }
    }
}
