using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.CloudFormation;

/// <summary>A template stays within CloudFormation's template limits.</summary>
public sealed class TemplateLimits : TemplateRule
{
    /// <summary>The largest template body CloudFormation reads from S3 (the CDK uploads every template as an asset).</summary>
    public const long MaxBodyBytes = 1_048_576;

    /// <summary>The most resources one template may declare.</summary>
    public const int MaxResources = 500;

    /// <summary>The most outputs, parameters and mappings one template may declare (each).</summary>
    public const int MaxOutputsParametersMappings = 200;

    /// <summary>The longest logical id of a resource, output, parameter or mapping.</summary>
    public const int MaxLogicalIdLength = 255;

    /// <summary>The longest template Description, in bytes.</summary>
    public const int MaxDescriptionBytes = 1_024;

    private static readonly (string Section, int Max)[] Sections =
        [("Resources", MaxResources), ("Outputs", MaxOutputsParametersMappings), ("Parameters", MaxOutputsParametersMappings), ("Mappings", MaxOutputsParametersMappings)];

    /// <inheritdoc />
    public override RuleInfo Info { get; } = new(
        "INFRA-CFN-2",
        PolicyLevel.Error,
        "CloudFormation",
        "Templates stay within CloudFormation's limits (1 MB body, 500 resources, 200 outputs, parameters and mappings, 255-character logical ids, 1,024-byte description)",
        "CloudFormation rejects a template over any of its limits before it changes anything, so the deploy of that stack (and every stack after it) fails; large platform stacks reach 500 resources sooner than expected.",
        "Split the stack by lifecycle (a NestedStack or another stack), shorten construct ids, or move outputs to SSM parameters. The body size is the file the CDK uploads (or compact JSON for a template in memory).");

    /// <inheritdoc />
    public override IEnumerable<Violation> CheckTemplate(TemplateDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = document.FileBytes ?? Encoding.UTF8.GetByteCount(document.Root.ToJsonString());
        if (bytes > MaxBodyBytes)
        {
            yield return new Violation($"The template body is {RuleValues.Count(bytes)} bytes, over CloudFormation's limit of {RuleValues.Count(MaxBodyBytes)} bytes for a template read from S3; split the stack.", "BodySize");
        }

        foreach (var (section, max) in Sections)
        {
            if (document.Root[section] is not JsonObject entries)
            {
                continue;
            }

            if (entries.Count > max)
            {
                yield return new Violation($"{section} declares {RuleValues.Count(entries.Count)} entries, over CloudFormation's limit of {RuleValues.Count(max)}; split the stack.", $"{section}::Count");
            }

            foreach (var (id, _) in entries.Where(e => e.Key.Length > MaxLogicalIdLength))
            {
                yield return new Violation($"{section} logical id '{id[..40]}...' is {RuleValues.Count(id.Length)} characters, over CloudFormation's limit of {MaxLogicalIdLength}; shorten the construct id.", $"{section}::{id}");
            }
        }

        if (Cfn.AsString(document.Root["Description"]) is { } description && Encoding.UTF8.GetByteCount(description) is var length && length > MaxDescriptionBytes)
        {
            yield return new Violation($"Description is {RuleValues.Count(length)} bytes, over CloudFormation's limit of {RuleValues.Count(MaxDescriptionBytes)}; shorten it.", "Description");
        }
    }
}
