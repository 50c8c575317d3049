using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Infra.Packaging.Tests;

/// <summary>
/// Packs Infra.Components and Infra.Policies into a temporary local feed, then builds and runs the example app of
/// docs/reuse.md against that feed, in a temporary folder outside the repository (so none of its Directory.*.props
/// apply). Done once for the test class.
/// </summary>
/// <remarks>
/// Nothing leaks into the machine's NuGet state. The packages get a unique prerelease version, and the consumer
/// restores into its own packages folder: a stale Infra.* package can neither be used by this test nor left in the
/// user's global packages folder for a later restore. Everything else (Amazon.CDK.Lib and its dependencies) resolves
/// from the user's global packages folder as a fallback folder, so the test runs offline once the repository restored.
/// The build of the packages goes to a temporary artifacts folder, so the repository's bin and obj are not touched.
/// </remarks>
public sealed class PackedConsumer : IDisposable
{
    /// <summary>The example's stack, as named in docs/reuse.md.</summary>
    public const string StackName = "Shop";

    private static readonly string[] RepositorySettingFiles =
        ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json"];

    private readonly List<CommandResult> _commands = [];

    /// <summary>Packs, writes the consumer, builds it and runs it.</summary>
    public PackedConsumer()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("infra-packaging-").FullName;
        VersionSuffix = "packtest-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            Pack();
            GlobalPackagesFolder = FindGlobalPackagesFolder();
            WriteConsumer();
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = ConsumerPackagesFolder };
            Build = Record(DotNet.Run(ConsumerDirectory, environment, "build", "--nologo", "-v", "minimal", "-nodeReuse:false"));
            if (Build.ExitCode == 0)
            {
                // As the CDK CLI runs the app: the output folder and the context (cdk.json's feature flags, and the construct
                // paths the CLI records by default) in the environment.
                environment["CDK_OUTDIR"] = AssemblyDirectory;
                environment["CDK_CONTEXT_JSON"] = Repository.CliContextJson;
                Synth = Record(DotNet.Run(ConsumerDirectory, environment, "run", "--no-build", "--no-launch-profile"));
            }
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor failed: remove the temporary folder, then fail.
            Dispose();
            throw;
        }
    }

    /// <summary>The temporary folder holding the feed, the consumer and its packages folder.</summary>
    public string WorkDirectory { get; }

    /// <summary>The unique prerelease tag of this run's packages.</summary>
    public string VersionSuffix { get; }

    /// <summary>The version both packages were packed with: the repository's version and the unique prerelease tag.</summary>
    public string Version => $"{Repository.VersionPrefix}-{VersionSuffix}";

    /// <summary>The local feed.</summary>
    public string Feed => Path.Combine(WorkDirectory, "feed");

    /// <summary>The consumer project's folder.</summary>
    public string ConsumerDirectory => Path.Combine(WorkDirectory, "consumer");

    /// <summary>The consumer's own global packages folder.</summary>
    public string ConsumerPackagesFolder => Path.Combine(WorkDirectory, "packages");

    /// <summary>The user's global packages folder, the consumer's fallback folder.</summary>
    public string GlobalPackagesFolder { get; }

    /// <summary>Where the consumer's synth writes the cloud assembly and the policy reports.</summary>
    public string AssemblyDirectory => Path.Combine(WorkDirectory, "cdk.out");

    /// <summary>The consumer's build.</summary>
    public CommandResult Build { get; }

    /// <summary>The consumer's run (synth and policy gate); <c>null</c> when the build failed.</summary>
    public CommandResult? Synth { get; }

    /// <summary>Every command run, in order, with its duration.</summary>
    public IReadOnlyList<CommandResult> Commands => _commands;

    /// <summary>The package file of <paramref name="id"/> in the feed.</summary>
    public string PackageFile(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    /// <summary>The symbols package of <paramref name="id"/> in the feed.</summary>
    public string SymbolsFile(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(WorkDirectory, recursive: true);

    private void Pack()
    {
        foreach (var folder in Repository.Packages.Values)
        {
            var project = Directory.GetFiles(Repository.PathOf(folder), "*.csproj").Single();
            // The flags of make pack, plus the version suffix and a build folder of the test's own.
            var pack = Record(DotNet.Run(Repository.Root, new Dictionary<string, string>(),
                "pack", project, "--configuration", "Release", "--output", Feed, "--artifacts-path", Path.Combine(WorkDirectory, "artifacts"),
                "--nologo", "-v", "minimal", "-nodeReuse:false", "-p:ContinuousIntegrationBuild=true", $"-p:VersionSuffix={VersionSuffix}"));
            if (pack.ExitCode != 0)
            {
                throw new InvalidOperationException($"Packing failed: {pack}");
            }
        }
    }

    private static string FindGlobalPackagesFolder()
    {
        var list = DotNet.Run(Repository.Root, new Dictionary<string, string>(), "nuget", "locals", "global-packages", "--list");
        const string Prefix = "global-packages: ";
        var line = list.Output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return list.ExitCode == 0 && line is not null
            ? line[Prefix.Length..]
            : throw new InvalidOperationException($"Cannot find the global packages folder: {list}");
    }

    private void WriteConsumer()
    {
        Directory.CreateDirectory(ConsumerDirectory);
        for (var dir = Directory.GetParent(ConsumerDirectory); dir is not null; dir = dir.Parent)
        {
            var found = RepositorySettingFiles.Select(f => Path.Combine(dir.FullName, f)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                throw new InvalidOperationException($"The consumer must build with no repository settings, but {found} applies to {ConsumerDirectory}; point TMPDIR elsewhere.");
            }
        }

        File.WriteAllText(Path.Combine(ConsumerDirectory, "Shop.csproj"), DocsExample.ProjectFor(Version));
        File.WriteAllText(Path.Combine(ConsumerDirectory, "Program.cs"), DocsExample.Files["Program.cs"]);
        File.WriteAllText(Path.Combine(ConsumerDirectory, "package.json"), DocsExample.Files["package.json"]);
        InstallServiceSpec();
        // Only the local feed: whatever is not in it must come from the fallback folder, never from a network source.
        File.WriteAllText(Path.Combine(ConsumerDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="infra" value="{Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="global" value="{GlobalPackagesFolder}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>
    /// What <c>npm ci</c> would install for the policy pack's schema rule: the pinned <c>@aws-cdk/aws-service-spec</c>,
    /// copied from the repository's <c>node_modules</c> (the same version, as a test checks) so the test stays offline.
    /// </summary>
    private void InstallServiceSpec()
    {
        var source = Repository.PathOf("node_modules", "@aws-cdk", "aws-service-spec");
        var target = Path.Combine(ConsumerDirectory, "node_modules", "@aws-cdk", "aws-service-spec");
        Directory.CreateDirectory(target);
        foreach (var file in new[] { "package.json", "db.json.gz" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(target, file));
        }
    }

    private CommandResult Record(CommandResult result)
    {
        _commands.Add(result);
        return result;
    }
}
