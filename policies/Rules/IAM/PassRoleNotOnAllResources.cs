using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.IAM;

/// <summary>Identity policies do not allow passing every role.</summary>
public sealed class PassRoleNotOnAllResources : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-6",
        PolicyLevel.Error,
        "IAM",
        "Identity policies do not allow iam:PassRole on Resource *",
        "iam:PassRole on * lets the principal hand any role in the account, including administrator roles, to a Lambda function, EC2 instance or ECS task it starts, and so act with that role's permissions: privilege escalation.",
        "Set Resource to the ARNs of the roles the workload passes and add a Condition on iam:PassedToService (in CDK, role.GrantPassRole(principal)).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(IdentityPolicies.Types);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        IdentityPolicies.Statements(resource)
            .Where(s => s.IsAllow && s.OnAnyResource && s.Actions.Any(PassesRoles))
            .Select(s => new Violation($"{s.Path} allows {s.Actions.First(PassesRoles)} on Resource *, so any role can be passed; limit Resource to the roles passed."));

    private static bool PassesRoles(string action) =>
        IdentityPolicies.IsEveryAction(action)
        || string.Equals(action, "iam:PassRole", StringComparison.OrdinalIgnoreCase)
        || string.Equals(action, "iam:*", StringComparison.OrdinalIgnoreCase);
}
