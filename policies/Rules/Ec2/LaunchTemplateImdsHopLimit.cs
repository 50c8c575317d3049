using System.Collections.Generic;

namespace Infra.Policies.Rules.Ec2;

/// <summary>Launch templates set a low IMDS hop limit.</summary>
public sealed class LaunchTemplateImdsHopLimit : IPolicyRule
{
    private const string Path = "LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit";

    /// <summary>The highest hop limit allowed: one hop for a container on the host network bridge.</summary>
    public const long MaximumHopLimit = 2;

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EC2-4",
        PolicyLevel.Warning,
        "EC2",
        "Launch templates set the IMDS hop limit to 1 or 2",
        "The hop limit decides who can reach IMDS and take the instance role's credentials: 1 keeps it to the host, 2 lets containers one hop away in, more lets anything routed through the host in; unset, it follows the AMI or account default, which can change under you.",
        "Set LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit to 1 for nodes (pods use Pod Identity or IRSA), or 2 where containers must reach IMDS (in CDK, HttpPutResponseHopLimit on LaunchTemplateProps).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EC2::LaunchTemplate");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (IntrinsicPath.IsUnknown(resource.Properties, Path))
        {
            yield break;
        }

        var node = resource.Property(Path);
        if (node is null || Cfn.AsLong(node) is not (>= 1 and <= MaximumHopLimit))
        {
            var found = node is null ? "not set" : Cfn.AsString(node) ?? node.ToJsonString();
            yield return new Violation($"{Path} is {found}; set it to 1 (2 for containers that need IMDS).");
        }
    }
}
