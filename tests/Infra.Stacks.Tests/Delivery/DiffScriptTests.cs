using System;
using System.Diagnostics;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Delivery;

/// <summary><c>scripts/diff.sh</c>, behind <c>make diff</c>: its refusals, which cost no synth.</summary>
public sealed class DiffScriptTests
{
    [Fact]
    public void Refuses_a_ref_this_clone_does_not_have_with_the_fix()
    {
        var (exit, output) = Run("bash", "scripts/diff.sh", "no-such-branch-7f3a");

        Assert.Equal(1, exit);
        Assert.Contains("make diff: 'no-such-branch-7f3a' is not a commit in this clone. Fetch it first (git fetch origin no-such-branch-7f3a) or pass a commit.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Passes_a_ref_to_the_script_as_data_never_as_shell()
    {
        var marker = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"infra-injected-{Guid.NewGuid():N}");

        var (exit, output) = Run("make", "--no-print-directory", "-s", "diff-usage", $"BASE=`touch {marker}`");

        Assert.Equal(0, exit);
        Assert.False(System.IO.File.Exists(marker), output);
    }

    [Fact]
    public void Make_diff_without_a_base_prints_its_usage()
    {
        var (exit, output) = Run("make", "--no-print-directory", "-s", "diff");

        Assert.Equal(2, exit);
        Assert.Contains("usage: make diff BASE=<git ref> [ENV=<name>] [DIFF_OUT=artifacts/diff]", output, StringComparison.Ordinal);
    }

    private static (int Exit, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
