using System.Collections.Generic;

namespace Infra.Policies.Rules.S3;

/// <summary>A bucket's policy denies every request made without TLS.</summary>
public sealed class BucketRequiresTls : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-2",
        PolicyLevel.Error,
        "S3",
        "Bucket policies deny requests without TLS",
        "S3 accepts plain HTTP unless the bucket policy denies it; data and credentials would cross the network in clear text (FSBP S3.5).",
        "Add a Deny statement for s3:* on the bucket and its objects with the condition Bool aws:SecureTransport = false (LifecycleBucket does; in CDK, EnforceSSL = true).",
        CdkNag: "AwsSolutions-S10");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        ResourcePolicyTls.Check(resource, "AWS::S3::BucketPolicy", "Bucket", "bucket");
}
