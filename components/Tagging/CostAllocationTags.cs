using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace Infra.Components.Tagging;

/// <summary>
/// Applies cost-allocation tags to every taggable resource in its scope, including the ones CDK 2.160's tag manager
/// leaves bare: interface and gateway VPC endpoints (2.160's L1 has no <c>Tags</c>, CloudFormation does) and the Lambda
/// functions and IAM roles of the CDK's own custom-resource providers (emitted as raw <c>CfnResource</c>s). Without
/// it, those resources' cost cannot be allocated. Use it instead of <c>Tags.Of(scope).Add</c>:
/// <c>CostAllocationTags.Apply(stage, tags)</c>.
/// </summary>
public sealed class CostAllocationTags : DeputyBase, IAspect
{
    /// <summary>The resource types 2.160 cannot tag through <c>Tags.Of</c> that this aspect tags with an L1 override.</summary>
    public static IReadOnlySet<string> OverriddenTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::EC2::VPCEndpoint", "AWS::Lambda::Function", "AWS::IAM::Role",
    };

    /// <summary>
    /// Types whose tags are a <c>ResourceTags</c> list the tag manager never fills (AWS Budgets, Cost Explorer): the
    /// aspect writes it. Cost Explorer replaces a monitor or subscription whose tags change, so keep the tags stable.
    /// </summary>
    public static IReadOnlySet<string> ResourceTagsTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::Budgets::Budget", "AWS::CE::AnomalyMonitor", "AWS::CE::AnomalySubscription",
    };

    private readonly IReadOnlyDictionary<string, string> _tags;

    private CostAllocationTags(IReadOnlyDictionary<string, string> tags) => _tags = tags;

    /// <summary>Tags every taggable resource under <paramref name="scope"/> with <paramref name="tags"/>.</summary>
    public static void Apply(IConstruct scope, IReadOnlyDictionary<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(tags);
        foreach (var (key, value) in tags)
        {
            Amazon.CDK.Tags.Of(scope).Add(key, value);
        }

        Aspects.Of(scope).Add(new CostAllocationTags(tags));
    }

    /// <inheritdoc />
    public void Visit(IConstruct node)
    {
        // Only resources the tag manager does not reach: 2.160's CfnVPCEndpoint, and raw CfnResources (the CDK's
        // provider functions and roles) whose typed L1 classes would have been tagged.
        if (node is not CfnResource resource)
        {
            return;
        }

        if (OverriddenTypes.Contains(resource.CfnResourceType)
            && (resource is Amazon.CDK.AWS.EC2.CfnVPCEndpoint || resource.GetType() == typeof(CfnResource)))
        {
            resource.AddPropertyOverride("Tags", TagList());
        }
        else if (ResourceTagsTypes.Contains(resource.CfnResourceType))
        {
            resource.AddPropertyOverride("ResourceTags", TagList());
        }
    }

    private Dictionary<string, object>[] TagList() => _tags
        .OrderBy(t => t.Key, StringComparer.Ordinal)
        .Select(t => new Dictionary<string, object> { ["Key"] = t.Key, ["Value"] = t.Value })
        .ToArray();
}
