using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.Policies.Rules.DataLoss;
using Infra.Policies.Rules.Eks;

namespace Infra.Stacks.Preview;

/// <summary>
/// Turns the engine's view of one resource into a reviewable change: the kind, every changed value with its impact,
/// whether the resource holds data, and whether the change blocks the pull request.
/// </summary>
public static class ChangeClassifier
{
    /// <summary>The most changed values listed per top-level property; the rest are counted.</summary>
    public const int MaxValuesPerProperty = 8;

    private const int MaxValueLength = 120;

    /// <summary>
    /// Types whose replacement or deletion loses data or takes everything inside down: the policy pack's stateful
    /// types (databases, buckets, keys, clusters, secrets, log groups, tables, file systems, volumes) plus the VPC and
    /// its subnets, whose replacement takes every ENI, node and database in them with it.
    /// </summary>
    public static IReadOnlyDictionary<string, string> StatefulCategories { get; } = BuildCategories();

    /// <summary>Classifies one differing resource.</summary>
    /// <param name="diff">What the engine says about it.</param>
    /// <param name="oldResource">The resource in the base template (<c>null</c> when added).</param>
    /// <param name="newResource">The resource in the head template (<c>null</c> when removed).</param>
    public static ResourceChange Classify(EngineResourceDiff diff, JsonObject? oldResource, JsonObject? newResource)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var type = diff.NewType ?? diff.OldType ?? "?";
        var properties = new List<PropertyChange>();
        if (oldResource is not null && newResource is not null)
        {
            foreach (var (name, impact) in diff.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                AddLeafChanges(properties, name, oldResource["Properties"]?[name], newResource["Properties"]?[name], ToImpact(impact));
            }

            foreach (var name in diff.OtherChanges.Order(StringComparer.Ordinal))
            {
                AddLeafChanges(properties, name, oldResource[name], newResource[name], PropertyImpact.Update);
            }
        }

        var kind = KindOf(diff, type);
        if (type == EksClusterHandler.ResourceType && kind == ChangeKind.Modified)
        {
            properties = EksClusterHandler.Refine(
                properties, ClusterName(oldResource), ClusterName(newResource)).ToList();
            if (properties.Any(p => p.Impact == PropertyImpact.Replace))
            {
                kind = ChangeKind.Replaced;
            }
        }

        // The old type's data is what a replacement or removal loses, even when the new type holds none.
        var category = StatefulCategories.GetValueOrDefault(diff.OldType ?? "") ?? StatefulCategories.GetValueOrDefault(diff.NewType ?? "");
        return new ResourceChange(diff.LogicalId, type, kind, properties, category,
            BlockingReason(kind, category, properties) ?? UnsupportedKubernetesVersion(kind, oldResource, newResource));
    }

    /// <summary>Maps the engine's impact names to ours.</summary>
    public static PropertyImpact ToImpact(string engineImpact) => engineImpact switch
    {
        "WILL_REPLACE" => PropertyImpact.Replace,
        "MAY_REPLACE" => PropertyImpact.MayReplace,
        _ => PropertyImpact.Update,
    };

    private static ChangeKind KindOf(EngineResourceDiff diff, string type) => diff.Impact switch
    {
        "WILL_CREATE" or "WILL_IMPORT" => ChangeKind.Added,
        "WILL_DESTROY" => ChangeKind.Removed,
        "WILL_ORPHAN" => ChangeKind.Orphaned,
        "WILL_REPLACE" => ChangeKind.Replaced,
        "MAY_REPLACE" => ChangeKind.MayBeReplaced,
        // The engine reports NO_CHANGE for changed properties of types it has no specification for (custom
        // resources): the resource still differs, so the provider is called with an update.
        "WILL_UPDATE" or "NO_CHANGE" => ChangeKind.Modified,
        _ => throw new InvalidOperationException($"The diff engine reported an unknown impact '{diff.Impact}' for {diff.LogicalId} ({type})."),
    };

    private static string? BlockingReason(ChangeKind kind, string? category, IReadOnlyList<PropertyChange> properties)
    {
        var failing = properties.FirstOrDefault(p => p.Impact == PropertyImpact.Fails);
        if (failing is not null)
        {
            return $"the deploy would fail: the provider refuses to change {failing.Path}";
        }

        if (category is null)
        {
            return null;
        }

        string Because()
        {
            var causes = properties.Where(p => p.Impact is PropertyImpact.Replace or PropertyImpact.MayReplace).Select(p => p.Path).Distinct().Take(3).ToList();
            return causes.Count > 0 ? $"a change to {string.Join(", ", causes)}" : "the replacement of a resource it references";
        }

        return kind switch
        {
            ChangeKind.Replaced => $"{category} replaced (a new, empty one is created) by {Because()}",
            ChangeKind.MayBeReplaced => $"{category} may be replaced by {Because()}",
            ChangeKind.Removed => $"{category} deleted",
            ChangeKind.Orphaned => $"{category} removed from the stack (retained in AWS, no longer managed; a changed logical id reads like this)",
            _ => null,
        };
    }

    // Lists every changed leaf below a property: intrinsic functions ({"Ref": ...}, {"Fn::...": ...}) count as one
    // value; arrays of the same length are compared item by item.
    private static void AddLeafChanges(List<PropertyChange> changes, string path, JsonNode? oldValue, JsonNode? newValue, PropertyImpact impact)
    {
        var leaves = new List<PropertyChange>();
        CollectLeaves(leaves, path, oldValue, newValue, impact);
        changes.AddRange(leaves.Take(MaxValuesPerProperty));
        if (leaves.Count > MaxValuesPerProperty)
        {
            changes.Add(new PropertyChange($"{path} (+{leaves.Count - MaxValuesPerProperty} more values)", impact, null, null));
        }
    }

    private static void CollectLeaves(List<PropertyChange> leaves, string path, JsonNode? oldValue, JsonNode? newValue, PropertyImpact impact)
    {
        if (JsonNode.DeepEquals(oldValue, newValue))
        {
            return;
        }

        if (oldValue is JsonObject oldObject && newValue is JsonObject newObject && !Cfn.IsIntrinsic(oldObject) && !Cfn.IsIntrinsic(newObject))
        {
            foreach (var key in oldObject.Select(p => p.Key).Union(newObject.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                CollectLeaves(leaves, $"{path}.{key}", oldObject[key], newObject[key], impact);
            }

            return;
        }

        if (oldValue is JsonArray oldArray && newValue is JsonArray newArray && oldArray.Count == newArray.Count)
        {
            for (var i = 0; i < oldArray.Count; i++)
            {
                CollectLeaves(leaves, $"{path}[{i}]", oldArray[i], newArray[i], impact);
            }

            return;
        }

        leaves.Add(new PropertyChange(path, impact, Render(oldValue), Render(newValue)));
    }

    // The literal name, or the JSON of a token (a Ref compares equal to itself too).
    // INFRA-EKS-8 only warns, so an unchanged commit or a rollback always deploys; what blocks is a change that creates
    // a cluster on, or moves one to, a version whose standard support had ended when the support calendar was reviewed.
    private static string? UnsupportedKubernetesVersion(ChangeKind kind, JsonObject? oldResource, JsonObject? newResource)
    {
        var newVersion = KubernetesVersion(newResource);
        if (kind is ChangeKind.Removed or ChangeKind.Orphaned || newVersion is null || newVersion == KubernetesVersion(oldResource)
            || KubernetesSupportCalendar.Find(newVersion) is not { } release || !KubernetesSupportCalendar.IsPastStandardSupport(release))
        {
            return null;
        }

        return $"{(oldResource is null ? "creates an EKS cluster on" : "moves the EKS cluster to")} Kubernetes {newVersion}, whose standard support ended on " +
            $"{KubernetesRelease.Format(release.StandardSupportEnds)} (support calendar reviewed {KubernetesRelease.Format(KubernetesSupportCalendar.ReviewedOn)}); " +
            $"use one of {string.Join(", ", KubernetesSupportCalendar.InStandardSupport)}";
    }

    private static string? KubernetesVersion(JsonObject? resource) => Cfn.AsString((Cfn.AsString(resource?["Type"]) == EksClusterHandler.ResourceType
        ? resource?["Properties"]?["Config"]?["version"]
        : Cfn.AsString(resource?["Type"]) == "AWS::EKS::Cluster" ? resource?["Properties"]?["Version"] : null));

    private static string? ClusterName(JsonObject? resource) =>
        resource?["Properties"]?["Config"]?["name"] is { } name ? Cfn.AsString(name) ?? name.ToJsonString() : null;

    private static string? Render(JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        return text.Length <= MaxValueLength ? text : string.Concat(text.AsSpan(0, MaxValueLength - 1), "…");
    }

    private static Dictionary<string, string> BuildCategories()
    {
        var categories = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS::RDS::DBCluster"] = "database",
            ["AWS::RDS::DBInstance"] = "database",
            ["AWS::RDS::GlobalCluster"] = "database",
            ["AWS::DynamoDB::Table"] = "table",
            ["AWS::S3::Bucket"] = "bucket",
            ["AWS::KMS::Key"] = "KMS key",
            ["AWS::EKS::Cluster"] = "EKS cluster",
            [EksClusterHandler.ResourceType] = "EKS cluster",
            ["AWS::SecretsManager::Secret"] = "secret",
            ["AWS::Logs::LogGroup"] = "log group",
            ["AWS::EFS::FileSystem"] = "file system",
            ["AWS::EC2::Volume"] = "volume",
            ["AWS::Backup::BackupVault"] = "backup vault",
            ["AWS::EC2::VPC"] = "VPC",
            ["AWS::EC2::Subnet"] = "subnet",
        };
        var missing = StatefulResourcesRetainedInProd.StatefulTypes.Where(t => !categories.ContainsKey(t)).ToList();
        return missing.Count == 0
            ? categories
            : throw new InvalidOperationException($"Name a category for the policy pack's stateful types: {string.Join(", ", missing)}.");
    }
}
