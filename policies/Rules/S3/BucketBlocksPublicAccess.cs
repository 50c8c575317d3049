using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets turn on all four Block Public Access settings.</summary>
public sealed class BucketBlocksPublicAccess : IPolicyRule
{
    private static readonly string[] Settings = ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-1",
        PolicyLevel.Error,
        "S3",
        "Buckets block public access (all four settings)",
        "Without Block Public Access one public ACL or bucket-policy statement (a typo, a copied example) exposes every object to the internet, and S3 does not warn.",
        "Set PublicAccessBlockConfiguration BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true (in CDK, BlockPublicAccess = BlockPublicAccess.BLOCK_ALL; LifecycleBucket does).",
        CdkNag: "AwsSolutions-S2",
        Checkov: "CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var block = resource.Properties["PublicAccessBlockConfiguration"];
        if (Cfn.IsIntrinsic(block))
        {
            yield break;
        }

        if (block is null)
        {
            yield return new Violation("PublicAccessBlockConfiguration is not set; set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true.");
            yield break;
        }

        var off = Settings
            .Where(s => !RuleValues.IsTrueOrUnknown(block[s]))
            .Select(s => $"{s} ({RuleValues.Describe(block[s])})")
            .ToList();
        if (off.Count > 0)
        {
            yield return new Violation($"PublicAccessBlockConfiguration does not set {string.Join(", ", off)} to true; set all four settings to true.");
        }
    }
}
