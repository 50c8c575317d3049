using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Infra.Policies.Rules.DataLoss;

/// <summary>
/// In environments that declare protection (profile <c>preproduction</c> or <c>production</c>), every database, data
/// bucket and persistent volume is selected by an AWS Backup plan: by ARN (literal, <c>Fn::GetAtt</c>, an import of
/// another stack's export, a <c>Fn::Join</c>/<c>Fn::Sub</c> of literals and pseudo parameters) or by tag. Buckets that
/// receive logs, replicas of a replicated bucket and secondary members of a global database are covered through what
/// they copy. Volumes that CloudFormation never sees (a cluster's) are judged by the tags the EBS CSI add-on puts on them.
/// </summary>
public sealed partial class StatefulResourcesBackedUp : EnvironmentRule
{
    /// <summary>The profiles that declare protection.</summary>
    public static IReadOnlySet<string> ProtectedProfiles { get; } = new HashSet<string>(StringComparer.Ordinal) { "preproduction", "production" };

    /// <summary>The types whose data a backup plan must cover.</summary>
    public static IReadOnlySet<string> DataTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::S3::Bucket", "AWS::DynamoDB::Table", "AWS::EFS::FileSystem", "AWS::EC2::Volume",
    };

    /// <inheritdoc />
    public override RuleInfo Info { get; } = new(
        "INFRA-DATA-4",
        PolicyLevel.Error,
        "DataLoss",
        "In preproduction and production, every database, data bucket and persistent volume is in a backup plan",
        "Replicas and retain policies copy or keep a mistake: a bad migration, a deleted prefix or a mass delete reaches the replica within seconds. Only a backup outside the resource's lifecycle, kept for a retention, brings the data back as it was before.",
        "Select the resource in an AWS::Backup::BackupSelection of the environment: by ARN (Resources) or by a tag it carries (ListOfTags). For the platform's volumes, put the selected tag in the EBS CSI add-on's controller.extraVolumeTags. The environment file's recovery section does all of this (docs/configuration.md).");

    /// <inheritdoc />
    public override IEnumerable<EnvironmentViolation> CheckEnvironment(IReadOnlyList<TemplateDocument> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        if (!templates.Any(t => t.Profile is { } p && ProtectedProfiles.Contains(p)))
        {
            yield break;
        }

        var selections = templates.SelectMany(t => t.OfType("AWS::Backup::BackupSelection")).Select(s => Selection.Of(s, templates)).ToList();
        var logTargets = LogTargets(templates);
        var replicas = ReplicationDestinations(templates);
        var globalHomes = templates.SelectMany(t => t.OfType("AWS::RDS::GlobalCluster")).Select(g => Cfn.AsString(g.Properties["GlobalClusterIdentifier"])).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var resource in templates.SelectMany(t => t.Resources))
        {
            if (resource.Type == "AWS::EKS::Addon")
            {
                if (VolumeViolation(resource, selections) is { } volume)
                {
                    yield return new EnvironmentViolation(resource, volume);
                }

                continue;
            }

            if (!DataTypes.Contains(resource.Type) || Exempt(resource, logTargets, replicas, globalHomes) || selections.Any(s => s.Covers(resource)))
            {
                continue;
            }

            yield return new EnvironmentViolation(resource, new Violation(
                $"No backup selection of this environment covers this {resource.Type}{Named(resource)}: neither by ARN nor by a tag it carries. Add it to a backup plan's selection (the environment file's recovery section)."));
        }
    }

    private static string Named(TemplateResource resource) => Identifier(resource) is { } id ? $" ({id})" : "";

    // The literal name a resource is known by in ARNs.
    private static string? Identifier(TemplateResource r) => r.Type switch
    {
        "AWS::RDS::DBCluster" => Cfn.AsString(r.Properties["DBClusterIdentifier"]),
        "AWS::RDS::DBInstance" => Cfn.AsString(r.Properties["DBInstanceIdentifier"]),
        "AWS::S3::Bucket" => Cfn.AsString(r.Properties["BucketName"]),
        "AWS::DynamoDB::Table" => Cfn.AsString(r.Properties["TableName"]),
        _ => null,
    };

    // Its ARN when its name is literal and its stack's account and region are known (a bucket needs neither).
    private static string? Arn(TemplateResource r)
    {
        var id = Identifier(r);
        var (region, account) = (r.Template.Region ?? "*", r.Template.Account ?? "*");
        return id is null ? null : r.Type switch
        {
            "AWS::RDS::DBCluster" => $"arn:aws:rds:{region}:{account}:cluster:{id}",
            "AWS::RDS::DBInstance" => $"arn:aws:rds:{region}:{account}:db:{id}",
            "AWS::S3::Bucket" => $"arn:aws:s3:::{id}",
            "AWS::DynamoDB::Table" => $"arn:aws:dynamodb:{region}:{account}:table/{id}",
            _ => null,
        };
    }

    // Covered through what they copy or hold: log buckets hold logs, not data; a replica is restored from its source's
    // backups; a global database's secondary member replicates its home member (the template that creates the global cluster).
    private static bool Exempt(TemplateResource r, HashSet<(TemplateDocument, string)> logTargets, HashSet<(TemplateDocument, string)> replicas, HashSet<string> globalHomes) => r.Type switch
    {
        "AWS::RDS::DBInstance" => r.Properties["DBClusterIdentifier"] is not null,
        "AWS::RDS::DBCluster" => Cfn.AsString(r.Properties["GlobalClusterIdentifier"]) is { } global && globalHomes.Contains(global)
            && !r.Template.OfType("AWS::RDS::GlobalCluster").Any(g => Cfn.AsString(g.Properties["GlobalClusterIdentifier"]) == global),
        "AWS::S3::Bucket" => logTargets.Contains((r.Template, r.LogicalId)) || replicas.Contains((r.Template, r.LogicalId)),
        _ => false,
    };

    // Buckets that receive server access logs or flow logs.
    private static HashSet<(TemplateDocument, string)> LogTargets(IReadOnlyList<TemplateDocument> templates)
    {
        var targets = new HashSet<(TemplateDocument, string)>();
        foreach (var template in templates)
        {
            foreach (var r in template.Resources)
            {
                var target = r.Type switch
                {
                    "AWS::S3::Bucket" => r.Property("LoggingConfiguration.DestinationBucketName"),
                    "AWS::EC2::FlowLog" => r.Properties["LogDestination"],
                    "AWS::CloudTrail::Trail" => r.Properties["S3BucketName"],
                    _ => null,
                };
                if (target is not null && template.Resources.FirstOrDefault(b => b.Type == "AWS::S3::Bucket" && Cfn.RefersTo(target, b.LogicalId)) is { } bucket)
                {
                    targets.Add((template, bucket.LogicalId));
                }
            }
        }

        return targets;
    }

    // Buckets another bucket replicates into (by a literal ARN, in any template of the environment).
    private static HashSet<(TemplateDocument, string)> ReplicationDestinations(IReadOnlyList<TemplateDocument> templates)
    {
        var arns = templates.SelectMany(t => t.OfType("AWS::S3::Bucket"))
            .SelectMany(b => Cfn.Items(b.Property("ReplicationConfiguration.Rules")))
            .Select(rule => Render(rule?["Destination"]?["Bucket"], null))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return templates.SelectMany(t => t.OfType("AWS::S3::Bucket"))
            .Where(b => Arn(b) is { } arn && arns.Contains(arn))
            .Select(b => (b.Template, b.LogicalId))
            .ToHashSet();
    }

    private static Violation? VolumeViolation(TemplateResource addon, IReadOnlyList<Selection> selections)
    {
        if (Cfn.AsString(addon.Properties["AddonName"]) != "aws-ebs-csi-driver")
        {
            return null;
        }

        var tags = VolumeTags(Cfn.AsString(addon.Properties["ConfigurationValues"]));
        if (selections.Any(s => s.CoversTags(tags)))
        {
            return null;
        }

        return new Violation(tags.Count == 0
            ? "The EBS CSI driver puts no tag of its own on the volumes it creates (controller.extraVolumeTags is not set), so no backup selection can select the platform's persistent volumes. Set a tag there and select it in a backup plan."
            : $"No backup selection of this environment selects the tags the EBS CSI driver puts on the platform's volumes ({string.Join(", ", tags.Select(t => $"{t.Key}={t.Value}"))}); select one of them in a backup plan.");
    }

    // controller.extraVolumeTags of the add-on's configuration (JSON); none when it is absent or not literal.
    private static Dictionary<string, string> VolumeTags(string? configuration)
    {
        if (configuration is null)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        try
        {
            return (JsonNode.Parse(configuration)?["controller"]?["extraVolumeTags"] as JsonObject)?
                .Where(kv => Cfn.AsString(kv.Value) is not null)
                .ToDictionary(kv => kv.Key, kv => Cfn.AsString(kv.Value)!, StringComparer.Ordinal)
                ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }

    // A literal, or a Fn::Join / Fn::Sub of literals and the partition, region, account and URL suffix of the template.
    private static string? Render(JsonNode? node, TemplateDocument? template)
    {
        if (Cfn.AsString(node) is { } literal)
        {
            return literal;
        }

        if (node is JsonObject { Count: 1 } o)
        {
            if (o["Ref"] is JsonValue r && Pseudo(Cfn.AsString(r), template) is { } pseudo)
            {
                return pseudo;
            }

            if (o["Fn::Join"] is JsonArray { Count: 2 } join && Cfn.AsString(join[0]) is { } separator && join[1] is JsonArray parts)
            {
                var rendered = parts.Select(p => Render(p, template)).ToList();
                return rendered.Any(p => p is null) ? null : string.Join(separator, rendered);
            }

            if (o["Fn::Sub"] is JsonValue sub && Cfn.AsString(sub) is { } text)
            {
                var result = SubVariable().Replace(text, m => Pseudo(m.Groups[1].Value, template) ?? "\u0000");
                return result.Contains('\u0000', StringComparison.Ordinal) ? null : result;
            }
        }

        return null;
    }

    private static string? Pseudo(string? name, TemplateDocument? template) => name switch
    {
        "AWS::Partition" => "aws",
        "AWS::URLSuffix" => "amazonaws.com",
        "AWS::Region" => template?.Region ?? "*",
        "AWS::AccountId" => template?.Account ?? "*",
        _ => null,
    };

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex SubVariable();

    /// <summary>What one backup selection selects: resources (by template and logical id), ARN patterns, and tag conditions.</summary>
    private sealed class Selection
    {
        private readonly HashSet<(TemplateDocument, string)> _resources = [];
        private readonly List<string> _arns = [];
        private readonly List<KeyValuePair<string, string>> _anyOfTags = [];
        private readonly List<KeyValuePair<string, string>> _allOfTags = [];
        private bool _everything;

        public static Selection Of(TemplateResource selection, IReadOnlyList<TemplateDocument> templates)
        {
            var s = new Selection();
            var body = selection.Properties["BackupSelection"];
            foreach (var item in Cfn.Items(body?["Resources"]))
            {
                s.AddResource(item, selection.Template, templates);
            }

            foreach (var tag in Cfn.Items(body?["ListOfTags"]).OfType<JsonObject>())
            {
                if (Cfn.AsString(tag["ConditionKey"]) is { } key && Cfn.AsString(tag["ConditionValue"]) is { } value)
                {
                    s._anyOfTags.Add(KeyValuePair.Create(key, value));
                }
            }

            foreach (var condition in Cfn.Items(body?["Conditions"]?["StringEquals"]).OfType<JsonObject>())
            {
                if (Cfn.AsString(condition["ConditionKey"]) is { } key && key.StartsWith("aws:ResourceTag/", StringComparison.Ordinal)
                    && Cfn.AsString(condition["ConditionValue"]) is { } value)
                {
                    s._allOfTags.Add(KeyValuePair.Create(key["aws:ResourceTag/".Length..], value));
                }
            }

            return s;
        }

        public bool Covers(TemplateResource r) =>
            _resources.Contains((r.Template, r.LogicalId))
            || (Arn(r) is { } arn && _arns.Any(a => Glob(a).IsMatch(arn) || Glob(arn).IsMatch(a)))
            || CoversTags(r.Tags);

        // ListOfTags entries are alternatives; Conditions must all hold as well. "*" with conditions only selects by them.
        public bool CoversTags(IReadOnlyDictionary<string, string> tags)
        {
            bool Has(KeyValuePair<string, string> t) => tags.TryGetValue(t.Key, out var v) && v == t.Value;
            var any = _anyOfTags.Count > 0 ? _anyOfTags.Any(Has) : _everything || (_allOfTags.Count > 0 && _arns.Count == 0 && _resources.Count == 0);
            return any && _allOfTags.All(Has);
        }

        private void AddResource(JsonNode? item, TemplateDocument template, IReadOnlyList<TemplateDocument> templates)
        {
            if (item is JsonObject { Count: 1 } o && o["Fn::ImportValue"] is { } import && Cfn.AsString(import) is { } exportName)
            {
                foreach (var (exporting, value) in Exports(templates, exportName))
                {
                    AddResource(value, exporting, templates);
                }

                return;
            }

            if (item is JsonObject { Count: 1 } g && g["Fn::GetAtt"] is JsonArray { Count: 2 } getAtt && Cfn.AsString(getAtt[0]) is { } id)
            {
                _resources.Add((template, id));
                return;
            }

            if (item is JsonObject { Count: 1 } r && r["Ref"] is JsonValue reference && Cfn.AsString(reference) is { } refId && template.Find(refId) is not null)
            {
                _resources.Add((template, refId));
                return;
            }

            if (Render(item, template) is { } arn)
            {
                if (arn == "*")
                {
                    _everything = true;
                    return;
                }

                _arns.Add(arn);
            }
        }

        // An ARN whose * (a wildcard of the selection, or a part of the resource's ARN synth cannot know) matches anything.
        private static Regex Glob(string arn) => new("^" + string.Join(".*", arn.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);

        private static IEnumerable<(TemplateDocument Template, JsonNode? Value)> Exports(IReadOnlyList<TemplateDocument> templates, string name) =>
            templates.SelectMany(t => (t.Root["Outputs"] as JsonObject ?? [])
                .Select(o => o.Value)
                .Where(o => Cfn.AsString(o?["Export"]?["Name"]) == name)
                .Select(o => (t, o?["Value"])));
    }
}
