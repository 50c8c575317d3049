using System;
using System.Diagnostics;
using System.IO;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Delivery;

/// <summary><c>make chaos</c>: where an experiment is found, and the refusals that need no AWS access.</summary>
public sealed class ChaosCommandTests
{
    private static (int Exit, string Output, string Errors) Target(string environment, string experiment)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = ChaosCommand.PrintTarget(RepoPaths.ConfigDirectory, environment, experiment, output, errors);
        return (exit, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Finds_the_switchover_in_the_region_it_moves_the_writer_to()
    {
        var (exit, output, _) = Target("prod", "auroraGlobalSwitchover");

        Assert.Equal(0, exit);
        Assert.Equal(
            string.Join(Environment.NewLine, "account=333333333333", "region=us-west-2", "profile=production", "tag=infra:experiment", "name=prod-aurora-global-switchover", "log=/infra/prod/fis", ""),
            output);
    }

    [Fact]
    public void Finds_the_capacity_experiment_where_the_cluster_is() =>
        Assert.Contains("region=us-east-1", Target("dev", "karpenterCapacityLoss").Output, StringComparison.Ordinal);

    [Fact]
    public void Refuses_an_experiment_the_environment_does_not_hold_and_names_those_it_does()
    {
        var (exit, _, errors) = Target("dev", "auroraGlobalSwitchover");

        Assert.Equal(2, exit);
        Assert.Equal("'auroraGlobalSwitchover' is not an experiment of dev; use one of: karpenterCapacityLoss, availabilityZoneLoss." + Environment.NewLine, errors);
    }

    [Fact]
    public async System.Threading.Tasks.Task Fails_clearly_without_the_aws_cli_and_starts_nothing()
    {
        // A PATH with dotnet but without aws: the script must stop before any AWS call, saying what to do.
        var dotnet = Path.GetDirectoryName(Environment.ProcessPath)!;
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "scripts/chaos.sh", "dev", "karpenterCapacityLoss", "dev" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = $"{dotnet}:/usr/bin:/bin";
        using var process = Process.Start(start)!;
        var errorsRead = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var errors = await errorsRead;

        Assert.True(process.ExitCode == 2, output + errors);
        Assert.Contains("chaos: the AWS CLI (aws) is not installed; install it, sign in to account 111111111111 and run again.", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Started experiment", output, StringComparison.Ordinal);
    }
}
