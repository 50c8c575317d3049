using System;
using System.IO;
using System.Linq;
using Infra.Policies.Reports;
using Infra.Stacks.Tests.Environments;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Application;

/// <summary>
/// <c>make plan</c>'s summary, over the assembly the fixture synthesized and the policy report its synth step wrote: a
/// line per environment and per stack, then the findings grouped by rule, on about a screen.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class PlanSummaryTests
{
    private static readonly string Nl = Environment.NewLine;
    private readonly SynthesizedEnvironments _env;

    public PlanSummaryTests(SynthesizedEnvironments environments) => _env = environments;

    private string Print(FindingsDetail detail = FindingsDetail.Summary)
    {
        using var output = new StringWriter();
        Assert.Equal(0, PlanSummary.Print(_env.CheckedTemplates, output, detail));
        return output.ToString();
    }

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
    public void Heads_each_environment_with_its_account_profile_size_and_policy_result()
    {
        var lines = Print().Split(Nl);
        foreach (var (name, stage) in _env.Stages)
        {
            var resources = stage.Stacks.Sum(s => _env.Json(s)["Resources"]!.AsObject().Count);
            var findings = _env.Policy.Findings.Where(f => f.Environment == name).ToList();
            var warnings = findings.Count(f => f.Rule.Level == Infra.Policies.PolicyLevel.Warning && !f.IsSuppressed && !f.IsDemoted);
            var line = Assert.Single(lines, l => l.StartsWith($"{name}: ", StringComparison.Ordinal));
            Assert.StartsWith(
                $"{name}: account {stage.Config.Account}, profile {Infra.Stacks.Configuration.EnvironmentConfigLoader.ProfileName(stage.Config.Profile)}; {stage.Stacks.Count} stacks, {resources} resources; "
                + $"policy 0 errors, {warnings} warning{(warnings == 1 ? "" : "s")}, {findings.Count(f => f.IsSuppressed)} suppressed, {findings.Count(f => f.IsDemoted)} on CDK machinery; $",
                line,
                StringComparison.Ordinal);
            Assert.Contains("/month at idle (us-east-1 $", line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gives_each_stack_one_line_with_region_size_policy_result_protection_and_components()
    {
        var lines = Print().Split(Nl);
        var storage = Assert.Single(lines, l => l.StartsWith("  infra-prod-storage ", StringComparison.Ordinal));
        Assert.Matches(@"^  infra-prod-storage +us-east-1 +[0-9]+ resources  ok +protected  LifecycleBucket x2$", storage);
        Assert.Matches(@"^  infra-dev-database-us-east-1 +us-east-1 +[0-9]+ resources  2 warnings +AuroraPostgresCluster$", Assert.Single(lines, l => l.StartsWith("  infra-dev-database-us-east-1 ", StringComparison.Ordinal)));
        Assert.Equal(_env.AllStacks.Count(), lines.Count(l => l.StartsWith("  infra-", StringComparison.Ordinal)));
    }

    [Fact]
    public void Groups_the_warnings_by_rule_with_why_and_fix_once_and_the_cdk_machinery_as_one_line_per_kind()
    {
        var text = Print();
        var warningRules = _env.Policy.Warnings.Select(f => f.Rule.Id).Distinct().ToList();
        var lines = text.Split(Nl);

        Assert.Contains($"Warnings ({_env.Policy.Warnings.Count()}), by rule; {PlanSummary.AllFindingsHint}:", lines);
        Assert.All(warningRules, id => Assert.Single(lines, l => l.StartsWith($"  WARNING {id} ", StringComparison.Ordinal)));
        Assert.Equal(warningRules.Count, lines.Count(l => l.StartsWith("    why: ", StringComparison.Ordinal)));
        Assert.Equal(warningRules.Count, lines.Count(l => l.StartsWith("    fix: ", StringComparison.Ordinal)));
        Assert.Contains($"CDK machinery ({_env.Policy.Demoted.Count()} warnings, demoted: resources the CDK creates for its own use; every one is in the reports):", lines);
        var kinds = _env.Policy.Demoted.Select(f => f.Machinery!).Distinct().ToList();
        Assert.All(kinds, k => Assert.Single(lines, l => l.StartsWith($"  {k.Name}: ", StringComparison.Ordinal) && l.EndsWith(k.Reason, StringComparison.Ordinal)));
        Assert.DoesNotContain("@aws-cdk--aws-eks", text, StringComparison.Ordinal);
    }

    [Fact]
    public void States_the_end_of_standard_support_once_with_its_date_and_every_cluster()
    {
        Assert.Contains(
            $"  WARNING INFRA-EKS-8 x3: Config.version is 1.35: EKS standard support ends on 2027-03-27, 112 days after the support calendar's review (2026-12-05); EKS then upgrades the control plane to the next minor version itself. Plan the upgrade now.{Nl}"
            + $"    on Dev/Cluster/Eks/Cluster, Staging/Cluster/Eks/Cluster, Prod/Cluster/Eks/Cluster{Nl}",
            Print(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fits_on_a_screen_with_the_synth_s_lines_and_ends_with_where_everything_is_and_what_to_do_next()
    {
        // make plan adds about ten lines of its own (restore, build, the CDK's start, one per environment, the policy step).
        var lines = Print().TrimEnd().Split(Nl);
        Assert.InRange(lines.Length, 30, 64);
        Assert.Equal($"31 stacks, {_env.AllStacks.Sum(s => _env.Json(s)["Resources"]!.AsObject().Count)} resources: templates in {_env.CheckedTemplates}/assembly-<Stage>/, every finding in {_env.CheckedTemplates}/policy-report.{{md,sarif,json}}.", lines[^2]);
        Assert.StartsWith("Next: make diff BASE=origin/main", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Findings_all_lists_every_warning_and_every_cdk_machinery_finding_on_its_own_line()
    {
        var lines = Print(FindingsDetail.All).Split(Nl);

        var machinery = lines.SkipWhile(l => !l.StartsWith("CDK machinery (", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal));
        Assert.Equal(_env.Policy.Demoted.Count(), machinery.Count(l => l.StartsWith("    INFRA-", StringComparison.Ordinal)));
        Assert.All(_env.Policy.Warnings, f => Assert.Contains(lines, l => l.StartsWith($"    {f.Path.Split('/')[0]}/", StringComparison.Ordinal) && l.EndsWith(f.Message, StringComparison.Ordinal)));
        Assert.Contains($"Suppressed ({_env.Policy.Findings.Count(f => f.IsSuppressed)}), each with its reason:", lines);
        Assert.DoesNotContain(lines, l => l.Contains($" more ({PlanSummary.AllFindingsHint})", StringComparison.Ordinal));
    }

    /// <summary>
    /// The README's quick start shows a fresh clone's make plan. Its summary must be what the summary prints today for
    /// the same environments (resource counts aside: the CLI's synth adds each stack's CDK metadata resource, the
    /// fixture's does not), and every line before it a step line.
    /// </summary>
    [Fact]
    public void The_readme_quick_start_shows_what_make_plan_prints_today()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var start = readme.IndexOf("<!-- plan-output:start -->", StringComparison.Ordinal);
        var end = readme.IndexOf("<!-- plan-output:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no plan-output block");
        var shown = readme[start..end].Split('\n').SkipWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).ToList();
        var firstEnvironment = shown.FindIndex(l => l.StartsWith("dev: account ", StringComparison.Ordinal));
        Assert.True(firstEnvironment > 0, "the README's plan output has no environment line");

        Assert.All(shown.Take(firstEnvironment - 1), l => Assert.Matches(@"^(note: .+|.+ \.\.\. [0-9]+\.[0-9] s(: .+)?)$", l));
        var printed = Print().Split(Nl).SkipWhile(l => l.Length == 0).TakeWhile(l => !l.StartsWith("31 stacks", StringComparison.Ordinal));
        Assert.Equal(printed.Select(Masked), shown.Skip(firstEnvironment).TakeWhile(l => !l.StartsWith("31 stacks", StringComparison.Ordinal)).Select(Masked));
    }

    private static string Masked(string line) => System.Text.RegularExpressions.Regex.Replace(line, @" +[0-9]+ resources", " N resources");

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
    public void Says_so_when_the_policy_pack_did_not_run()
    {
        using var output = new StringWriter();
        Assert.Equal(0, PlanSummary.Print(_env.OutDir, output));
        Assert.Contains($"No policy report in '{_env.OutDir}': the synth did not run the policy pack.", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_when_there_is_no_assembly()
    {
        using var output = new StringWriter();
        Assert.Equal(2, PlanSummary.Print(Path.Combine(RepoPaths.Root, "does-not-exist"), output));
    }
}
