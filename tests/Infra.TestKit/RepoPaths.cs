using System;
using System.IO;

namespace Infra.TestKit;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepoPaths
{
    /// <summary>The repository root: the first folder above the test binaries that holds Infra.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The app's cdk.json, whose context pins the feature flags.</summary>
    public static string CdkJson => Path.Combine(Root, "cdk.json");

    /// <summary>The environment files.</summary>
    public static string ConfigDirectory => Path.Combine(Root, "stacks", "config");

    /// <summary>Copies the config folder, its bases included, to <paramref name="target"/>: a place a test may edit.</summary>
    public static void CopyConfig(string target)
    {
        foreach (var file in Directory.EnumerateFiles(ConfigDirectory, "*.yaml", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(ConfigDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

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
