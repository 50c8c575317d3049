using System;
using System.IO;
using System.Linq;
using Infra.Stacks.Tests.Environments;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Application;

[Collection(EnvironmentsCollection.Name)]
public sealed class PlanSummaryTests
{
    private readonly SynthesizedEnvironments _env;

    public PlanSummaryTests(SynthesizedEnvironments environments) => _env = environments;

    [Fact]
    public void Reads_every_stack_with_its_target_and_resource_counts()
    {
        var (stacks, _) = PlanSummary.Read(_env.OutDir);
        foreach (var stack in _env.AllStacks)
        {
            var planned = stacks.Single(s => s.Stack.StackName == stack.StackName);
            Assert.Equal(stack.Config.Account, planned.Stack.Account);
            Assert.Equal(stack.TargetRegion.Name, planned.Stack.Region);
            Assert.Equal(_env.Json(stack)["Resources"]!.AsObject().Count, planned.ResourceCount);
            Assert.Equal(stack.TerminationProtection, planned.Stack.TerminationProtection);
        }

        Assert.Equal(["Dev", "Prod", "Staging"], stacks.Select(s => s.Stack.Stage).Distinct().Order().ToArray());
    }

    [Fact]
    public void Prints_each_stack_and_the_totals()
    {
        using var output = new StringWriter();
        Assert.Equal(0, PlanSummary.Print(_env.OutDir, output));
        var text = output.ToString();
        Assert.Contains("infra-prod-storage ", text, StringComparison.Ordinal);
        Assert.Contains("333333333333/us-west-2", text, StringComparison.Ordinal);
        Assert.Contains("termination-protected", text, StringComparison.Ordinal);
        Assert.Contains("31 stacks,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeats_the_end_of_standard_support_with_its_date_under_every_environment()
    {
        using var output = new StringWriter();
        PlanSummary.Print(_env.CheckedTemplates, output);
        var lines = output.ToString().Split(Environment.NewLine);
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            var header = Array.FindIndex(lines, l => l.StartsWith(char.ToUpperInvariant(environment[0]) + environment[1..] + ":", StringComparison.Ordinal));
            Assert.Equal(
                $"  ! infra-{environment}-cluster: Config.version is 1.35: EKS standard support ends on 2027-03-27, 112 days after the support calendar's review (2026-12-05); EKS then upgrades the control plane to the next minor version itself. Plan the upgrade now.",
                lines[header + 1]);
        }
    }

    [Fact]
    public void Fails_when_the_synth_needed_a_lookup()
    {
        var dir = Directory.CreateTempSubdirectory("infra-plan-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "manifest.json"), """
                { "version": "38.0.0", "artifacts": {}, "missing": [ { "key": "availability-zones:account=1:region=us-east-1", "provider": "availability-zones", "props": {} } ] }
                """);
            using var output = new StringWriter();
            Assert.Equal(2, PlanSummary.Print(dir, output));
            Assert.Contains("FAILED: the synth needed lookups (missing context: availability-zones:account=1:region=us-east-1)", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Fails_when_there_is_no_assembly()
    {
        using var output = new StringWriter();
        Assert.Equal(2, PlanSummary.Print(Path.Combine(RepoPaths.Root, "does-not-exist"), output));
    }
}
