using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Policies;

/// <summary>A stack of a cloud assembly (<c>cdk.out</c>), nested stage assemblies included.</summary>
public sealed record AssemblyStack(string Stage, string StackName, string Account, string Region, string TemplateFile, bool TerminationProtection)
{
    /// <summary>The stack's artifact id in its manifest (what other stacks' dependencies name).</summary>
    public string ArtifactId { get; init; } = StackName;

    /// <summary>The artifact ids of the stacks this one deploys after (asset manifests left out).</summary>
    public IReadOnlyList<string> Dependencies { get; init; } = [];

    /// <summary>The construct metadata the manifest holds for the stack, by construct path.</summary>
    public JsonObject Metadata { get; init; } = [];

    /// <summary>
    /// The construct-metadata type under which a stack declares its environment: <c>{"name": "prod", "profile":
    /// "production"}</c>. It lives in the cloud assembly's manifest, not in the template.
    /// </summary>
    public const string EnvironmentMetadataType = "infra:environment";

    /// <summary>The environment: the name the stack declares, else the stage name in lower case (<c>Prod</c> is <c>prod</c>).</summary>
    public string Environment => Cfn.AsString(Declared?["name"]) ?? Stage.ToLowerInvariant();

    /// <summary>
    /// The profile the stack's environment declares (<c>development</c>, <c>preproduction</c>, <c>production</c>);
    /// <c>null</c> for stacks that declare none. The policy pack's production rules follow it.
    /// </summary>
    public string? Profile => Cfn.AsString(Declared?["profile"]);

    private JsonNode? Declared => Metadata
        .SelectMany(path => Cfn.Items(path.Value))
        .FirstOrDefault(entry => Cfn.AsString(entry?["type"]) == EnvironmentMetadataType)?["data"];
}

/// <summary>Finds templates: the stacks of a cloud assembly, or loose JSON and YAML templates from anywhere.</summary>
public static class TemplateLoader
{
    /// <summary>Every stack of the cloud assembly in <paramref name="directory"/> and any context the synth found missing.</summary>
    public static (IReadOnlyList<AssemblyStack> Stacks, IReadOnlyList<string> MissingContext) ReadAssembly(string directory)
    {
        var stacks = new List<AssemblyStack>();
        var missing = new List<string>();
        ReadAssembly(directory, "", stacks, missing);
        return (stacks, missing);
    }

    /// <summary>
    /// The templates at <paramref name="path"/>: a cloud assembly directory (has <c>manifest.json</c>; its stacks and
    /// their nested stacks, the stage name being the environment), another directory (every <c>*.json</c>, <c>*.yaml</c>, <c>*.yml</c> and <c>*.template</c> below
    /// it), or one file. <paramref name="environment"/> overrides the environment of every template.
    /// </summary>
    public static IReadOnlyList<TemplateDocument> Load(string path, string? environment = null, string? profile = null)
    {
        if (Directory.Exists(path) && File.Exists(Path.Combine(path, "manifest.json")))
        {
            var stacks = ReadAssembly(path).Stacks;
            var topLevel = stacks
                .Select(s => new TemplateDocument(ParseFile(s.TemplateFile), s.StackName, s.TemplateFile, environment ?? NullIfEmpty(s.Environment))
                {
                    Profile = profile ?? s.Profile,
                    TerminationProtection = s.TerminationProtection,
                    Account = Known(s.Account), Region = Known(s.Region), FileBytes = new FileInfo(s.TemplateFile).Length,
                })
                .ToList();
            // Nested stacks (the CDK's EKS providers, for example) are assets beside their parents' templates; they deploy
            // to their parent's account and region (the parent names the asset in its AWS::CloudFormation::Stack's metadata,
            // or, when the synth wrote no asset metadata, holds that resource at the nested stack's construct path).
            var parents = NestedStackParents(topLevel);
            var nested = stacks
                .GroupBy(s => Path.GetDirectoryName(s.TemplateFile)!)
                .SelectMany(stage => Directory.EnumerateFiles(stage.Key, "*.nested.template.json").Order(StringComparer.Ordinal)
                    .Select(f => (File: f, Root: ParseFile(f)))
                    .Select(f => (f.File, f.Root, Parent: parents.GetValueOrDefault(Path.GetFullPath(f.File)) ?? ParentByPath(f.Root, topLevel)))
                    .Select(n => new TemplateDocument(n.Root, Path.GetFileName(n.File).Replace(".nested.template.json", "", StringComparison.Ordinal), n.File, environment ?? NullIfEmpty(stage.First().Environment))
                    {
                        Profile = profile ?? stage.First().Profile,
                        Account = n.Parent?.Account, Region = n.Parent?.Region, FileBytes = new FileInfo(n.File).Length, ParentStackName = n.Parent?.StackName,
                    }));
            return topLevel.Concat(nested).ToList();
        }

        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".template", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"No template or folder at '{path}'.", path);
        var templates = files
            .Select(f => (File: f, Root: ParseFile(f)))
            .Where(t => t.Root["Resources"] is JsonObject)
            .Select(t => new TemplateDocument(t.Root, Path.GetFileNameWithoutExtension(t.File).Replace(".template", "", StringComparison.Ordinal), t.File, environment)
            {
                Profile = profile,
                FileBytes = new FileInfo(t.File).Length,
            })
            .ToList();
        return templates.Count > 0
            ? templates
            : throw new InvalidDataException($"No CloudFormation template (a JSON or YAML file with a Resources section) at '{path}'; point at a cloud assembly (cdk.out), a folder of templates or one template.");
    }

    // The CDK writes unknown-account / unknown-region for environment-agnostic stacks.
    private static string? Known(string value) => value.Length == 0 || value.StartsWith("unknown-", StringComparison.Ordinal) ? null : value;

    // The parent template of each nested template file (by full path), from the parents' aws:asset:path metadata.
    private static Dictionary<string, TemplateDocument> NestedStackParents(IEnumerable<TemplateDocument> parents)
    {
        var map = new Dictionary<string, TemplateDocument>(StringComparer.Ordinal);
        foreach (var parent in parents)
        {
            foreach (var stack in parent.OfType("AWS::CloudFormation::Stack"))
            {
                if (Cfn.AsString(stack.Raw["Metadata"]?["aws:asset:path"]) is { } asset)
                {
                    map.TryAdd(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(parent.FilePath)!, asset)), parent);
                }
            }
        }

        return map;
    }

    // The top-level template holding the AWS::CloudFormation::Stack of a nested template: the CDK writes it at
    // "<nested stack's path>.NestedStack/<id>.NestedStackResource", and the nested template's resources under "<nested stack's path>/".
    private static TemplateDocument? ParentByPath(JsonObject nested, IReadOnlyList<TemplateDocument> parents)
    {
        var path = (nested["Resources"] as JsonObject ?? []).Select(r => Cfn.AsString(r.Value?["Metadata"]?["aws:cdk:path"])).FirstOrDefault(p => p is not null);
        if (path is null || path.Split('/') is not { Length: > 2 } segments)
        {
            return null;
        }

        // The nested stack's construct path is a prefix of its resources' paths; try the longest first.
        for (var length = segments.Length - 1; length >= 2; length--)
        {
            var stackResource = string.Join('/', segments, 0, length) + ".NestedStack/";
            var parent = parents.FirstOrDefault(t => t.OfType("AWS::CloudFormation::Stack").Any(r => r.Path.StartsWith(stackResource, StringComparison.Ordinal)));
            if (parent is not null)
            {
                return parent;
            }
        }

        return null;
    }

    // A stack outside any stage has no environment of its own: the template then infers it from its resources' tags.
    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Parses a JSON or YAML CloudFormation template; YAML short forms (<c>!Ref</c>, <c>!GetAtt</c>, <c>!Sub</c>, ...) become their JSON forms.</summary>
    public static JsonObject Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new InvalidDataException("The template is not a JSON object.");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Count == 1 && ToJson(stream.Documents[0].RootNode) is JsonObject root
            ? root
            : throw new InvalidDataException("The template is not a single YAML mapping.");
    }

    private static JsonObject ParseFile(string file)
    {
        try
        {
            return Parse(File.ReadAllText(file));
        }
        catch (Exception e) when (e is JsonException or YamlException or InvalidDataException)
        {
            throw new InvalidDataException($"{file}: not a CloudFormation template ({e.Message})", e);
        }
    }

    private static JsonNode? ToJson(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        JsonNode? value = node switch
        {
            YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
            YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
            YamlScalarNode scalar => Scalar(scalar),
            _ => null,
        };
        if (tag is null || !tag.StartsWith('!'))
        {
            return value;
        }

        var function = tag[1..];
        return function switch
        {
            "Ref" or "Condition" => new JsonObject { [function] = value },
            // !GetAtt Resource.Attribute is the short form of ["Resource", "Attribute"].
            "GetAtt" when value is JsonValue v && Cfn.AsString(v) is { } s && s.Contains('.', StringComparison.Ordinal) =>
                new JsonObject { ["Fn::GetAtt"] = new JsonArray(s[..s.IndexOf('.', StringComparison.Ordinal)], s[(s.IndexOf('.', StringComparison.Ordinal) + 1)..]) },
            _ => new JsonObject { [$"Fn::{function}"] = value },
        };
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (text is null)
        {
            return null;
        }

        if (scalar.Style is ScalarStyle.Plain)
        {
            if (text is "true" or "false")
            {
                return JsonValue.Create(text == "true");
            }

            if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                return JsonValue.Create(number);
            }

            if (text is "~" or "null")
            {
                return null;
            }
        }

        return JsonValue.Create(text);
    }

    private static void ReadAssembly(string directory, string stage, List<AssemblyStack> stacks, List<string> missing)
    {
        var manifestFile = Path.Combine(directory, "manifest.json");
        if (!File.Exists(manifestFile))
        {
            throw new FileNotFoundException($"No cloud assembly in '{directory}' (no manifest.json): run the synth first (make plan does).", manifestFile);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(manifestFile))!.AsObject();
        missing.AddRange(Cfn.Items(manifest["missing"]).Select(m => Cfn.AsString(m?["key"]) ?? "?"));
        foreach (var (id, artifact) in manifest["artifacts"] as JsonObject ?? new JsonObject())
        {
            var type = Cfn.AsString(artifact?["type"]);
            var properties = artifact?["properties"];
            if (type == "cdk:cloud-assembly")
            {
                ReadAssembly(Path.Combine(directory, Cfn.AsString(properties?["directoryName"])!), Cfn.AsString(properties?["displayName"]) ?? id, stacks, missing);
            }
            else if (type == "aws:cloudformation:stack")
            {
                var environment = (Cfn.AsString(artifact?["environment"]) ?? "aws://unknown/unknown")["aws://".Length..].Split('/');
                var template = Path.Combine(directory, Cfn.AsString(properties?["templateFile"])!);
                stacks.Add(new AssemblyStack(
                    stage,
                    Cfn.AsString(properties?["stackName"]) ?? id,
                    environment[0],
                    environment[1],
                    template,
                    Cfn.AsBool(properties?["terminationProtection"]) ?? false)
                {
                    ArtifactId = id,
                    Dependencies = Cfn.Strings(artifact?["dependencies"]).Where(d => !d.EndsWith(".assets", StringComparison.Ordinal)).ToList(),
                    Metadata = artifact?["metadata"]?.DeepClone() as JsonObject ?? [],
                });
            }
        }
    }
}
