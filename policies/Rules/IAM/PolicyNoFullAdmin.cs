using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.IAM;

/// <summary>Identity policies never grant every action on every resource.</summary>
public sealed class PolicyNoFullAdmin : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-1",
        PolicyLevel.Error,
        "IAM",
        "Identity policies do not allow Action * on Resource * (full administrator)",
        "A principal with * on * can do anything in the account, including deleting data and backups, disabling logging and granting itself or others more access; one leaked credential or compromised workload takes the account.",
        "Grant the specific actions on the specific resources the workload uses (in CDK, the resource's Grant* methods); administrators assume an SSO permission set instead.",
        Checkov: "CKV_AWS_62");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(IdentityPolicies.Types);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        IdentityPolicies.Statements(resource)
            .Where(s => s.IsAllow && s.OnAnyResource && s.Actions.Any(IdentityPolicies.IsEveryAction))
            .Select(s => new Violation($"{s.Path} allows Action {s.Actions.First(IdentityPolicies.IsEveryAction)} on Resource *, full administrator access; grant only the actions and resources needed."));
}
