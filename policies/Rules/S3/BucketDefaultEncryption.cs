using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets declare default server-side encryption.</summary>
public sealed class BucketDefaultEncryption : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-3",
        PolicyLevel.Error,
        "S3",
        "Buckets declare a default server-side encryption algorithm",
        "A bucket without declared default encryption leaves the algorithm (and whether a KMS key guards the data) to account defaults that reviewers cannot see in the template.",
        "Set BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm (aws:kms with a customer-managed key; AES256 only for access-log targets). In CDK, Encryption = BucketEncryption.KMS with EncryptionKey.",
        Checkov: "CKV_AWS_19");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var encryption = resource.Properties["BucketEncryption"];
        var rules = Cfn.At(encryption, "ServerSideEncryptionConfiguration");
        if (Cfn.IsIntrinsic(encryption) || Cfn.IsIntrinsic(rules))
        {
            yield break;
        }

        if (encryption is null)
        {
            yield return new Violation("BucketEncryption is not set; set ServerSideEncryptionConfiguration with a ServerSideEncryptionByDefault.SSEAlgorithm.");
            yield break;
        }

        var items = Cfn.Items(rules).ToList();
        var declared = items.Any(r => Cfn.IsIntrinsic(r) || (r is JsonObject && Cfn.At(r, "ServerSideEncryptionByDefault.SSEAlgorithm") is not null));
        if (!declared)
        {
            yield return new Violation("BucketEncryption.ServerSideEncryptionConfiguration has no rule with ServerSideEncryptionByDefault.SSEAlgorithm; set it to aws:kms (or AES256).");
        }
    }
}
