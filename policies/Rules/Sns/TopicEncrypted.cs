using System.Collections.Generic;

namespace Infra.Policies.Rules.Sns;

/// <summary>Topics encrypt messages at rest with KMS.</summary>
public sealed class TopicEncrypted : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-SNS-1",
        PolicyLevel.Error,
        "SNS",
        "SNS topics are encrypted with KMS",
        "SNS does not encrypt messages at rest by default: published messages, which often carry personal data or alerts with internal details, are stored unencrypted until delivered.",
        "Set KmsMasterKeyId to a KMS key (in CDK, MasterKey on TopicProps); a customer-managed key lets you control and audit who can read the messages.",
        CdkNag: "NIST.800.53.R5-SNSEncryptedKMS",
        Checkov: "CKV_AWS_26");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::SNS::Topic");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Properties["KmsMasterKeyId"] is null)
        {
            yield return new Violation("KmsMasterKeyId is not set; set it to a KMS key.");
        }
    }
}
