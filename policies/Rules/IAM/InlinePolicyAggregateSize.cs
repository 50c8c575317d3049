using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>The inline policies of a role, user or group fit IAM's aggregate quota for the entity.</summary>
public sealed class InlinePolicyAggregateSize : IPolicyRule
{
    /// <summary>IAM's aggregate inline-policy limits, in characters without whitespace, by entity type.</summary>
    public static IReadOnlyDictionary<string, int> Limits { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AWS::IAM::Role"] = 10_240,
        ["AWS::IAM::User"] = 2_048,
        ["AWS::IAM::Group"] = 5_120,
    };

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-9",
        PolicyLevel.Error,
        "IAM",
        "Inline policies of a role, user or group fit IAM's aggregate limit (10,240, 2,048, 5,120 characters)",
        "IAM adds up every inline policy of an entity (its own Policies and each AWS::IAM::Policy, RolePolicy, UserPolicy or GroupPolicy attached to it) and refuses the one that crosses the limit, failing the deploy; the CDK splits only a role's DefaultPolicy, never InlinePolicies or policies added by hand.",
        "Move statements into customer-managed policies (each has its own 6,144-character budget), merge statements that share actions or resources, or split the workload across roles. Sizes are counted on the compact JSON with synth-time values resolved; ARNs and names known only at deploy time count as 150 and 64 characters.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of([.. Limits.Keys]);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var parts = new List<(string Name, PolicySize Size)>();
        if (resource.Properties["Policies"] is JsonArray own)
        {
            for (var i = 0; i < own.Count; i++)
            {
                if (own[i] is JsonObject policy && policy["PolicyDocument"] is { } document)
                {
                    parts.Add(($"Policies[{i}]", PolicySize.Of(document, resource.Template)));
                }
            }
        }

        parts.AddRange(IamAttachments.For(resource.Template).InlinePoliciesOf(resource)
            .Select(p => (p.LogicalId, PolicySize.Of(p.Properties["PolicyDocument"], p.Template))));
        var total = parts.Select(p => p.Size).Aggregate(new PolicySize(0, 0), PolicySize.Add);
        var limit = Limits[resource.Type];
        if (total.Characters > limit)
        {
            var entity = resource.Type["AWS::IAM::".Length..].ToLowerInvariant();
            yield return new Violation(
                $"Inline policies total {PolicySize.Format(total.Characters)} characters ({string.Join(", ", parts.Select(p => $"{p.Name} {PolicySize.Format(p.Size.Characters)}"))}; {total.Counted}), " +
                $"over IAM's limit of {PolicySize.Format(limit)} for a {entity}; move statements into managed policies.");
        }
    }
}
