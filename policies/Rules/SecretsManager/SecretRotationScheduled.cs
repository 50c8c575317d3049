using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.SecretsManager;

/// <summary>Secrets rotate on a schedule.</summary>
public sealed class SecretRotationScheduled : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-SECRETS-1",
        PolicyLevel.Error,
        "SecretsManager",
        "Secrets have a rotation schedule",
        "A secret that never rotates stays valid for as long as it exists, so a copy leaked once (a log, a dump, a former colleague) works forever.",
        "Add an AWS::SecretsManager::RotationSchedule whose SecretId refers to the secret (in CDK, secret.AddRotationSchedule(...), or cluster.AddRotationSingleUser() for database credentials).",
        CdkNag: "AwsSolutions-SMG4");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::SecretsManager::Secret");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var rotated = resource.Template.OfType("AWS::SecretsManager::RotationSchedule")
            .Any(r => Cfn.RefersTo(r.Properties["SecretId"], resource.LogicalId));
        if (!rotated)
        {
            yield return new Violation("No AWS::SecretsManager::RotationSchedule in this template has a SecretId referring to the secret; add one.");
        }
    }
}
