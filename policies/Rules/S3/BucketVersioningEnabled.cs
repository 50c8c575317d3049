using System.Collections.Generic;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets keep object versions, so a delete or an overwrite can be undone.</summary>
public sealed class BucketVersioningEnabled : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-5",
        PolicyLevel.Error,
        "S3",
        "Buckets have versioning enabled",
        "Without versions a delete or an overwrite (by mistake, a bug or ransomware) is final; replication also needs versioning.",
        "Set VersioningConfiguration.Status to Enabled (LifecycleBucket does by default) and expire noncurrent versions with a lifecycle rule.",
        CdkNag: "NIST.800.53.R5-S3BucketVersioningEnabled",
        Checkov: "CKV_AWS_21");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var status = resource.Property("VersioningConfiguration.Status");
        if (Cfn.IsIntrinsic(status))
        {
            yield break;
        }

        if (Cfn.AsString(status) != "Enabled")
        {
            yield return new Violation($"VersioningConfiguration.Status is {Cfn.AsString(status) ?? "not set"}; set it to Enabled.");
        }
    }
}
