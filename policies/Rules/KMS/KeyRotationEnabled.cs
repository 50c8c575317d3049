using System.Collections.Generic;

namespace Infra.Policies.Rules.KMS;

/// <summary>Symmetric encryption keys rotate their key material automatically.</summary>
public sealed class KeyRotationEnabled : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-KMS-1",
        PolicyLevel.Error,
        "KMS",
        "Symmetric KMS keys have automatic rotation on",
        "Without rotation one key material protects every object encrypted under the key for its whole life, so a leaked or weakened key exposes all of it; rotation is free of downtime and old ciphertext still decrypts.",
        "Set EnableKeyRotation to true (in CDK, EnableKeyRotation = true); asymmetric and HMAC keys (KeySpec other than SYMMETRIC_DEFAULT) are exempt.",
        CdkNag: "AwsSolutions-KMS5",
        Checkov: "CKV_AWS_7");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::KMS::Key");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var spec = resource.Properties["KeySpec"];
        if (spec is not null && Cfn.AsString(spec) != "SYMMETRIC_DEFAULT")
        {
            yield break;
        }

        var rotation = resource.Properties["EnableKeyRotation"];
        if (!RuleValues.IsTrueOrUnknown(rotation))
        {
            yield return new Violation($"EnableKeyRotation is {RuleValues.Describe(rotation)}; set it to true.");
        }
    }
}
