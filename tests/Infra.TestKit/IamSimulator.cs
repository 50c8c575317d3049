using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infra.TestKit;

/// <summary>
/// One API call to authorize: the action, the resource ARN it acts on, the resource's tags and the request's tags.
/// Values a template only knows as intrinsics are written the way <see cref="IamSimulator.Render"/> writes them
/// (<c>${LogicalId.Attribute}</c>, <c>${import:ExportName}</c>), so a test can name "the cluster security group".
/// </summary>
public sealed record IamRequest(
    string Action,
    string Resource,
    IReadOnlyDictionary<string, string>? ResourceTags = null,
    IReadOnlyDictionary<string, string>? RequestTags = null,
    IReadOnlyDictionary<string, string>? Context = null);

/// <summary>
/// A small evaluator of identity-policy Allow statements as IAM evaluates them (action and resource wildcards,
/// StringEquals, StringLike, StringNotEquals, Null and Bool conditions on tags and context keys), for tests that must
/// prove what a synthesized policy does and does not reach. It refuses what it does not understand (NotAction,
/// NotResource, other condition operators, unknown intrinsics) rather than guess, so a test cannot pass by accident.
/// </summary>
public static class IamSimulator
{
    /// <summary>The Sids (or indexes) of the Allow statements in <paramref name="documents"/> that grant <paramref name="request"/>.</summary>
    public static IReadOnlyList<string> AllowingStatements(IEnumerable<JsonNode> documents, IamRequest request)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(request);
        var granted = new List<string>();
        foreach (var document in documents)
        {
            var statements = document["Statement"] switch
            {
                JsonArray list => list.Select(s => s!.AsObject()).ToList(),
                JsonObject single => [single],
                _ => throw new ArgumentException($"not a policy document: {document.ToJsonString()}", nameof(documents)),
            };
            for (var i = 0; i < statements.Count; i++)
            {
                var s = statements[i];
                if (s["NotAction"] is not null || s["NotResource"] is not null)
                {
                    throw new NotSupportedException($"statement {Name(s, i)} uses NotAction/NotResource, which this simulator does not evaluate.");
                }

                if ((string?)s["Effect"] == "Allow"
                    && Strings(s["Action"]).Any(a => Wildcard(a, request.Action, ignoreCase: true))
                    && Strings(s["Resource"]).Any(r => Wildcard(r, request.Resource, ignoreCase: false))
                    && ConditionsHold(s["Condition"] as JsonObject, request))
                {
                    granted.Add(Name(s, i));
                }
            }
        }

        return granted;
    }

    /// <summary>Whether any statement of <paramref name="documents"/> grants <paramref name="request"/>.</summary>
    public static bool Allows(IEnumerable<JsonNode> documents, IamRequest request) => AllowingStatements(documents, request).Count > 0;

    /// <summary>
    /// A template value as text: literals as they are, <c>Fn::Join</c> joined, <c>Ref</c> as <c>${LogicalId}</c>,
    /// <c>Fn::GetAtt</c> as <c>${LogicalId.Attribute}</c> and <c>Fn::ImportValue</c> as <c>${import:Name}</c>.
    /// </summary>
    public static string Render(JsonNode node) => node switch
    {
        JsonValue v => (string)v!,
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join((string)join[0]!, join[1]!.AsArray().Select(p => Render(p!))),
        JsonObject o when o["Ref"] is JsonValue id => $"${{{(string)id!}}}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray att => $"${{{string.Join('.', att.Select(a => Render(a!)))}}}",
        JsonObject o when o["Fn::ImportValue"] is JsonNode import => $"${{import:{Render(import)}}}",
        _ => throw new NotSupportedException($"cannot render {node.ToJsonString()}"),
    };

    private static string Name(JsonObject statement, int index) => (string?)statement["Sid"] ?? $"Statement[{index}]";

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        null => [],
        JsonArray list => list.Select(n => Render(n!)),
        _ => [Render(node)],
    };

    private static bool Wildcard(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + string.Concat(pattern.Select(c => c switch { '*' => ".*", '?' => ".", _ => Regex.Escape(c.ToString()) })) + "$";
        return Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline);
    }

    private static bool ConditionsHold(JsonObject? conditions, IamRequest request)
    {
        if (conditions is null)
        {
            return true;
        }

        foreach (var (op, block) in conditions)
        {
            foreach (var (key, expected) in block!.AsObject())
            {
                var actual = Lookup(key, request);
                var values = Strings(expected).ToList();
                var holds = op switch
                {
                    "StringEquals" => actual is not null && values.Contains(actual, StringComparer.Ordinal),
                    "StringNotEquals" => actual is null || !values.Contains(actual, StringComparer.Ordinal),
                    "StringLike" => actual is not null && values.Any(v => Wildcard(v, actual, ignoreCase: false)),
                    "Bool" => actual is not null && values.Contains(actual, StringComparer.OrdinalIgnoreCase),
                    "Null" => values.Single() == "true" ? actual is null : actual is not null,
                    _ => throw new NotSupportedException($"condition operator {op} is not evaluated by this simulator."),
                };
                if (!holds)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string? Lookup(string key, IamRequest request)
    {
        const string resourceTag = "aws:ResourceTag/";
        const string requestTag = "aws:RequestTag/";
        if (key.StartsWith(resourceTag, StringComparison.Ordinal))
        {
            return request.ResourceTags?.GetValueOrDefault(key[resourceTag.Length..]);
        }

        return key.StartsWith(requestTag, StringComparison.Ordinal)
            ? request.RequestTags?.GetValueOrDefault(key[requestTag.Length..])
            : request.Context?.GetValueOrDefault(key);
    }
}
