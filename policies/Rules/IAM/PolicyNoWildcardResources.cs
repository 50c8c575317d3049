using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.IAM;

/// <summary>Identity policies scope actions to resources instead of <c>*</c>.</summary>
public sealed class PolicyNoWildcardResources : IPolicyRule
{
    /// <summary>
    /// Actions that accept only <c>Resource: "*"</c> (they have no resource-level permissions), so a statement made of
    /// them alone is not reported. Kept small on purpose; compared case-insensitively, with no pattern matching.
    /// </summary>
    internal static readonly IReadOnlySet<string> StarOnlyActions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ec2:Describe*",
        "ec2:DescribeInstances",
        "ec2:DescribeImages",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeInstanceTypes",
        "ec2:DescribeInstanceTypeOfferings",
        "ec2:DescribeAvailabilityZones",
        "ec2:DescribeSpotPriceHistory",
        "pricing:GetProducts",
        "sts:GetCallerIdentity",
        "logs:DescribeLogGroups",
        "xray:PutTraceSegments",
        "xray:PutTelemetryRecords",
        "cloudwatch:PutMetricData",
    };

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-3",
        PolicyLevel.Warning,
        "IAM",
        "Identity policies do not allow actions on Resource *",
        "Resource * extends the granted actions to every bucket, key, table and secret in the account, including ones created later by other teams, so a compromised workload reaches data it never needed.",
        "Set Resource to the ARNs the workload uses (in CDK, the Grant* methods do). Statements made only of actions that support nothing but * (ec2:Describe*, sts:GetCallerIdentity, cloudwatch:PutMetricData, ...) are not reported; otherwise suppress the finding Resource::* with the reason.",
        CdkNag: "AwsSolutions-IAM5");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(IdentityPolicies.Types);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var paths = IdentityPolicies.Statements(resource)
            .Where(s => s.IsAllow && s.OnAnyResource)
            .Where(s => s.Statement["NotAction"] is not null || (s.ActionsAreLiteral && !s.Actions.All(StarOnlyActions.Contains)))
            .Select(s => s.Path)
            .ToList();
        if (paths.Count > 0)
        {
            yield return new Violation($"Resource * is allowed in {string.Join(", ", paths)}; scope the statements to the resources used.", "Resource::*");
        }
    }
}
