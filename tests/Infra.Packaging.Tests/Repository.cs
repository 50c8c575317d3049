using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Infra.Packaging.Tests;

/// <summary>The repository under test, read from its files: this project references none of its code.</summary>
internal static class Repository
{
    /// <summary>The packable projects: package id and the folder of the project (which holds its package README).</summary>
    public static readonly IReadOnlyDictionary<string, string> Packages = new Dictionary<string, string>
    {
        ["Infra.Components"] = "components",
        ["Infra.Policies"] = "policies",
    };

    /// <summary>The repository root: the first folder above the test binaries that holds Infra.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>VersionPrefix</c> in Directory.Build.props: the version <c>make pack</c> gives the packages.</summary>
    public static string VersionPrefix { get; } =
        XDocument.Load(Path.Combine(Root, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value;

    /// <summary>The exact versions pinned in Directory.Packages.props, by package id (for example <c>[2.160.0]</c>).</summary>
    public static IReadOnlyDictionary<string, string> PinnedVersions { get; } =
        XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c>context</c> of cdk.json (the pinned feature flags).</summary>
    private static string CdkContextJson { get; } =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "cdk.json")))!["context"]!.ToJsonString();

    /// <summary>
    /// The context the CDK CLI hands an app: cdk.json's, plus the construct-path metadata the CLI turns on by default
    /// (<c>--path-metadata</c>), which every resource's <c>aws:cdk:path</c> comes from (the policy pack reads it).
    /// </summary>
    public static string CliContextJson { get; } = WithPathMetadata(CdkContextJson);

    private static string WithPathMetadata(string context)
    {
        var json = JsonNode.Parse(context)!.AsObject();
        json["aws:cdk:enable-path-metadata"] = true;
        return json.ToJsonString();
    }

    /// <summary>The commit checked out (git HEAD).</summary>
    public static string HeadCommit()
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("rev-parse");
        start.ArgumentList.Add("HEAD");
        using var git = Process.Start(start)!;
        var head = git.StandardOutput.ReadToEnd().Trim();
        git.WaitForExit();
        return git.ExitCode == 0 ? head : throw new InvalidOperationException($"git rev-parse HEAD exited {git.ExitCode} in {Root}.");
    }

    /// <summary>The full path of a file in the repository.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Infra.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Infra.sln above {AppContext.BaseDirectory}.");
    }
}
