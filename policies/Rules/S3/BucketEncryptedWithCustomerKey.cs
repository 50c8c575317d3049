using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets encrypt by default with SSE-KMS under a customer-managed key, with an S3 Bucket Key.</summary>
public sealed class BucketEncryptedWithCustomerKey : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-4",
        PolicyLevel.Warning,
        "S3",
        "Buckets use SSE-KMS with a customer-managed key and a Bucket Key",
        "SSE-S3 and the AWS managed key aws/s3 cannot be restricted by a key policy, audited per key or revoked, so anyone with s3:GetObject reads the data; without a Bucket Key every object request is a billed KMS call (up to 99% more KMS cost).",
        "Set ServerSideEncryptionByDefault.SSEAlgorithm to aws:kms (or aws:kms:dsse), KMSMasterKeyID to a customer-managed key and BucketKeyEnabled to true (in CDK, Encryption = BucketEncryption.KMS, EncryptionKey = key, BucketKeyEnabled = true). Server-access-log target buckets must use SSE-S3: suppress this rule on them with that reason.",
        CdkNag: "NIST.800.53.R5-S3DefaultEncryptionKMS");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var encryption = resource.Properties["BucketEncryption"];
        var rules = Cfn.At(encryption, "ServerSideEncryptionConfiguration");
        if (Cfn.IsIntrinsic(encryption) || Cfn.IsIntrinsic(rules) || Cfn.Items(rules).Any(Cfn.IsIntrinsic))
        {
            yield break;
        }

        var list = Cfn.Items(rules).ToList();
        var index = list.FindIndex(r => r is JsonObject && Cfn.At(r, "ServerSideEncryptionByDefault") is not null);
        if (index < 0)
        {
            yield return new Violation("No default encryption is declared (BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault); use SSE-KMS with a customer-managed key.");
            yield break;
        }

        var rule = list[index]!;
        var path = $"BucketEncryption.ServerSideEncryptionConfiguration[{index}]";
        var algorithm = Cfn.At(rule, "ServerSideEncryptionByDefault.SSEAlgorithm");
        if (Cfn.IsIntrinsic(algorithm))
        {
            yield break;
        }

        if (Cfn.AsString(algorithm) is not ("aws:kms" or "aws:kms:dsse"))
        {
            yield return new Violation($"{path}.ServerSideEncryptionByDefault.SSEAlgorithm is {RuleValues.Describe(algorithm)}; set it to aws:kms with a customer-managed key.");
            yield break;
        }

        var key = Cfn.At(rule, "ServerSideEncryptionByDefault.KMSMasterKeyID");
        if (key is null)
        {
            yield return new Violation($"{path}.ServerSideEncryptionByDefault.KMSMasterKeyID is not set, so S3 uses the AWS managed key aws/s3; set it to a customer-managed key.");
        }
        else if (Cfn.AsString(key) is { } literal && literal.Contains("alias/aws/", StringComparison.Ordinal))
        {
            yield return new Violation($"{path}.ServerSideEncryptionByDefault.KMSMasterKeyID is {literal}, an AWS managed key; set it to a customer-managed key.");
        }

        var bucketKey = rule["BucketKeyEnabled"];
        if (!RuleValues.IsTrueOrUnknown(bucketKey))
        {
            yield return new Violation($"{path}.BucketKeyEnabled is {RuleValues.Describe(bucketKey)}; set it to true so object requests do not each call KMS.");
        }
    }
}
