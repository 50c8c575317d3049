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
