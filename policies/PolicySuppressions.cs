using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Constructs;

namespace Infra.Policies;

/// <summary>
/// Acknowledges a rule on one resource, with a reason, from C#. The suppression is written into the resource's template
/// metadata (<c>Metadata["infra:policy"].suppressions</c>), so it travels with the template and shows in every report.
/// </summary>
public static class PolicySuppressions
{
    /// <summary>The template metadata key suppressions are written under.</summary>
    public const string MetadataKey = "infra:policy";

    /// <summary>A reason shorter than this says nothing a reviewer can judge.</summary>
    public const int MinimumReasonLength = 10;

    /// <summary>
    /// Suppresses <paramref name="ruleId"/> on <paramref name="construct"/> (a CloudFormation resource, or an L2 whose
    /// default child is one). Pass <paramref name="appliesTo"/> to suppress only some findings of a granular rule.
    /// </summary>
    /// <exception cref="ArgumentException">The reason is shorter than <see cref="MinimumReasonLength"/> characters, or the construct has no CloudFormation resource.</exception>
    public static void Add(IConstruct construct, string ruleId, string reason, params string[] appliesTo)
    {
        ArgumentNullException.ThrowIfNull(construct);
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleId);
        if (reason is null || reason.Trim().Length < MinimumReasonLength)
        {
            throw new ArgumentException(
                $"Suppressing {ruleId} on '{construct.Node.Path}' needs a reason of at least {MinimumReasonLength} characters (got '{reason}'): say why the rule does not apply here.",
                nameof(reason));
        }

        var resource = construct as CfnResource ?? construct.Node.DefaultChild as CfnResource
            ?? throw new ArgumentException($"'{construct.Node.Path}' is not a CloudFormation resource and has none as its default child; suppress on the resource itself.", nameof(construct));

        var existing = (resource.GetMetadata(MetadataKey) as IDictionary<string, object>)?["suppressions"] as object[] ?? [];
        var entry = new Dictionary<string, object> { ["id"] = ruleId, ["reason"] = reason.Trim() };
        if (appliesTo.Length > 0)
        {
            entry["appliesTo"] = appliesTo;
        }

        resource.AddMetadata(MetadataKey, new Dictionary<string, object> { ["suppressions"] = existing.Append(entry).ToArray() });
    }
}
