using System;
using System.IO;
using System.Linq;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Application;

[Collection(Environments.EnvironmentsCollection.Name)]
public sealed class ProgramTests
{
    private readonly Environments.SynthesizedEnvironments _env;

    public ProgramTests(Environments.SynthesizedEnvironments environments) => _env = environments;

    [Fact]
    public void A_bad_file_prints_every_problem_without_a_stack_trace_and_synthesizes_nothing()
    {
        var config = Directory.CreateTempSubdirectory("infra-config-").FullName;
        var outdir = Path.Combine(Path.GetTempPath(), $"infra-out-{Guid.NewGuid():N}");
        try
        {
            RepoPaths.CopyConfig(config);

            var prod = Path.Combine(config, "prod.yaml");
            File.WriteAllText(prod, File.ReadAllText(prod)
                .Replace("natGateways: perAz", "natGateways: perAZ", StringComparison.Ordinal)
                .Replace("terminationProtection: true", "terminationProtection: false", StringComparison.Ordinal));

            using var errors = new StringWriter();
            var exit = Program.Synthesize(config, RepoPaths.CdkJson, outdir, errors);

            Assert.Equal(1, exit);
            var text = errors.ToString();
            Assert.StartsWith("The environment configuration has 2 problems; nothing was synthesized.", text, StringComparison.Ordinal);
            Assert.Contains("prod.yaml:", text, StringComparison.Ordinal);
            Assert.Contains("network.natGateways: 'perAZ' is not allowed; use one of: none, single, perAz.", text, StringComparison.Ordinal);
            Assert.Contains("protection.terminationProtection: is false; a production environment's stateful stacks must have termination protection. Set it to true.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.False(Directory.Exists(outdir));
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [Fact]
    public void An_unsuppressed_policy_error_fails_the_synth_step_and_names_the_finding()
    {
        // The policy step of every synth, run over the assembly the shared fixture synthesized (no second synth).
        // A pack with one rule every bucket breaks stands in for a real violation.
        // It writes its failing reports into a copy, never into the shared assembly other tests read.
        var pack = new Infra.Policies.PolicyPack([new EveryBucketFails()]);
        var copy = Directory.CreateTempSubdirectory("infra-gate-").FullName;
        try
        {
            Environments.SynthesizedEnvironments.CopyTemplates(_env.OutDir, copy);
            using var errors = new StringWriter();
            var exit = Program.EnforcePolicies(copy, errors, pack);

            Assert.Equal(1, exit);
            var text = errors.ToString();
            // Errors are never abbreviated: every bucket of every environment has its line, why and fix come once.
            var buckets = _env.Policy.Templates.SelectMany(t => t.OfType("AWS::S3::Bucket")).ToList();
            Assert.Contains($"  ERROR TEST-1 x{buckets.Count}: Every bucket fails{Environment.NewLine}", text, StringComparison.Ordinal);
            Assert.All(buckets, b => Assert.Contains($"    {b.Path[..b.Path.LastIndexOf("/Resource/Resource", StringComparison.Ordinal)]}: test violation{Environment.NewLine}", text, StringComparison.Ordinal));
            Assert.Contains("    Prod/Storage/Data: test violation", text, StringComparison.Ordinal);
            Assert.Single(text.Split(Environment.NewLine), l => l == "    why: Stands in for a real violation in this test.");
            Assert.Matches(@"\nchecking policies \.\.\. [0-9]+\.[0-9] s: FAILED \([0-9]+ blocking errors, ", text);
            Assert.DoesNotContain("WARNING", text, StringComparison.Ordinal); // the synth prints errors; make plan prints the rest
            Assert.True(File.Exists(Path.Combine(copy, "policy-report.sarif")));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void The_synth_step_passes_with_the_default_pack()
    {
        // The fixture runs the step once over a copy of the assembly; the preview tests compare its reports.
        Assert.Equal(0, _env.PolicyStepExit);
        // One line: the step, its time and the verdict, and where the reports are.
        Assert.Matches(@"^checking policies \.\.\. [0-9]+\.[0-9] s: PASSED \(0 blocking errors, [0-9]+ warnings?, [0-9]+ suppressed, [0-9]+ on CDK machinery; [0-9]+ templates, [0-9]+ rules\); reports: .*policy-report\.\{md,sarif,json\}\r?\n$", _env.PolicyStepOutput);
    }

    [Fact]
    public void The_policy_verb_writes_its_reports_under_artifacts_never_into_the_folder_it_checks()
    {
        var checkedFolder = Directory.CreateTempSubdirectory("infra-policy-").FullName;
        var reports = Path.GetFullPath(Program.DefaultPolicyReports);
        var existed = Directory.Exists(reports);
        var output = new StringWriter();
        var original = Console.Out;
        try
        {
            File.WriteAllText(Path.Combine(checkedFolder, "stack.json"), """{ "Resources": { "Topic": { "Type": "AWS::SNS::Topic" } } }""");
            Console.SetOut(output);
            Program.Main(["policy", checkedFolder]);
            Console.SetOut(original);

            Assert.Equal(["stack.json"], Directory.EnumerateFileSystemEntries(checkedFolder).Select(f => Path.GetFileName(f)).ToArray());
            Assert.All(Infra.Policies.PolicyGate.ReportFiles, f => Assert.True(File.Exists(Path.Combine(reports, f)), f));
            Assert.Contains($"; reports: {Path.Combine(Program.DefaultPolicyReports, "policy-report")}.{{md,sarif,json}}", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Console.SetOut(original);
            Directory.Delete(checkedFolder, recursive: true);
            if (!existed && Directory.Exists(reports))
            {
                Directory.Delete(reports, recursive: true);
            }
        }
    }

    private sealed class EveryBucketFails : Infra.Policies.IPolicyRule
    {
        public Infra.Policies.RuleInfo Info { get; } = new("TEST-1", Infra.Policies.PolicyLevel.Error, "Test", "Every bucket fails", "Stands in for a real violation in this test.", "Nothing to fix: it is a test rule.");

        public System.Collections.Generic.IReadOnlySet<string> ResourceTypes { get; } = new System.Collections.Generic.HashSet<string> { "AWS::S3::Bucket" };

        public System.Collections.Generic.IEnumerable<Infra.Policies.Violation> Check(Infra.Policies.TemplateResource resource) => [new("test violation")];
    }

    [Theory]
    [InlineData(new[] { "policy", "cdk.out", "--profile", "prod" }, "--profile 'prod' is not a profile; use one of development, preproduction, production (production turns on the production-only rules).")]
    [InlineData(new[] { "policy", "cdk.out", "--reports" }, "option '--reports' needs a value.")]
    [InlineData(new[] { "policy", "cdk.out", "--env", "prod" }, "unknown option '--env'; this verb takes --environment, --profile, --reports, --findings.")]
    [InlineData(new[] { "policy", "cdk.out", "--findings", "every" }, "--findings 'every' (FINDINGS= in make) is not a level; use summary (findings grouped by rule, the default), all (every finding) or errors (blocking errors only).")]
    [InlineData(new[] { "summary", "cdk.out", "--findings", "ALL" }, "--findings 'ALL' (FINDINGS= in make) is not a level; use summary")]
    [InlineData(new[] { "summary", "cdk.out", "--verbose" }, "unknown option '--verbose'; this verb takes --findings.")]
    [InlineData(new[] { "preview", "a", "b", "--output", "x" }, "unknown option '--output'; this verb takes --out, --base-label, --head-label, --environment.")]
    public void A_bad_option_says_what_the_verb_takes(string[] args, string expected)
    {
        var errors = new StringWriter();
        var original = Console.Error;
        Console.SetError(errors);
        try
        {
            Assert.Equal(2, Program.Main(args));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.StartsWith(expected, errors.ToString(), StringComparison.Ordinal);
    }
}
