using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Infra.Packaging.Tests;

/// <summary>
/// The example app of docs/reuse.md: every fenced block preceded by <c>&lt;!-- tested: FILE --&gt;</c>, by file name. The
/// test builds and runs exactly these files, so the documented example cannot drift from the packages.
/// </summary>
internal static partial class DocsExample
{
    /// <summary>The document.</summary>
    public static string DocumentPath { get; } = Repository.PathOf("docs", "reuse.md");

    /// <summary>The tested files, by name.</summary>
    public static IReadOnlyDictionary<string, string> Files { get; } =
        TestedBlock().Matches(File.ReadAllText(DocumentPath)).ToDictionary(m => m.Groups["file"].Value, m => m.Groups["code"].Value);

    /// <summary>The versions the example's project references, by package id.</summary>
    public static IReadOnlyDictionary<string, string> ReferencedVersions =>
        InfraReference().Matches(Files["Shop.csproj"]).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["version"].Value);

    /// <summary>The rule ids of the warnings table in "The simplest app", which the example is said to print.</summary>
    public static IReadOnlyList<string> DocumentedWarnings
    {
        get
        {
            var text = File.ReadAllText(DocumentPath);
            var section = text[text.IndexOf("## The simplest app", System.StringComparison.Ordinal)..];
            section = section[..section.IndexOf("\n## ", 3, System.StringComparison.Ordinal)];
            return TableRuleId().Matches(section).Select(m => m.Groups["id"].Value).ToList();
        }
    }

    /// <summary>The example's project, referencing <paramref name="version"/> of both packages instead of the documented one.</summary>
    public static string ProjectFor(string version) =>
        InfraReference().Replace(Files["Shop.csproj"], m => $"<PackageReference Include=\"{m.Groups["id"].Value}\" Version=\"[{version}]\" />");

    [GeneratedRegex(@"<!-- tested: (?<file>\S+) -->\s*```\w*\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex TestedBlock();

    [GeneratedRegex(@"<PackageReference Include=""(?<id>Infra\.\w+)"" Version=""\[(?<version>[^\]]+)\]"" />")]
    private static partial Regex InfraReference();

    [GeneratedRegex(@"^\| (?<id>INFRA-[A-Z0-9]+-\d+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRuleId();
}
