using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Tags;

/// <summary>Tags fit AWS's tag limits: 50 user tags, keys of 128 and values of 256 characters, no <c>aws:</c> keys.</summary>
public sealed class TagLimits : AnyResourceRule
{
    /// <summary>The most user tags a resource may carry (the reserved <c>aws:</c> tags do not count).</summary>
    public const int MaxTags = 50;

    /// <summary>The longest tag key, in Unicode characters.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The longest tag value, in Unicode characters.</summary>
    public const int MaxValueLength = 256;

    /// <summary>The prefix AWS reserves for its own tags, in any case.</summary>
    public const string ReservedPrefix = "aws:";

    /// <inheritdoc />
    public override RuleInfo Info { get; } = new(
        "INFRA-TAGS-2",
        PolicyLevel.Error,
        "Tags",
        "Tags fit AWS's limits: at most 50 per resource, keys up to 128 and values up to 256 characters, no 'aws:' keys",
        "The service refuses the whole resource when one tag breaks a limit, so the deploy fails; tags applied at the stage reach every resource, so one long cost-center value or a 51st tag breaks every stack at once.",
        "Drop or merge tags (the stage's CostAllocationTags and discovery tags add up), shorten the key or value, and never write keys starting with 'aws:' (AWS reserves them for its own tags).");

    /// <inheritdoc />
    public override IEnumerable<Violation> Check(TemplateResource resource)
    {
        foreach (var (path, tags) in TagSets(resource))
        {
            var userTags = tags.Where(t => t.Key is null || !IsReserved(t.Key)).Count();
            if (userTags > MaxTags)
            {
                yield return new Violation($"{path} has {userTags} tags, over the limit of {MaxTags} per resource; drop or merge tags.", $"{path}::Count");
            }

            foreach (var (key, value) in tags)
            {
                if (key is null)
                {
                    continue;
                }

                if (IsReserved(key))
                {
                    yield return new Violation($"{path} key '{key}' starts with 'aws:', which AWS reserves for its own tags; rename the key.", $"{path}::{key}");
                }

                if (Length(key) > MaxKeyLength)
                {
                    yield return new Violation($"{path} key '{key[..20]}...' is {Length(key)} characters, over the limit of {MaxKeyLength}; shorten it.", $"{path}::{key}");
                }

                if (value is not null && Length(value) > MaxValueLength)
                {
                    yield return new Violation($"{path} value of '{key}' is {Length(value)} characters, over the limit of {MaxValueLength}; shorten it.", $"{path}::{key}");
                }
            }
        }
    }

    private static bool IsReserved(string key) => key.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase);

    // Unicode characters (a surrogate pair is one).
    private static int Length(string text) => text.EnumerateRunes().Count();

    // Tags in list form ([{Key, Value}], also the Auto Scaling group's with PropagateAtLaunch) or map form ({key: value},
    // EKS node groups, SSM parameters), on the resource and in a launch template's tag specifications. Keys or values
    // given by intrinsics count as tags but their text is not judged; a Tags property that is itself an intrinsic is skipped.
    private static IEnumerable<(string Path, List<(string? Key, string? Value)> Tags)> TagSets(TemplateResource resource)
    {
        if (Read(resource.Properties[resource.TagProperty]) is { } tags)
        {
            yield return (resource.TagProperty, tags);
        }

        var specifications = resource.Property("LaunchTemplateData.TagSpecifications") as JsonArray;
        for (var i = 0; i < (specifications?.Count ?? 0); i++)
        {
            if (Read(specifications![i]?["Tags"]) is { } specified)
            {
                yield return ($"LaunchTemplateData.TagSpecifications[{i}].Tags", specified);
            }
        }
    }

    private static List<(string? Key, string? Value)>? Read(JsonNode? tags) => tags switch
    {
        JsonArray list => list.Where(t => !IntrinsicResolver.IsNoValue(t))
            .Select(t => t is JsonObject o ? (Cfn.AsString(o["Key"]), Cfn.AsString(o["Value"])) : ((string?)null, (string?)null)).ToList(),
        JsonObject map when !Cfn.IsIntrinsic(map) => map.Select(kv => ((string?)kv.Key, Cfn.AsString(kv.Value))).ToList(),
        _ => null,
    };
}
