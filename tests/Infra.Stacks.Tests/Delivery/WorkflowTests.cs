using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Infra.Policies;
using Infra.Stacks.Configuration;
using Infra.Stacks.Preview;
using Infra.TestKit;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Infra.Stacks.Tests.Delivery;

/// <summary>
/// The GitHub Actions workflows, parsed: the keys that make them safe (permissions, pinned actions, OIDC, approval,
/// concurrency) and the contracts they share with the code (the comment marker, the report files, the verbs).
/// </summary>
public sealed partial class WorkflowTests
{
    private static readonly string Directory = Path.Combine(RepoPaths.Root, ".github", "workflows");

    public static TheoryData<string> Workflows => new(System.IO.Directory.EnumerateFiles(Directory, "*.yml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void Has_the_preview_and_the_deploy_workflow() =>
        Assert.Equal(["deploy.yml", "preview.yml"], System.IO.Directory.EnumerateFiles(Directory, "*.yml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray());

    [Fact]
    public void Preview_runs_on_pull_requests_with_read_only_defaults_and_no_cloud_access()
    {
        var preview = Load("preview.yml");

        Assert.NotNull(Node(preview, "on", "pull_request"));
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read" }, Map(preview, "permissions"));
        var job = Job(preview, "preview");
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["actions"] = "read", ["pull-requests"] = "write", ["security-events"] = "write" }, Map(job, "permissions"));
        Assert.DoesNotContain("configure-aws-credentials", Text("preview.yml"), StringComparison.Ordinal);
        Assert.DoesNotContain("id-token", Text("preview.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_builds_tests_plans_then_diffs_against_the_base_branch_with_full_history()
    {
        var steps = Steps(Job(Load("preview.yml"), "preview"));

        var runs = steps.Select(s => Scalar(s, "run") ?? "").ToList();
        int IndexOf(string command) => runs.FindIndex(r => r.Contains(command, StringComparison.Ordinal));
        Assert.True(IndexOf("make test") >= 0 && IndexOf("make test") < IndexOf("make plan") && IndexOf("make plan") < IndexOf("scripts/diff.sh HEAD^1 artifacts/diff"));
        var checkout = steps.Single(s => Scalar(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
        Assert.Equal("0", Scalar(checkout, "with", "fetch-depth"));
        // The merge commit's first parent is the base the pull request merges into; the script keeps exit 1 and 2 apart.
        var diff = steps.Single(s => Scalar(s, "id") == "diff");
        Assert.Contains("if make build; then scripts/diff.sh HEAD^1 artifacts/diff || status=$?; else status=1; fi", Scalar(diff, "run"), StringComparison.Ordinal);
        Assert.Contains("echo \"status=${status}\" >> \"$GITHUB_OUTPUT\"", Scalar(diff, "run"), StringComparison.Ordinal);
        Assert.All(steps.SkipWhile(s => Scalar(s, "run") != "make test").Skip(1), s => Assert.StartsWith("${{ !cancelled()", Scalar(s, "if"), StringComparison.Ordinal));
    }

    [Fact]
    public void Preview_updates_one_comment_found_by_the_marker_the_report_writes()
    {
        var steps = Steps(Job(Load("preview.yml"), "preview"));

        var comment = steps.Single(s => Scalar(s, "uses")?.StartsWith("actions/github-script@", StringComparison.Ordinal) == true);
        Assert.EndsWith("&& github.event.pull_request.head.repo.full_name == github.repository }}", Scalar(comment, "if"), StringComparison.Ordinal);
        var script = Scalar(comment, "with", "script")!;
        Assert.Contains("c.user?.login === 'github-actions[bot]'", script, StringComparison.Ordinal);
        Assert.Contains($"const marker = '{PreviewReport.CommentMarker}';", script, StringComparison.Ordinal);
        Assert.Contains("updateComment", script, StringComparison.Ordinal);
        Assert.Contains("createComment", script, StringComparison.Ordinal);
        Assert.Contains("readFileSync('artifacts/diff/preview.md'", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Preview_uploads_the_sarif_the_policy_gate_writes_and_fails_on_a_blocking_change()
    {
        var steps = Steps(Job(Load("preview.yml"), "preview"));

        var sarif = steps.Single(s => Scalar(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        Assert.Equal($"cdk.out/{PolicyGate.SarifReportFile}", Scalar(sarif, "with", "sarif_file"));
        Assert.EndsWith("&& github.event.pull_request.head.repo.full_name == github.repository }}", Scalar(sarif, "if"), StringComparison.Ordinal);
        var gate = steps.Last();
        Assert.Equal("${{ !cancelled() && steps.diff.outputs.status != '0' }}", Scalar(gate, "if"));
        Assert.Contains("exit 1", Scalar(gate, "run"), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_offers_exactly_the_configured_environments_and_deploys_only_from_main()
    {
        var deploy = Load("deploy.yml");

        var options = (YamlSequenceNode)Node(deploy, "on", "workflow_dispatch", "inputs", "environment", "options")!;
        Assert.Equal(EnvironmentConfigLoader.LoadAll(RepoPaths.ConfigDirectory).Select(c => c.Name), options.Select(o => ((YamlScalarNode)o).Value!).ToArray());
        Assert.Equal(["main"], ((YamlSequenceNode)Node(deploy, "on", "push", "branches")!).Select(b => ((YamlScalarNode)b).Value!).ToArray());
        var job = Job(deploy, "deploy");
        Assert.Equal("github.ref == 'refs/heads/main'", Scalar(job, "if"));
    }

    [Fact]
    public void Deploy_runs_in_the_github_environment_so_prod_waits_for_its_reviewers()
    {
        var job = Job(Load("deploy.yml"), "deploy");

        Assert.Equal("${{ inputs.environment || 'dev' }}", Scalar(job, "environment"));
        Assert.Equal(new Dictionary<string, string> { ["contents"] = "read", ["id-token"] = "write" }, Map(job, "permissions"));
    }

    [Fact]
    public void Deploy_never_runs_two_deploys_of_one_environment_and_never_cancels_one()
    {
        var deploy = Load("deploy.yml");

        Assert.Equal("deploy-${{ inputs.environment || 'dev' }}", Scalar(deploy, "concurrency", "group"));
        Assert.Equal("false", Scalar(deploy, "concurrency", "cancel-in-progress"));
    }

    [Fact]
    public void Deploy_assumes_the_role_from_config_and_deploys_the_checked_assembly_of_that_stage_only()
    {
        var steps = Steps(Job(Load("deploy.yml"), "deploy"));

        var runs = steps.Select(s => Scalar(s, "run") ?? "").ToList();
        Assert.True(runs.FindIndex(r => r == "make plan") < runs.FindIndex(r => r.Contains("cdk deploy", StringComparison.Ordinal)));
        var target = steps.Single(s => Scalar(s, "id") == "target");
        Assert.Contains("-- deploy-target \"$ENVIRONMENT\" >> \"$GITHUB_OUTPUT\"", Scalar(target, "run"), StringComparison.Ordinal);
        var credentials = steps.Single(s => Scalar(s, "uses")?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);
        Assert.Equal("${{ steps.target.outputs.role-arn }}", Scalar(credentials, "with", "role-to-assume"));
        Assert.Equal("${{ steps.target.outputs.region }}", Scalar(credentials, "with", "aws-region"));
        Assert.Equal("${{ steps.target.outputs.account }}", Scalar(credentials, "with", "allowed-account-ids"));
        var deploy = steps.Single(s => Scalar(s, "run")?.Contains("cdk deploy", StringComparison.Ordinal) == true);
        Assert.Equal("node_modules/.bin/cdk deploy --app cdk.out \"$STACKS\" --concurrency 6 --require-approval never --ci --progress events", Scalar(deploy, "run"));
        Assert.Equal("${{ steps.target.outputs.stacks }}", Scalar(deploy, "env", "STACKS"));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Pins_every_action_to_a_commit_with_its_version_beside_it(string workflow)
    {
        var uses = Text(workflow).Split('\n').Where(l => l.TrimStart().StartsWith("- uses:", StringComparison.Ordinal) || l.TrimStart().StartsWith("uses:", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(uses);
        Assert.All(uses, line => Assert.Matches(PinnedAction(), line));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Holds_no_secret_and_no_stored_cloud_key(string workflow)
    {
        var text = Text(workflow);

        Assert.DoesNotMatch(@"AKIA[0-9A-Z]{16}", text);
        Assert.DoesNotContain("aws-access-key-id", text, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-secret-access-key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("secrets.", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?im)^\s*(password|token|secret)\s*:\s*\S", text);
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Passes_untrusted_values_to_scripts_through_the_environment_and_bounds_every_job(string workflow)
    {
        var root = Load(workflow);
        foreach (var (_, job) in (YamlMappingNode)Node(root, "jobs")!)
        {
            Assert.NotNull(Scalar(job, "timeout-minutes"));
            foreach (var step in Steps(job))
            {
                // ${{ }} inside a script is pasted in before it runs: a branch name or title could inject commands.
                Assert.DoesNotContain("${{", Scalar(step, "run") ?? "", StringComparison.Ordinal);
                Assert.DoesNotContain("${{", Scalar(step, "with", "script") ?? "", StringComparison.Ordinal);
            }
        }
    }

    [GeneratedRegex(@"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")]
    private static partial Regex PinnedAction();

    private static string Text(string workflow) => File.ReadAllText(Path.Combine(Directory, workflow)).ReplaceLineEndings("\n");

    private static YamlNode Load(string workflow)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Text(workflow)));
        return Assert.Single(stream.Documents).RootNode;
    }

    private static YamlNode Job(YamlNode workflow, string name) => Node(workflow, "jobs", name) ?? throw new InvalidOperationException($"no job {name}");

    private static List<YamlNode> Steps(YamlNode job) => ((YamlSequenceNode)Node(job, "steps")!).ToList();

    private static YamlNode? Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }

    private static string? Scalar(YamlNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static Dictionary<string, string> Map(YamlNode node, params string[] path) =>
        ((YamlMappingNode)Node(node, path)!).Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => ((YamlScalarNode)c.Value).Value!);
}
