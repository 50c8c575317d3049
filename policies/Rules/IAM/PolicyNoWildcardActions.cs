using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.IAM;

/// <summary>Identity policies name actions instead of granting every action of a service.</summary>
public sealed class PolicyNoWildcardActions : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-2",
        PolicyLevel.Warning,
        "IAM",
        "Identity policies do not allow wildcard actions (* or service:*)",
        "service:* includes the destructive and permission-changing actions of the service (s3:DeleteBucket, s3:PutBucketPolicy, kms:ScheduleKeyDeletion) and every action AWS adds later, far beyond what a workload needs.",
        "List the actions the workload calls (in CDK, the Grant* methods do); if a wildcard is truly needed, suppress the finding Action::<action> with the reason.",
        CdkNag: "AwsSolutions-IAM5",
        Checkov: "CKV_AWS_63");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(IdentityPolicies.Types);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        IdentityPolicies.Statements(resource)
            .Where(s => s.IsAllow)
            .SelectMany(s => s.Actions.Where(IdentityPolicies.IsWildcardAction).Select(action => (Action: action, s.Path)))
            .GroupBy(a => a.Action, StringComparer.Ordinal)
            .Select(g => new Violation(
                $"Action {g.Key} is allowed in {string.Join(", ", g.Select(a => a.Path).Distinct())}; list the actions needed instead.",
                $"Action::{g.Key}"));
}
