using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>
/// Which policy resources of a template attach to which role, user or group (by <c>Ref</c> or by a literal name equal
/// to the entity's <c>RoleName</c>, <c>UserName</c> or <c>GroupName</c>). Built once per template (<see cref="For"/>), so
/// rules checking every role do not scan the template again for each.
/// </summary>
internal sealed class IamAttachments
{
    private static readonly (string Type, string NameProperty)[] Entities =
        [("AWS::IAM::Role", "RoleName"), ("AWS::IAM::User", "UserName"), ("AWS::IAM::Group", "GroupName")];

    private static readonly (string Type, string[] Properties)[] InlinePolicies =
    [
        ("AWS::IAM::Policy", ["Roles", "Users", "Groups"]),
        ("AWS::IAM::RolePolicy", ["RoleName"]),
        ("AWS::IAM::UserPolicy", ["UserName"]),
        ("AWS::IAM::GroupPolicy", ["GroupName"]),
    ];

    private readonly Dictionary<string, List<TemplateResource>> _inline = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TemplateResource>> _managed = new(StringComparer.Ordinal);

    private IamAttachments(TemplateDocument template)
    {
        // Literal entity names, per kind of entity (a role and a user may share a name).
        var byName = Entities.ToDictionary(
            e => e.Type,
            e => template.OfType(e.Type)
                .Select(r => (Name: Cfn.AsString(r.Properties[e.NameProperty]), r.LogicalId))
                .Where(x => x.Name is not null)
                .GroupBy(x => x.Name!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().LogicalId, StringComparer.Ordinal),
            StringComparer.Ordinal);
        foreach (var (type, properties) in InlinePolicies)
        {
            foreach (var policy in template.OfType(type))
            {
                foreach (var entity in properties.SelectMany(p => Referents(template, byName, p, policy.Properties[p])).Distinct())
                {
                    Add(_inline, entity, policy);
                }
            }
        }

        foreach (var policy in template.OfType("AWS::IAM::ManagedPolicy"))
        {
            foreach (var entity in new[] { "Roles", "Users", "Groups" }.SelectMany(p => Referents(template, byName, p, policy.Properties[p])).Distinct())
            {
                Add(_managed, entity, policy);
            }
        }
    }

    /// <summary>The index of <paramref name="template"/>.</summary>
    public static IamAttachments For(TemplateDocument template) => template.Memo(nameof(IamAttachments), t => new IamAttachments(t));

    /// <summary>The AWS::IAM::Policy, RolePolicy, UserPolicy and GroupPolicy resources attached to <paramref name="entity"/>.</summary>
    public IReadOnlyList<TemplateResource> InlinePoliciesOf(TemplateResource entity) => _inline.GetValueOrDefault(entity.LogicalId) ?? [];

    /// <summary>The AWS::IAM::ManagedPolicy resources whose Roles, Users or Groups name <paramref name="entity"/>.</summary>
    public IReadOnlyList<TemplateResource> ManagedPoliciesOf(TemplateResource entity) => _managed.GetValueOrDefault(entity.LogicalId) ?? [];

    private static void Add(Dictionary<string, List<TemplateResource>> index, string entity, TemplateResource policy)
    {
        if (!index.TryGetValue(entity, out var list))
        {
            index[entity] = list = [];
        }

        list.Add(policy);
    }

    // The logical ids of the template's entities a Roles/Users/Groups (or RoleName/...) value names.
    private static IEnumerable<string> Referents(TemplateDocument template, Dictionary<string, Dictionary<string, string>> byName, string property, JsonNode? value)
    {
        var type = property.StartsWith("Role", StringComparison.Ordinal) ? "AWS::IAM::Role"
            : property.StartsWith("User", StringComparison.Ordinal) ? "AWS::IAM::User"
            : "AWS::IAM::Group";
        foreach (var item in Cfn.Items(value))
        {
            if (item is JsonObject { Count: 1 } o && Cfn.AsString(o["Ref"]) is { } id && template.Find(id)?.Type == type)
            {
                yield return id;
            }
            else if (Cfn.AsString(item) is { } name && byName[type].TryGetValue(name, out var named))
            {
                yield return named;
            }
        }
    }
}
