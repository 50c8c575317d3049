using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>Role trust policies do not let everyone assume the role.</summary>
public sealed class RoleTrustNotPublic : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-5",
        PolicyLevel.Error,
        "IAM",
        "Role trust policies do not allow Principal * without a Condition",
        "A trust policy for Principal * with no Condition lets any AWS principal in any account assume the role and use all its permissions.",
        "Name the principals that assume the role (a service principal, an account, a role ARN or the OIDC provider), or keep * only with a Condition such as aws:PrincipalOrgID or sts:ExternalId.",
        Checkov: "CKV_AWS_60");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::IAM::Role");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        resource.Properties["AssumeRolePolicyDocument"] is JsonObject trust
            ? PolicyStatement.Of(trust, "AssumeRolePolicyDocument")
                .Where(s => s.IsAllow && !s.HasCondition && s.ForEveryPrincipal)
                .Select(s => new Violation($"{s.Path} allows Principal * to assume the role without a Condition; name the principals or add a Condition."))
            : [];
}
