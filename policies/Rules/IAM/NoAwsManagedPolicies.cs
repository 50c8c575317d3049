using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>Roles, users and groups use customer-managed or inline policies, not AWS-managed ones.</summary>
public sealed class NoAwsManagedPolicies : IPolicyRule
{
    private const string Marker = ":iam::aws:policy/";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-4",
        PolicyLevel.Warning,
        "IAM",
        "Roles, users and groups do not attach AWS-managed policies",
        "AWS-managed policies are written for every customer, so they grant broad actions on Resource *, and AWS changes them without notice: the permissions of the role change without a change to this code.",
        "Replace ManagedPolicyArns entries with a customer-managed or inline policy scoped to the resources used; where AWS requires its policy (for example AmazonEKSClusterPolicy), suppress the finding Policy::<name> with the reason.",
        CdkNag: "AwsSolutions-IAM4");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Properties["ManagedPolicyArns"] is not JsonArray arns)
        {
            yield break;
        }

        for (var i = 0; i < arns.Count; i++)
        {
            var text = Render(arns[i]);
            var at = text?.IndexOf(Marker, StringComparison.Ordinal) ?? -1;
            if (at >= 0)
            {
                var name = text![(at + Marker.Length)..];
                yield return new Violation($"ManagedPolicyArns[{i}] attaches the AWS-managed policy {name}; use a customer-managed policy scoped to what is needed.", $"Policy::{name}");
            }
        }
    }

    /// <summary>The ARN as text: a literal, a <c>Fn::Sub</c> template, or a <c>Fn::Join</c> with other intrinsics shown as <c>${Token}</c>.</summary>
    private static string? Render(JsonNode? node) => node switch
    {
        JsonObject { Count: 1 } o when o["Fn::Join"] is JsonArray { Count: 2 } join && join[1] is JsonArray parts =>
            string.Join(Cfn.AsString(join[0]) ?? "", parts.Select(p => Render(p) ?? "${Token}")),
        JsonObject { Count: 1 } o when o["Fn::Sub"] is { } sub => Cfn.AsString(sub) ?? Cfn.AsString((sub as JsonArray)?.FirstOrDefault()),
        _ => Cfn.AsString(node),
    };
}
