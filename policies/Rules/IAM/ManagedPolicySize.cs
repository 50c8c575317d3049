using System.Collections.Generic;

namespace Infra.Policies.Rules.IAM;

/// <summary>A managed policy's document fits IAM's 6,144-character quota.</summary>
public sealed class ManagedPolicySize : IPolicyRule
{
    /// <summary>IAM's limit for one managed policy document, in characters without whitespace.</summary>
    public const int Limit = 6_144;

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-IAM-8",
        PolicyLevel.Error,
        "IAM",
        "Managed policy documents fit IAM's 6,144-character limit",
        "IAM refuses a managed policy document over 6,144 characters (whitespace not counted), so the deploy fails halfway and rolls back; a document that reads fine in the template can still be too large once CloudFormation resolves its ARNs.",
        "Split the statements across two managed policies, merge statements that share actions or resources, or use wildcards in names where that stays least-privilege. Sizes are counted on the compact JSON with synth-time values resolved; ARNs and names known only at deploy time count as 150 and 64 characters.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::IAM::ManagedPolicy");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var size = PolicySize.Of(resource.Properties["PolicyDocument"], resource.Template);
        if (resource.Properties["PolicyDocument"] is not null && size.Characters > Limit)
        {
            yield return new Violation(
                $"PolicyDocument is {PolicySize.Format(size.Characters)} characters ({size.Counted}), over IAM's limit of {PolicySize.Format(Limit)} for a managed policy; split it into smaller managed policies.");
        }
    }
}
