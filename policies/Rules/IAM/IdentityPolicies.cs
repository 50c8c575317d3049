using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>
/// The identity policies (policies attached to principals) in IAM resources. Resource policies (bucket, key, queue and
/// topic policies) and role trust policies are not identity policies and are not read here.
/// </summary>
internal static class IdentityPolicies
{
    /// <summary>The types that carry identity policies.</summary>
    public static readonly string[] Types =
    [
        "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::UserPolicy", "AWS::IAM::GroupPolicy",
        "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group",
    ];

    /// <summary>Every literal statement of the resource's identity policies, in document order.</summary>
    public static IEnumerable<PolicyStatement> Statements(TemplateResource resource)
    {
        if (resource.Properties["PolicyDocument"] is JsonObject document)
        {
            foreach (var statement in PolicyStatement.Of(document, "PolicyDocument"))
            {
                yield return statement;
            }
        }

        if (resource.Properties["Policies"] is JsonArray policies)
        {
            for (var i = 0; i < policies.Count; i++)
            {
                if (policies[i] is JsonObject policy && policy["PolicyDocument"] is JsonObject inline)
                {
                    foreach (var statement in PolicyStatement.Of(inline, $"Policies[{i}].PolicyDocument"))
                    {
                        yield return statement;
                    }
                }
            }
        }
    }

    /// <summary>Whether <paramref name="action"/> is <c>*</c> or <c>*:*</c>: every action of every service.</summary>
    public static bool IsEveryAction(string action) => action is "*" or "*:*";

    /// <summary>Whether <paramref name="action"/> is <c>*</c> or a whole service (<c>s3:*</c>).</summary>
    public static bool IsWildcardAction(string action) => IsEveryAction(action) || action.EndsWith(":*", StringComparison.Ordinal);
}
