using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.KMS;

/// <summary>Key policies grant nothing to every principal without a condition.</summary>
public sealed class KeyPolicyNotPublic : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-KMS-2",
        PolicyLevel.Error,
        "KMS",
        "Key policies do not allow Principal * without a Condition",
        "A key policy statement for Principal * with no Condition lets any AWS account (not only yours) use or manage the key, subject only to its own IAM policies.",
        "Name the principals (account root, roles or service principals), or keep * only with a Condition such as kms:CallerAccount or aws:PrincipalOrgID.",
        Checkov: "CKV_AWS_33");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::KMS::Key");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Properties["KeyPolicy"] is not JsonObject policy)
        {
            yield break;
        }

        foreach (var s in PolicyStatement.Of(policy, "KeyPolicy"))
        {
            if (s.IsAllow && !s.HasCondition && s.ForEveryPrincipal)
            {
                yield return new Violation($"{s.Path} allows Principal * without a Condition; name the principals or add a Condition.");
            }
        }
    }
}
