using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies;

/// <summary>A CloudFormation template under evaluation, with where it came from.</summary>
public sealed class TemplateDocument
{
    /// <summary>The logical id, path and type that findings of template rules (<see cref="ITemplateRule"/>) carry.</summary>
    public const string TemplateScope = "(template)";

    private readonly Dictionary<string, TemplateResource> _byId;
    private readonly ConcurrentDictionary<string, object> _memo = new(StringComparer.Ordinal);

    /// <summary>Wraps a parsed template.</summary>
    /// <param name="root">The template JSON.</param>
    /// <param name="stackName">The stack (or file) name used in reports.</param>
    /// <param name="filePath">The template's path, for report locations.</param>
    /// <param name="environment">The environment (<c>dev</c>, <c>staging</c>, <c>prod</c>) when known: prod-only rules use it.</param>
    public TemplateDocument(JsonObject root, string stackName, string filePath, string? environment)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root;
        StackName = stackName;
        FilePath = filePath;
        Environment = environment ?? InferEnvironment(root);
        var resources = root["Resources"] as JsonObject ?? new JsonObject();
        Resources = resources
            .Where(r => r.Value is JsonObject)
            .Select(r => new TemplateResource(this, r.Key, (JsonObject)r.Value!))
            .ToList();
        _byId = Resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        Suppressions = TemplateResource.ReadSuppressions(root);
    }

    /// <summary>The template JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The stack name.</summary>
    public string StackName { get; }

    /// <summary>The template file.</summary>
    public string FilePath { get; }

    /// <summary>The environment, from the cloud assembly or else the resources' <c>environment</c> tag; <c>null</c> when unknown.</summary>
    public string? Environment { get; }

    /// <summary>
    /// Whether the stack has termination protection, from the cloud assembly's manifest; <c>null</c> for templates
    /// from elsewhere and for nested stacks (they are deleted with their parent).
    /// </summary>
    public bool? TerminationProtection { get; init; }

    /// <summary>The account the stack deploys to, when the cloud assembly names one; <c>null</c> for templates from elsewhere.</summary>
    public string? Account { get; init; }

    /// <summary>The region the stack deploys to, when the cloud assembly names one (nested stacks take their parent's).</summary>
    public string? Region { get; init; }

    /// <summary>For a nested stack's template, the name of the stack that holds it; <c>null</c> otherwise.</summary>
    public string? ParentStackName { get; init; }

    /// <summary>The size of the template file in bytes as written (what the CDK uploads); <c>null</c> for an in-memory template.</summary>
    public long? FileBytes { get; init; }

    /// <summary>
    /// Suppressions declared in the template's own metadata (<c>Metadata["infra:policy"].suppressions</c>); they apply only
    /// to findings of template rules, never to a resource's findings (there are no stack-wide suppressions).
    /// </summary>
    public IReadOnlyList<Suppression> Suppressions { get; }

    /// <summary>
    /// The profile the template's environment declares (<c>development</c>, <c>preproduction</c>, <c>production</c>),
    /// from the cloud assembly or the <c>--profile</c> option; <c>null</c> when nothing declares one.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>The profile that turns on the production rules.</summary>
    public const string ProductionProfile = "production";

    /// <summary>Whether the template's environment declares the production profile (the production-only rules apply), whatever its name.</summary>
    public bool IsProduction => string.Equals(Profile, ProductionProfile, StringComparison.Ordinal);

    /// <summary>Every resource, in template order.</summary>
    public IReadOnlyList<TemplateResource> Resources { get; }

    /// <summary>The resource with <paramref name="logicalId"/>, if any.</summary>
    public TemplateResource? Find(string logicalId) => _byId.GetValueOrDefault(logicalId);

    /// <summary>The resources of <paramref name="type"/>.</summary>
    public IEnumerable<TemplateResource> OfType(string type) => Resources.Where(r => r.Type == type);

    /// <summary>
    /// A value computed once per template and shared by every rule and resource that asks for it with the same
    /// <paramref name="key"/> (an index of which policies attach to which role, for example): rules run per resource,
    /// and this keeps them from scanning the whole template again for each one.
    /// </summary>
    internal T Memo<T>(string key, Func<TemplateDocument, T> compute)
        where T : class =>
        (T)_memo.GetOrAdd(key, static (_, state) => state.Compute(state.Template), (Template: this, Compute: compute));

    private static string? InferEnvironment(JsonObject root) =>
        (root["Resources"] as JsonObject)?
            .Select(r => r.Value as JsonObject)
            .OfType<JsonObject>()
            .SelectMany(r => Cfn.Items(r["Properties"]?["Tags"]).OfType<JsonObject>())
            .Where(t => Cfn.AsString(t["Key"]) == "environment")
            .Select(t => Cfn.AsString(t["Value"]))
            .FirstOrDefault(v => v is not null);
}

/// <summary>A suppression declared on a resource: a rule (or some of its findings) acknowledged, with the reason.</summary>
/// <param name="RuleId">The rule acknowledged.</param>
/// <param name="Reason">Why, in words a reviewer can judge (at least <see cref="PolicySuppressions.MinimumReasonLength"/> characters).</param>
/// <param name="AppliesTo">Only these finding ids of a granular rule; empty for every finding of the rule.</param>
public sealed record Suppression(string RuleId, string Reason, IReadOnlyList<string> AppliesTo);

/// <summary>One resource of a template.</summary>
public sealed class TemplateResource
{
    internal TemplateResource(TemplateDocument template, string logicalId, JsonObject raw)
    {
        Template = template;
        LogicalId = logicalId;
        Raw = raw;
        Type = Cfn.AsString(raw["Type"]) ?? "";
        Properties = raw["Properties"] as JsonObject ?? new JsonObject();
        Suppressions = ReadSuppressions(raw);
    }

    /// <summary>The template holding the resource.</summary>
    public TemplateDocument Template { get; }

    /// <summary>The logical id.</summary>
    public string LogicalId { get; }

    /// <summary>The CloudFormation type.</summary>
    public string Type { get; }

    /// <summary>The whole resource JSON.</summary>
    public JsonObject Raw { get; }

    /// <summary>The resource's properties (empty when it has none).</summary>
    public JsonObject Properties { get; }

    /// <summary>The construct path (CDK's <c>aws:cdk:path</c> metadata), or the logical id for templates from elsewhere.</summary>
    public string Path => Cfn.AsString(Raw["Metadata"]?["aws:cdk:path"]) ?? LogicalId;

    /// <summary><c>DeletionPolicy</c>, or <c>null</c> (CloudFormation then deletes, except for a few types).</summary>
    public string? DeletionPolicy => Cfn.AsString(Raw["DeletionPolicy"]);

    /// <summary><c>UpdateReplacePolicy</c>, or <c>null</c> (CloudFormation then deletes the old resource).</summary>
    public string? UpdateReplacePolicy => Cfn.AsString(Raw["UpdateReplacePolicy"]);

    /// <summary>The suppressions declared in the resource's metadata.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; }

    /// <summary>A property by dotted path (<c>VersioningConfiguration.Status</c>).</summary>
    public JsonNode? Property(string path) => Cfn.At(Properties, path);

    /// <summary>Types whose tags are the <c>ResourceTags</c> property rather than <c>Tags</c> (AWS Budgets, Cost Explorer).</summary>
    public static IReadOnlySet<string> ResourceTagsTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::Budgets::Budget", "AWS::CE::AnomalyMonitor", "AWS::CE::AnomalySubscription", "AWS::CE::CostCategory",
    };

    /// <summary>The property that holds <paramref name="type"/>'s tags: <c>Tags</c>, or <c>ResourceTags</c>.</summary>
    public static string TagPropertyOf(string type) => ResourceTagsTypes.Contains(type) ? "ResourceTags" : "Tags";

    /// <summary>The property that holds this resource's tags.</summary>
    public string TagProperty => TagPropertyOf(Type);

    /// <summary>The resource's tags, from the list (<c>[{Key, Value}]</c>) or map form; literal values only.</summary>
    public IReadOnlyDictionary<string, string> Tags => Properties[TagProperty] switch
    {
        JsonArray list => list.OfType<JsonObject>()
            .Where(t => Cfn.AsString(t["Key"]) is not null)
            .GroupBy(t => Cfn.AsString(t["Key"])!)
            .ToDictionary(g => g.Key, g => Cfn.AsString(g.Last()["Value"]) ?? "(token)", StringComparer.Ordinal),
        JsonObject map => map.ToDictionary(kv => kv.Key, kv => Cfn.AsString(kv.Value) ?? "(token)", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(StringComparer.Ordinal),
    };

    internal static List<Suppression> ReadSuppressions(JsonObject raw) =>
        Cfn.Items(raw["Metadata"]?[PolicySuppressions.MetadataKey]?["suppressions"])
            .OfType<JsonObject>()
            .Select(s => new Suppression(
                Cfn.AsString(s["id"]) ?? "",
                Cfn.AsString(s["reason"]) ?? "",
                Cfn.Strings(s["appliesTo"]).ToArray()))
            .ToList();
}
