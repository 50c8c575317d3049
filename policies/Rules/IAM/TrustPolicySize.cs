using System.Collections.Generic;

namespace Infra.Policies.Rules.IAM;

/// <summary>A role's trust policy fits IAM's default 2,048-character quota.</summary>
public sealed class TrustPolicySize : IPolicyRule
{
    /// <summary>IAM's default trust-policy quota (AssumeRolePolicySizeQuota), in characters without whitespace.</summary>
    public const int Limit = 2_048;

    /// <summary>The most a quota increase allows.</summary>
    public const int RaisedLimit = 4_096;

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-10",
        PolicyLevel.Error,
        "IAM",
        "Role trust policies fit IAM's default 2,048-character quota",
        "IAM refuses a role whose AssumeRolePolicyDocument exceeds the account's trust-policy quota (2,048 characters by default, whitespace not counted), so the deploy fails; trust policies grow quietly as OIDC subjects and accounts are added.",
        "Trust fewer principals per role (one role per workload or per account group), use conditions with wildcards instead of long lists, or raise the account's quota (Service Quotas: 'Role trust policy length', up to 4,096) and suppress this finding naming the raised quota.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::IAM::Role");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Properties["AssumeRolePolicyDocument"] is not { } document)
        {
            yield break;
        }

        var size = PolicySize.Of(document, resource.Template);
        if (size.Characters > Limit)
        {
            yield return new Violation(
                $"AssumeRolePolicyDocument is {PolicySize.Format(size.Characters)} characters ({size.Counted}), over IAM's default trust-policy quota of {PolicySize.Format(Limit)} " +
                $"(a quota increase raises it to {PolicySize.Format(RaisedLimit)}); trust fewer principals or raise the quota.");
        }
    }
}
