using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules;

/// <summary>One statement of a policy document, with the property path a message names.</summary>
/// <param name="Path">For example <c>Policies[0].PolicyDocument.Statement[1]</c>.</param>
/// <param name="Statement">The statement.</param>
internal sealed record PolicyStatement(string Path, JsonObject Statement)
{
    /// <summary>The literal actions (<c>Action</c>); empty for <c>NotAction</c> statements.</summary>
    public IReadOnlyList<string> Actions { get; } = Cfn.Strings(Statement["Action"]).ToList();

    /// <summary>Whether the statement has an <c>Action</c> whose every item is a literal string (an intrinsic hides what is granted).</summary>
    public bool ActionsAreLiteral { get; } = Statement["Action"] is not null && Cfn.Items(Statement["Action"]).All(a => Cfn.AsString(a) is not null);

    /// <summary>Whether the statement allows.</summary>
    public bool IsAllow => Cfn.IsAllow(Statement);

    /// <summary>Whether the statement literally names the resource <c>*</c>.</summary>
    public bool OnAnyResource => Cfn.Strings(Statement["Resource"]).Contains("*");

    /// <summary>Whether the statement has a Condition.</summary>
    public bool HasCondition => Statement["Condition"] is not null;

    /// <summary>Whether the principal is everyone: <c>"*"</c> or <c>{"AWS": "*"}</c>.</summary>
    public bool ForEveryPrincipal => Cfn.Principals(Statement).Any(p => p is "*" or "AWS:*");

    /// <summary>The literal statements of one policy document (statements built with intrinsics are skipped).</summary>
    public static IEnumerable<PolicyStatement> Of(JsonObject document, string path)
    {
        switch (document["Statement"])
        {
            case JsonArray list:
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is JsonObject s && !Cfn.IsIntrinsic(s))
                    {
                        yield return new PolicyStatement($"{path}.Statement[{i}]", s);
                    }
                }

                break;
            case JsonObject single when !Cfn.IsIntrinsic(single):
                yield return new PolicyStatement($"{path}.Statement", single);
                break;
        }
    }
}
