using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.S3;

/// <summary>Buckets disable ACLs: the bucket owner owns every object and access is decided by policies alone.</summary>
public sealed class BucketAclsDisabled : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-S3-6",
        PolicyLevel.Error,
        "S3",
        "Buckets disable ACLs (BucketOwnerEnforced, no canned ACL)",
        "With ACLs enabled, objects uploaded by other accounts stay theirs and any object can be made public by its ACL, outside what the bucket policy and IAM show reviewers.",
        "Set OwnershipControls.Rules[0].ObjectOwnership to BucketOwnerEnforced and remove AccessControl (or leave it Private). In CDK, ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED and no AccessControl.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::S3::Bucket");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var rules = resource.Property("OwnershipControls.Rules");
        if (!Cfn.IsIntrinsic(resource.Properties["OwnershipControls"]) && !Cfn.IsIntrinsic(rules))
        {
            var first = Cfn.Items(rules).FirstOrDefault();
            var ownership = Cfn.At(first, "ObjectOwnership");
            if (!Cfn.IsIntrinsic(first) && !Cfn.IsIntrinsic(ownership) && Cfn.AsString(ownership) != "BucketOwnerEnforced")
            {
                yield return new Violation($"OwnershipControls.Rules[0].ObjectOwnership is {RuleValues.Describe(ownership)}; set it to BucketOwnerEnforced.");
            }
        }

        var acl = resource.Properties["AccessControl"];
        if (acl is not null && !Cfn.IsIntrinsic(acl) && Cfn.AsString(acl) != "Private")
        {
            yield return new Violation($"AccessControl is {RuleValues.Describe(acl)}; remove it (ACLs are disabled) and grant access with the bucket policy.");
        }
    }
}
