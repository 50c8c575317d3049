using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Ec2;

/// <summary>Security groups and their rules say what they are for.</summary>
public sealed class SecurityGroupDescriptions : IPolicyRule
{
    private const string SecurityGroup = "AWS::EC2::SecurityGroup";
    private static readonly string[] InlineRuleLists = ["SecurityGroupIngress", "SecurityGroupEgress"];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EC2-2",
        PolicyLevel.Warning,
        "EC2",
        "Security groups and their ingress and egress rules have descriptions",
        "A group or rule nobody can explain is never removed: reviewers and incident responders cannot tell a needed opening from a forgotten one, so exposure only grows.",
        "Set GroupDescription to what the group is for (in CDK, Description on SecurityGroupProps) and Description on every ingress and egress rule (the description argument of AddIngressRule/AddEgressRule or Connections.AllowFrom).",
        CdkNag: "AwsSolutions-EC27",
        Checkov: "CKV_AWS_23");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } =
        RuleTypes.Of(SecurityGroup, "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Type != SecurityGroup)
        {
            return Describe(resource.Properties["Description"], "Description", "say what the rule allows and why");
        }

        var rules = InlineRuleLists
            .Where(list => !Cfn.IsIntrinsic(resource.Properties[list]))
            .SelectMany(list => Cfn.Items(resource.Properties[list])
                .Select((rule, index) => (Rule: rule as JsonObject, Path: $"{list}[{index}].Description"))
                .Where(r => r.Rule is not null && !Cfn.IsIntrinsic(r.Rule))
                .SelectMany(r => Describe(r.Rule!["Description"], r.Path, "say what the rule allows and why")));
        return Describe(resource.Properties["GroupDescription"], "GroupDescription", "describe what the group is for").Concat(rules);
    }

    private static IEnumerable<Violation> Describe(JsonNode? description, string path, string fix)
    {
        if (Cfn.IsIntrinsic(description))
        {
            yield break;
        }

        var text = Cfn.AsString(description);
        var found = text switch
        {
            null => "not set",
            _ when string.IsNullOrWhiteSpace(text) => "empty",
            _ when text.Trim().Equals("Default", StringComparison.OrdinalIgnoreCase) => text.Trim(),
            _ => null,
        };
        if (found is not null)
        {
            yield return new Violation($"{path} is {found}; {fix}.");
        }
    }
}
