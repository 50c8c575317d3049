using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infra.Policies.Rules.IAM;

/// <summary>Identity policies do not allow write actions on every resource of a kind without a Condition.</summary>
public sealed partial class WriteActionsOnWildcardResources : IPolicyRule
{
    /// <summary>
    /// The verbs of read-only actions: an action whose name starts with one of them (<c>s3:GetObject</c>,
    /// <c>ec2:Describe*</c>, <c>dynamodb:BatchGetItem</c>) reads. Kept small on purpose; compared case-insensitively.
    /// Everything else (including <c>*</c>, <c>s3:*</c> and partial verbs such as <c>s3:G*</c>) counts as a write.
    /// </summary>
    public static IReadOnlyList<string> ReadOnlyVerbs { get; } =
        ["Describe", "Get", "List", "Head", "BatchGet", "Search", "Lookup", "Query", "Scan", "Select", "View", "Filter"];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-12",
        PolicyLevel.Error,
        "IAM",
        "Identity policies do not allow write actions on wildcard resources without a Condition",
        "A write action on Resource * (or an ARN whose region, account or resource id is *, such as security-group/* or arn:aws:s3:::*) changes or deletes every such resource in the account, including other teams' and future ones; one compromised workload then reaches all of them.",
        "Name the resources (in CDK, the Grant* methods do), or keep the wildcard and add a Condition that scopes it (aws:ResourceTag, aws:RequestTag, a service's own keys). Read-only actions (Describe, Get, List, ...) and actions that accept only * are not reported. Where the wildcard is really needed, suppress the finding Statement::<Sid or index> with the reason.",
        CdkNag: "AwsSolutions-IAM5");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(IdentityPolicies.Types);

    /// <summary>Whether <paramref name="action"/> (<c>service:Name</c>) only reads.</summary>
    public static bool IsReadOnly(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? action : action[(colon + 1)..];
        return ReadOnlyVerbs.Any(v => name.StartsWith(v, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether <paramref name="resource"/> names every resource of a kind: <c>*</c>, or an ARN whose region or account
    /// holds a <c>*</c>, or whose resource part is only wildcards (<c>*</c>, <c>security-group/*</c>, <c>function:*</c>; for S3 a
    /// bucket of <c>*</c>). Unknown parts (<c>⟨...⟩</c> from <see cref="IntrinsicResolver"/>) are never wildcards.
    /// </summary>
    internal static bool IsWildcard(string resource)
    {
        if (resource.Trim('*').Length == 0)
        {
            return true;
        }

        var parts = resource.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            return false;
        }

        if (parts[3].Contains('*', StringComparison.Ordinal) || parts[4].Contains('*', StringComparison.Ordinal))
        {
            return true;
        }

        var resourcePart = parts[5];
        if (parts[2] == "s3")
        {
            // arn:aws:s3:::bucket/key: the bucket is the resource, bucket/* its objects.
            return resourcePart.Split('/')[0].Trim('*').Length == 0;
        }

        var separator = resourcePart.IndexOfAny(['/', ':']);
        var id = separator < 0 ? resourcePart : resourcePart[(separator + 1)..];
        return OnlyWildcards().IsMatch(id);
    }

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var resolver = IntrinsicResolver.For(resource.Template);
        foreach (var statement in IdentityPolicies.Statements(resource))
        {
            if (!statement.IsAllow || statement.HasCondition)
            {
                continue;
            }

            var wildcards = statement.Statement["NotResource"] is not null
                ? ["NotResource (every resource but those listed)"]
                : Cfn.Items(statement.Statement["Resource"]).Select(r => resolver.Resolve(r)?.Text).OfType<string>().Where(IsWildcard).Distinct().ToList();
            if (wildcards.Count == 0)
            {
                continue;
            }

            List<string> writes = statement.Statement["NotAction"] is not null ? ["NotAction (every action but those listed)"]
                : statement.ActionsAreLiteral ? statement.Actions.Where(a => !IsReadOnly(a) && !PolicyNoWildcardResources.StarOnlyActions.Contains(a)).Distinct().ToList()
                : [];
            if (writes.Count == 0)
            {
                continue;
            }

            var shown = writes.Count <= 5 ? string.Join(", ", writes) : $"{string.Join(", ", writes.Take(5))} and {writes.Count - 5} more";
            yield return new Violation(
                $"{statement.Path} allows {shown} on {string.Join(", ", wildcards)} without a Condition; name the resources or add a Condition that scopes them.",
                $"Statement::{StatementKey(resource, statement)}");
        }
    }

    // The statement's Sid, else its index; inline policies of a role, user or group are prefixed with the policy's name.
    private static string StatementKey(TemplateResource resource, PolicyStatement statement)
    {
        var match = StatementPath().Match(statement.Path);
        var key = Cfn.AsString(statement.Statement["Sid"]) is { Length: > 0 } sid ? sid : match.Groups["statement"].Success ? match.Groups["statement"].Value : "0";
        if (!match.Groups["policy"].Success)
        {
            return key;
        }

        var index = int.Parse(match.Groups["policy"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var name = Cfn.AsString((resource.Properties["Policies"] as JsonArray)?[index]?["PolicyName"]) ?? $"Policies[{index}]";
        return $"{name}/{key}";
    }

    [GeneratedRegex(@"^[*/:]+$")]
    private static partial Regex OnlyWildcards();

    [GeneratedRegex(@"^(?:Policies\[(?<policy>\d+)\]\.)?PolicyDocument\.Statement(?:\[(?<statement>\d+)\])?$")]
    private static partial Regex StatementPath();
}
