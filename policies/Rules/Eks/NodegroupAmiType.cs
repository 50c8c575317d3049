using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Eks;

/// <summary>Managed node groups use an AMI type that exists for current Kubernetes versions.</summary>
public sealed class NodegroupAmiType : IPolicyRule
{
    private const string Custom = "CUSTOM";
    private const string ImageIdPath = "LaunchTemplateData.ImageId";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-6",
        PolicyLevel.Error,
        "EKS",
        "EKS node groups set an AmiType that is not Amazon Linux 2",
        "EKS publishes no Amazon Linux 2 AMIs for Kubernetes 1.33 and later (AL2 reached end of life on 2025-11-26): an AL2 node group fails to create or blocks the next cluster upgrade; left unset, CDK 2.160 infers an AL2 type from InstanceTypes.",
        "Set AmiType to an AL2023_* or BOTTLEROCKET_* type (in CDK, AmiType = NodegroupAmiType.AL2023_X86_64_STANDARD or AL2023_ARM_64_STANDARD), or use a launch template that sets LaunchTemplateData.ImageId for a custom AMI.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EKS::Nodegroup");

    private enum CustomImage
    {
        NoLaunchTemplate,
        NoImageId,
        ImageId,
        Unknown,
    }

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var amiNode = resource.Properties["AmiType"];
        if (Cfn.IsIntrinsic(amiNode))
        {
            yield break;
        }

        var amiType = Cfn.AsString(amiNode);
        if (amiType is not null && amiType.StartsWith("AL2_", StringComparison.Ordinal))
        {
            yield return new Violation($"AmiType is {amiType}, an Amazon Linux 2 type with no AMIs for Kubernetes 1.33 and later; set it to an AL2023_* or BOTTLEROCKET_* type.");
            yield break;
        }

        if (amiType is not null && amiType != Custom)
        {
            yield break;
        }

        var image = ImageOf(resource);
        if (image is CustomImage.ImageId or CustomImage.Unknown)
        {
            yield break;
        }

        var launchTemplate = image == CustomImage.NoLaunchTemplate ? "the node group has no launch template" : "the node group's launch template sets no ImageId";
        yield return new Violation(amiType is null
            ? $"AmiType is not set and {launchTemplate}; set AmiType to an AL2023_* or BOTTLEROCKET_* type."
            : $"AmiType is {Custom} but {launchTemplate}; set {ImageIdPath} in a launch template or an AL2023_* or BOTTLEROCKET_* AmiType.");
    }

    /// <summary>Whether the node group's launch template (found in the same template) sets an ImageId.</summary>
    private static CustomImage ImageOf(TemplateResource nodegroup)
    {
        var reference = nodegroup.Properties["LaunchTemplate"];
        if (reference is null)
        {
            return CustomImage.NoLaunchTemplate;
        }

        var launchTemplate = reference is JsonObject && !Cfn.IsIntrinsic(reference)
            ? nodegroup.Template.OfType("AWS::EC2::LaunchTemplate").FirstOrDefault(lt => Cfn.RefersTo(reference, lt.LogicalId))
            : null;
        if (launchTemplate is null || IntrinsicPath.IsUnknown(launchTemplate.Properties, ImageIdPath))
        {
            return CustomImage.Unknown;
        }

        return launchTemplate.Property(ImageIdPath) is null ? CustomImage.NoImageId : CustomImage.ImageId;
    }
}
