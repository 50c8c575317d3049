using System.Collections.Generic;

namespace Infra.Policies.Rules.Ec2;

/// <summary>Launch templates require IMDSv2 session tokens.</summary>
public sealed class LaunchTemplateRequiresImdsV2 : IPolicyRule
{
    private const string Path = "LaunchTemplateData.MetadataOptions.HttpTokens";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EC2-3",
        PolicyLevel.Error,
        "EC2",
        "Launch templates require IMDSv2",
        "With IMDSv1 a single server-side request forgery (an app fetching a URL it was given) returns the instance role's credentials from 169.254.169.254; IMDSv2's session token blocks that.",
        "Set LaunchTemplateData.MetadataOptions.HttpTokens to required (in CDK, RequireImdsv2 = true or HttpTokens = LaunchTemplateHttpTokens.REQUIRED on LaunchTemplateProps).",
        CdkNag: "NIST.800.53.R5-EC2IMDSv2Enabled",
        Checkov: "CKV_AWS_79");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EC2::LaunchTemplate");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (IntrinsicPath.IsUnknown(resource.Properties, Path))
        {
            yield break;
        }

        var tokens = Cfn.AsString(resource.Property(Path));
        if (tokens != "required")
        {
            yield return new Violation($"{Path} is {tokens ?? "not set"}; set it to required.");
        }
    }
}
