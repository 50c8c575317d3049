using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Stacks.Configuration;

/// <summary>
/// Collects problems and the file and line of every key read, so later checks can point at the line the user wrote:
/// in an environment that builds on another file (<c>extends</c>), a value's file is the one it came from.
/// </summary>
internal sealed class ConfigContext
{
    private readonly Dictionary<string, (string File, int Line)> _lines = new(StringComparer.Ordinal);
    private readonly ConfigSources _sources;
    private readonly List<string> _speakingFor = new();
    private List<string>? _unreadable;

    public ConfigContext(string file, ConfigSources? sources = null)
    {
        File = file;
        _sources = sources ?? new ConfigSources();
    }

    /// <summary>The environment's own file.</summary>
    public string File { get; }

    public List<ConfigProblem> Problems { get; } = new();

    public void Record(string path, YamlNode node) => _lines[path] = (_sources.FileOf(node) ?? File, (int)node.Start.Line);

    public ConfigProblem Add(string path, string message)
    {
        var (file, line) = LineOf(path);
        return Add(new ConfigProblem(file, line, path, message));
    }

    public ConfigProblem Add(string path, YamlNode node, string message) =>
        Add(new ConfigProblem(_sources.FileOf(node) ?? File, (int)node.Start.Line, path, message));

    /// <summary>Takes <paramref name="problem"/> back; its key stays unreadable when another problem speaks for it.</summary>
    public void Remove(ConfigProblem problem, bool stillUnreadable = false)
    {
        Problems.Remove(problem);
        if (stillUnreadable)
        {
            _speakingFor.Add(problem.KeyPath);
        }
    }

    /// <summary>Whether a problem has been reported at <paramref name="path"/> or inside it.</summary>
    public bool HasProblem(string path) => Problems.Any(p => IsWithin(p.KeyPath, path));

    /// <summary>
    /// Reading is over: from now on a problem about a key that could not be read (or about anything inside the same
    /// list item, or about a parent of it) is dropped, because the rules would be judging a stand-in value.
    /// </summary>
    public void BeginRules() => _unreadable = Problems.Select(p => p.KeyPath).Concat(_speakingFor).Select(Scope).ToList();

    private ConfigProblem Add(ConfigProblem problem)
    {
        // Dropped: a judgement of a stand-in value, or the same problem found again (settings both regions share).
        if ((_unreadable is not null && _unreadable.Any(u => Related(u, problem.KeyPath))) || Problems.Contains(problem))
        {
            return problem;
        }

        Problems.Add(problem);
        return problem;
    }

    // A problem inside a list item speaks for the whole item ("rules[0].transitions[1].afterDays" -> "rules[0]"):
    // items that fail to read are dropped, so later items' indices cannot be trusted either.
    private static string Scope(string path)
    {
        var item = path.IndexOf(']', StringComparison.Ordinal);
        return item < 0 ? path : path[..(item + 1)];
    }

    private static bool Related(string unreadable, string path) =>
        IsWithin(path, unreadable) || IsWithin(unreadable, path);

    private static bool IsWithin(string path, string scope) =>
        path == scope || path.StartsWith(scope + ".", StringComparison.Ordinal) || path.StartsWith(scope + "[", StringComparison.Ordinal);

    // The file and line of the key itself, or of its nearest parent that was read.
    private (string File, int Line) LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var at))
            {
                return at;
            }
        }

        return (File, 0);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>
/// Reads one YAML mapping with its key path. Every key that is read is remembered; <see cref="Done"/> reports the
/// rest as unknown (with a did-you-mean), so a typo is never silently ignored.
/// </summary>
internal sealed class YamlMapReader
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConfigProblem> _missing = new(StringComparer.Ordinal);

    public YamlMapReader(YamlMappingNode node, string path, ConfigContext context)
    {
        _node = node;
        Path = path;
        Context = context;
    }

    public string Path { get; }

    public ConfigContext Context { get; }

    public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public YamlNode? Take(string key, bool required)
    {
        _known.Add(key);
        var entry = _node.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode s && s.Value == key);
        if (entry.Key is null || entry.Value is YamlScalarNode { Value: null or "" or "~" } and { Style: ScalarStyle.Plain })
        {
            if (required)
            {
                // At the line of the mapping's own key (none for the top level), not of its first child.
                _missing[key] = Context.Add(At(key), "is missing; this key is required.");
            }

            return null;
        }

        Context.Record(At(key), entry.Key);
        return entry.Value;
    }

    public string? String(string key, bool required = true)
    {
        var node = Take(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Context.Add(At(key), node, $"expected a text value, got a {Describe(node)}.");
        return null;
    }

    public int? Int(string key, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Context.Add(At(key), $"'{text}' is not a whole number.");
        return null;
    }

    public double? Double(string key, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Context.Add(At(key), $"'{text}' is not a number.");
        return null;
    }

    public long? Long(string key, bool required = true)
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Context.Add(At(key), $"'{text}' is not a whole number.");
        return null;
    }

    public bool? Bool(string key, bool required = true)
    {
        var text = String(key, required);
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Fail<bool?>(At(key), $"'{text}' is not a boolean; use true or false."),
        };
    }

    public T? Enum<T>(string key, IReadOnlyDictionary<string, T> allowed, bool required = true)
        where T : struct
    {
        var text = String(key, required);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        return Fail<T?>(At(key), $"'{text}' is not allowed; use one of: {string.Join(", ", allowed.Keys)}.");
    }

    public IReadOnlyList<string>? StringList(string key, bool required = true)
    {
        var node = Take(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            return Fail<IReadOnlyList<string>?>(At(key), node, $"expected a list, got a {Describe(node)}.");
        }

        var items = new List<string>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlScalarNode { Value: { } v })
            {
                Context.Record($"{At(key)}[{i}]", sequence.Children[i]);
                items.Add(v);
            }
            else
            {
                Context.Add($"{At(key)}[{i}]", sequence.Children[i], $"expected a text value, got a {Describe(sequence.Children[i])}.");
            }
        }

        return items;
    }

    /// <summary>A list of values of a closed set: each item is reported at its own line when it is not one of <paramref name="allowed"/>.</summary>
    public IReadOnlyList<T>? EnumList<T>(string key, IReadOnlyDictionary<string, T> allowed, bool required = true)
        where T : struct
    {
        var items = StringList(key, required);
        if (items is null)
        {
            return null;
        }

        var values = new List<T>();
        for (var i = 0; i < items.Count; i++)
        {
            if (allowed.TryGetValue(items[i], out var value))
            {
                values.Add(value);
            }
            else
            {
                Context.Add($"{At(key)}[{i}]", $"'{items[i]}' is not allowed; use one of: {string.Join(", ", allowed.Keys)}.");
            }
        }

        return values;
    }

    public YamlMapReader? Map(string key, bool required = true)
    {
        var node = Take(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlMappingNode map)
        {
            return new YamlMapReader(map, At(key), Context);
        }

        return Fail<YamlMapReader?>(At(key), node, $"expected a mapping of keys, got a {Describe(node)}.");
    }

    public IReadOnlyList<YamlMapReader>? MapList(string key, bool required = true)
    {
        var node = Take(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            return Fail<IReadOnlyList<YamlMapReader>?>(At(key), node, $"expected a list, got a {Describe(node)}.");
        }

        var items = new List<YamlMapReader>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{At(key)}[{i}]";
            if (sequence.Children[i] is YamlMappingNode map)
            {
                Context.Record(path, map);
                items.Add(new YamlMapReader(map, path, Context));
            }
            else
            {
                Context.Add(path, sequence.Children[i], $"expected a mapping of keys, got a {Describe(sequence.Children[i])}.");
            }
        }

        return items;
    }

    public IReadOnlyDictionary<string, string>? StringMap(string key, bool required = true)
    {
        var map = Map(key, required);
        if (map is null)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in map._node.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            map._known.Add(name);
            if (v is YamlScalarNode { Value: { } value })
            {
                map.Context.Record(map.At(name), k);
                result[name] = value;
            }
            else
            {
                map.Context.Add(map.At(name), v, $"expected a text value, got a {Describe(v)}.");
            }
        }

        return result;
    }

    /// <summary>Reports every key of this mapping that no reader asked for.</summary>
    public void Done()
    {
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? keyNode.ToString();
            if (_known.Contains(key))
            {
                continue;
            }

            var suggestion = _known.Select(k => (k, d: Distance(k, key))).Where(x => x.d <= Math.Max(2, key.Length / 4)).OrderBy(x => x.d).FirstOrDefault().k;
            var hint = suggestion is null
                ? $"allowed keys here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}."
                : $"did you mean '{suggestion}'? Allowed keys here: {string.Join(", ", _known.Order(StringComparer.Ordinal))}.";

            // A misspelt required key is one problem, not also "missing": the suggestion says what to write.
            if (suggestion is not null && _missing.Remove(suggestion, out var missing))
            {
                Context.Remove(missing, stillUnreadable: true);
            }

            Context.Add(At(key), keyNode, $"is not a known key; {hint}");
        }
    }

    private T Fail<T>(string path, string message)
    {
        Context.Add(path, message);
        return default!;
    }

    private T Fail<T>(string path, YamlNode node, string message)
    {
        Context.Add(path, node, message);
        return default!;
    }

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "text value",
    };

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
            }
        }

        return d[a.Length, b.Length];
    }
}
