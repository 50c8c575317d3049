using System.Collections.Generic;

namespace Infra.Policies.Rules.IAM;

/// <summary>The infrastructure creates no IAM users.</summary>
public sealed class NoIamUsers : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-7",
        PolicyLevel.Warning,
        "IAM",
        "No IAM users",
        "IAM users carry long-lived passwords and access keys that leak (in code, CI logs, laptops) and are rarely rotated; roles give short-lived credentials.",
        "Remove the AWS::IAM::User: people sign in through IAM Identity Center, workloads use roles (IRSA or EKS Pod Identity, instance profiles), CI uses OIDC federation.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::IAM::User");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        yield return new Violation("The template creates an IAM user; use a role (with federation for people and CI) instead.");
    }
}
