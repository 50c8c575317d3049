using System.Collections.Generic;

namespace Infra.Policies.Rules.Sqs;

/// <summary>Queues encrypt messages at rest.</summary>
public sealed class QueueEncrypted : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-SQS-1",
        PolicyLevel.Error,
        "SQS",
        "SQS queues are encrypted at rest",
        "Messages often carry personal data or tokens; without an explicit setting the queue's encryption depends on service defaults nobody reviewed, and with a KMS key you also control and audit who can read them.",
        "Set KmsMasterKeyId to a KMS key (in CDK, Encryption = QueueEncryption.KMS with EncryptionMasterKey) or SqsManagedSseEnabled to true (QueueEncryption.SQS_MANAGED).",
        CdkNag: "AwsSolutions-SQS2",
        Checkov: "CKV_AWS_27");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::SQS::Queue");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var managed = resource.Properties["SqsManagedSseEnabled"];
        if (resource.Properties["KmsMasterKeyId"] is not null || Cfn.IsIntrinsic(managed) || Cfn.AsBool(managed) == true)
        {
            yield break;
        }

        yield return new Violation(managed is null
            ? "Neither KmsMasterKeyId nor SqsManagedSseEnabled is set; set KmsMasterKeyId to a KMS key or SqsManagedSseEnabled to true."
            : $"SqsManagedSseEnabled is {Cfn.AsString(managed)} and KmsMasterKeyId is not set; set KmsMasterKeyId to a KMS key or SqsManagedSseEnabled to true.");
    }
}
