using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>A role or group has at most 10 managed policies attached.</summary>
public sealed class ManagedPoliciesPerEntity : IPolicyRule
{
    /// <summary>IAM's default quota of managed policies per role (adjustable to <see cref="RaisedRoleLimit"/>) and its fixed limit per group.</summary>
    public const int Limit = 10;

    /// <summary>The most a quota increase allows for a role.</summary>
    public const int RaisedRoleLimit = 20;

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-11",
        PolicyLevel.Error,
        "IAM",
        "Roles and groups have at most 10 managed policies attached",
        "IAM refuses to attach an eleventh managed policy to a role (default quota) or a group (fixed), so the deploy fails; the CDK adds OverflowPolicy managed policies to large roles on its own, which can push a role over.",
        "Merge managed policies (each holds up to 6,144 characters), drop policies the role does not use, or raise the account's quota for roles (Service Quotas: 'Managed policies per role', up to 20) and suppress this finding naming the raised quota.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::IAM::Role", "AWS::IAM::Group");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var arns = resource.Properties["ManagedPolicyArns"] is JsonArray list ? list.Where(i => !IntrinsicResolver.IsNoValue(i)).ToList() : [];
        // A ManagedPolicy that names the role and is also in its ManagedPolicyArns is attached once.
        var named = IamAttachments.For(resource.Template).ManagedPoliciesOf(resource)
            .Where(p => !arns.Any(a => a is JsonObject { Count: 1 } o && Cfn.AsString(o["Ref"]) == p.LogicalId))
            .ToList();
        var count = arns.Count + named.Count;
        if (count <= Limit)
        {
            yield break;
        }

        var isRole = resource.Type == "AWS::IAM::Role";
        var entity = isRole ? "role" : "group";
        var quota = isRole
            ? $"IAM's default quota of {Limit} per role (a quota increase raises it to {RaisedRoleLimit}); merge policies or raise the quota."
            : $"IAM's fixed limit of {Limit} per group; merge policies.";
        yield return new Violation(
            $"{count} managed policies are attached ({arns.Count} in ManagedPolicyArns, {named.Count} AWS::IAM::ManagedPolicy resource{(named.Count == 1 ? "" : "s")} naming the {entity}), over {quota}");
    }
}
