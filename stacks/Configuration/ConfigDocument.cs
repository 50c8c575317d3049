using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Stacks.Configuration;

/// <summary>Which file each YAML node came from, so a problem or a value of a merged document names the file that set it.</summary>
internal sealed class ConfigSources
{
    private readonly Dictionary<YamlNode, string> _files = new(ReferenceEqualityComparer.Instance);

    /// <summary>Marks every node of <paramref name="root"/> as read from <paramref name="file"/> (nodes already marked keep their file).</summary>
    public void Register(YamlNode root, string file)
    {
        foreach (var node in root.AllNodes)
        {
            _files.TryAdd(node, file);
        }
    }

    /// <summary>The file <paramref name="node"/> came from; <c>null</c> for a node of no registered file.</summary>
    public string? FileOf(YamlNode node) => _files.GetValueOrDefault(node);
}

/// <summary>
/// One environment's document: its file parsed with YamlDotNet and, when it says <c>extends: &lt;name&gt;</c>, merged
/// over the file it builds on (recursively). The merge is predictable: mappings merge key by key and the deriving file
/// wins; a list or a value is replaced whole; a key set to <c>~</c> drops the inherited value, so the key's default
/// applies. Every node remembers its file (<see cref="ConfigSources"/>), so messages and <c>make config</c> point at
/// the line that set a value.
/// </summary>
internal static partial class ConfigDocument
{
    /// <summary>The key that names the file an environment builds on.</summary>
    public const string ExtendsKey = "extends";

    /// <summary>What <c>extends</c> may name: a file of the config folder without <c>.yaml</c>, optionally in a subfolder (<c>base/production</c>).</summary>
    public const string ExtendsPattern = "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*$";

    /// <summary>
    /// The merged document of <paramref name="file"/> (whose text is <paramref name="yaml"/>), or <c>null</c> when it or a
    /// file it builds on cannot be read; problems go to <paramref name="problems"/>.
    /// </summary>
    public static YamlMappingNode? Load(string yaml, string file, string? configDirectory, ConfigSources sources, List<ConfigProblem> problems) =>
        Load(yaml, file, configDirectory, sources, problems, []);

    private static YamlMappingNode? Load(string yaml, string file, string? configDirectory, ConfigSources sources, List<ConfigProblem> problems, List<string> chain)
    {
        var root = Parse(yaml, file, problems);
        if (root is null)
        {
            return null;
        }

        sources.Register(root, file);
        var extends = root.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: ExtendsKey });
        if (extends.Key is null)
        {
            return root;
        }

        var own = new YamlMappingNode(root.Children.Where(kv => !ReferenceEquals(kv.Key, extends.Key)));
        sources.Register(own, file);
        var line = (int)extends.Key.Start.Line;
        if (extends.Value is not YamlScalarNode { Value: { } name } || !ExtendsName().IsMatch(name))
        {
            problems.Add(new ConfigProblem(file, line, ExtendsKey, $"'{(extends.Value as YamlScalarNode)?.Value}' does not name a file of the config folder; write its name without .yaml, for example prod or base/production."));
            return null;
        }

        if (configDirectory is null)
        {
            problems.Add(new ConfigProblem(file, line, ExtendsKey, "needs the config folder to find the file it builds on; load the environment with LoadAll."));
            return null;
        }

        var parent = Path.Combine(configDirectory, name + ".yaml");
        var full = Path.GetFullPath(file);
        if (chain.Contains(Path.GetFullPath(parent)) || Path.GetFullPath(parent) == full)
        {
            var cycle = string.Join(" -> ", chain.Append(full).Append(Path.GetFullPath(parent)).Select(Path.GetFileName));
            problems.Add(new ConfigProblem(file, line, ExtendsKey, $"'{name}' builds on itself ({cycle}); remove one of the extends."));
            return null;
        }

        if (!File.Exists(parent))
        {
            problems.Add(new ConfigProblem(file, line, ExtendsKey, $"'{name}' names no file: {parent} does not exist."));
            return null;
        }

        var inherited = Load(File.ReadAllText(parent), parent, configDirectory, sources, problems, [.. chain, full]);
        return inherited is null ? null : Merge(inherited, own, sources, file);
    }

    /// <summary>
    /// The effective document as YAML, each value followed by the file and line it came from (<c>make config</c>).
    /// </summary>
    public static string Render(YamlMappingNode root, ConfigSources sources, string relativeTo)
    {
        var text = new StringBuilder();
        RenderMapping(root, 0, text, sources, relativeTo);
        return text.ToString();
    }

    private static YamlMappingNode Merge(YamlMappingNode inherited, YamlMappingNode own, ConfigSources sources, string file)
    {
        var merged = new YamlMappingNode();
        var ownByKey = own.Children.Where(kv => kv.Key is YamlScalarNode).ToDictionary(kv => ((YamlScalarNode)kv.Key).Value ?? "", kv => kv, StringComparer.Ordinal);
        foreach (var (key, value) in inherited.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!ownByKey.Remove(name, out var mine))
            {
                merged.Add(key, value);
            }
            else if (value is YamlMappingNode a && mine.Value is YamlMappingNode b)
            {
                merged.Add(mine.Key, Merge(a, b, sources, file));
            }
            else
            {
                merged.Add(mine.Key, mine.Value);
            }
        }

        foreach (var (key, value) in own.Children.Where(kv => kv.Key is YamlScalarNode s && ownByKey.ContainsKey(s.Value ?? "")))
        {
            merged.Add(key, value);
        }

        sources.Register(merged, file);
        return merged;
    }

    private static YamlMappingNode? Parse(string yaml, string file, List<ConfigProblem> problems)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        var parser = new Parser(scanner);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            // Some scanner errors (a tab used as indentation) carry an empty mark; the scanner knows where it stopped.
            var line = e.Start.Equals(Mark.Empty) ? scanner.CurrentPosition.Line : e.Start.Line;
            problems.Add(new ConfigProblem(file, (int)line, "(syntax)", $"is not valid YAML: {e.Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some invalid input, for example an
            // unclosed flow sequence (aaubry/YamlDotNet#541); point at the last construct that did parse.
            var line = parser.Current?.Start.Line ?? scanner.CurrentPosition.Line;
            problems.Add(new ConfigProblem(file, (int)line, "(syntax)", "is not valid YAML: cannot parse past here; look for an unclosed '[', '{' or quote."));
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new ConfigProblem(file, 0, "(document)", "must be exactly one YAML document holding a mapping of keys."));
            return null;
        }

        return root;
    }

    private static void RenderMapping(YamlMappingNode map, int indent, StringBuilder text, ConfigSources sources, string relativeTo)
    {
        foreach (var (key, value) in map.Children)
        {
            var prefix = new string(' ', indent) + $"{(key as YamlScalarNode)?.Value}:";
            RenderValue(prefix, key, value, indent, text, sources, relativeTo);
        }
    }

    private static void RenderValue(string prefix, YamlNode at, YamlNode value, int indent, StringBuilder text, ConfigSources sources, string relativeTo)
    {
        switch (value)
        {
            case YamlMappingNode map:
                text.AppendLine($"{prefix}{Origin(at, sources, relativeTo)}");
                RenderMapping(map, indent + 2, text, sources, relativeTo);
                break;
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                text.AppendLine($"{prefix} [{string.Join(", ", list.Children.Select(c => Scalar((YamlScalarNode)c)))}]{Origin(at, sources, relativeTo)}");
                break;
            case YamlSequenceNode list:
                text.AppendLine($"{prefix}{Origin(at, sources, relativeTo)}");
                foreach (var item in list.Children)
                {
                    if (item is YamlMappingNode entry && entry.Children.Count > 0)
                    {
                        var lines = new StringBuilder();
                        RenderMapping(entry, indent + 4, lines, sources, relativeTo);
                        var rendered = lines.ToString();
                        text.Append(new string(' ', indent + 2)).Append("- ").Append(rendered[(indent + 4)..]);
                    }
                    else
                    {
                        RenderValue(new string(' ', indent + 2) + "-", item, item, indent + 2, text, sources, relativeTo);
                    }
                }

                break;
            case YamlScalarNode scalar:
                text.AppendLine($"{prefix} {Scalar(scalar)}{Origin(at, sources, relativeTo)}");
                break;
        }
    }

    private static string Scalar(YamlScalarNode scalar) =>
        scalar.Style is ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted ? $"\"{scalar.Value}\"" : scalar.Value ?? "~";

    private static string Origin(YamlNode node, ConfigSources sources, string relativeTo) =>
        sources.FileOf(node) is { } file ? $"    # {Path.GetRelativePath(relativeTo, file)}:{node.Start.Line}" : "";

    [GeneratedRegex(ExtendsPattern)]
    private static partial Regex ExtendsName();
}
