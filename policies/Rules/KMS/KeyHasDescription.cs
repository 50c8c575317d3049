using System.Collections.Generic;

namespace Infra.Policies.Rules.KMS;

/// <summary>Keys say what they protect.</summary>
public sealed class KeyHasDescription : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-KMS-3",
        PolicyLevel.Warning,
        "KMS",
        "KMS keys have a Description",
        "Reviewers and operators see keys by id in the console and in CloudTrail; without a description nobody can tell what a key protects before changing its policy or scheduling its deletion, which destroys that data.",
        "Set Description to what the key protects (in CDK, Description = \"...\").");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::KMS::Key");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var description = resource.Properties["Description"];
        if (!RuleValues.IsSet(description))
        {
            yield return new Violation($"Description is {RuleValues.Describe(description)}; say what the key protects.");
        }
    }
}
