using System.Collections.Generic;
using System.Linq;

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
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var policies = resource.Template.OfType("AWS::S3::BucketPolicy")
            .Where(p => Cfn.RefersTo(p.Properties["Bucket"], resource.LogicalId))
            .ToList();
        var deniesPlainHttp = policies
            .SelectMany(p => Cfn.Statements(p.Properties["PolicyDocument"]))
            .Any(s => !Cfn.IsAllow(s) && Cfn.AsString(Cfn.At(s, "Condition.Bool.aws:SecureTransport")) == "false");
        if (!deniesPlainHttp)
        {
            yield return new Violation(policies.Count == 0
                ? "The bucket has no bucket policy in this template, so nothing denies requests without TLS."
                : "No statement of the bucket policy denies requests with aws:SecureTransport = false.");
        }
    }
}
