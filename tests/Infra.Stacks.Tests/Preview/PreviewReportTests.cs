using System;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Stacks.Preview;
using Xunit;

namespace Infra.Stacks.Tests.Preview;

public sealed class PreviewReportTests
{
    private static readonly ResourceChange ReplacedDatabase = new(
        "AuroraCluster", "AWS::RDS::DBCluster", ChangeKind.Replaced, [new PropertyChange("StorageEncrypted", PropertyImpact.Replace, "true", "false")],
        "database", "database replaced (a new, empty one is created) by a change to StorageEncrypted");

    private static readonly ResourceChange TaggedTopic = new(
        "Alerts", "AWS::SNS::Topic", ChangeKind.Modified, [new PropertyChange("Tags[0].Value", PropertyImpact.Update, "\"a|b\"", "\"c\"")], null, null);

    [Fact]
    public void Starts_with_the_marker_the_workflow_updates_and_the_verdict()
    {
        var markdown = PreviewReport.Markdown(Result(Stack("prod", "infra-prod-database-us-east-1", ReplacedDatabase)));

        Assert.StartsWith(PreviewReport.CommentMarker + Environment.NewLine + "## Infra preview: `origin/main @ 1a2b3c4` → `feature + working tree`", markdown, StringComparison.Ordinal);
        Assert.Contains("**⛔ 1 blocking change.**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Puts_the_summary_table_before_the_collapsible_details()
    {
        var markdown = PreviewReport.Markdown(Result(
            Stack("dev", "infra-dev-platform", TaggedTopic),
            Stack("prod", "infra-prod-database-us-east-1", ReplacedDatabase),
            new StackChange("prod", "infra-prod-storage", "us-east-1", StackStatus.Unchanged, [])));

        var table = markdown.IndexOf("| Environment | Stack | Region | Added | Modified | Replaced | Removed | Blocking |", StringComparison.Ordinal);
        Assert.True(table > 0 && table < markdown.IndexOf("<details>", StringComparison.Ordinal));
        Assert.Contains("| dev | `infra-dev-platform` | us-east-1 | 0 | 1 | 0 | 0 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| prod | `infra-prod-database-us-east-1` | us-east-1 | 0 | 0 | 1 | 0 | **1** |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| prod | `infra-prod-storage`", markdown, StringComparison.Ordinal);
        Assert.Contains("2 of 3 stacks change (1 unchanged", markdown, StringComparison.Ordinal);
        Assert.Contains("<details><summary>prod / infra-prod-database-us-east-1 (us-east-1): 1 replaced ⛔</summary>", markdown, StringComparison.Ordinal);
        Assert.Contains("| **replaced** ⛔ | `AuroraCluster` | AWS::RDS::DBCluster | `StorageEncrypted` `true` → `false` _(requires replacement)_ |", markdown, StringComparison.Ordinal);
        Assert.Contains("- **prod** `infra-prod-database-us-east-1`: `AuroraCluster` (AWS::RDS::DBCluster): database replaced", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Escapes_pipes_so_values_cannot_break_the_table()
    {
        var markdown = PreviewReport.Markdown(Result(Stack("dev", "infra-dev-platform", TaggedTopic)));

        Assert.Contains("`Tags[0].Value` `\"a\\|b\"` → `\"c\"` _(update)_", markdown, StringComparison.Ordinal);
        Assert.Contains("**✅ No blocking change.**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_the_policy_delta_with_blocking_errors_in_bold()
    {
        var markdown = PreviewReport.Markdown(Result([], [
            new PolicyFindingChange("INFRA-S3-1", "error", "prod", "infra-prod-storage", "Data", "Public access | open", "introduced", true),
            new PolicyFindingChange("INFRA-LOGS-2", "warning", "dev", "infra-dev-network", "Logs", "No key", "fixed", false),
        ]));

        Assert.Contains("1 errors and 0 warnings introduced or changed, 1 fixed.", markdown, StringComparison.Ordinal);
        Assert.Contains("| **introduced** | INFRA-S3-1 | error | prod | `infra-prod-storage` | `Data` | Public access \\| open |", markdown, StringComparison.Ordinal);
        Assert.Contains("| fixed | INFRA-LOGS-2 | warning | dev |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_when_the_policy_delta_cannot_be_computed()
    {
        Assert.Contains("Not compared: one side has no policy report", PreviewReport.Markdown(Result([], null)), StringComparison.Ordinal);
    }

    [Fact]
    public void Drops_details_rather_than_exceed_one_comment()
    {
        var many = Enumerable.Range(0, 300).Select(i => new ResourceChange(
            $"Function{i}", "AWS::Lambda::Function", ChangeKind.Modified,
            [new PropertyChange("Code.S3Key", PropertyImpact.Update, $"\"{new string('a', 64)}.zip\"", $"\"{new string('b', 64)}.zip\"")], null, null)).ToArray();
        var stacks = Enumerable.Range(0, 6).Select(i => Stack("dev", $"infra-dev-{i}", many)).ToArray();

        var markdown = PreviewReport.Markdown(Result(stacks));

        Assert.True(markdown.Length <= PreviewReport.MaxCommentLength, $"{markdown.Length} characters");
        Assert.Contains("| dev | `infra-dev-5` |", markdown, StringComparison.Ordinal);
        Assert.Contains("left out to fit one comment", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Caps_the_blocking_list_and_the_policy_table_too()
    {
        var blocking = Enumerable.Range(0, 400).Select(i => ReplacedDatabase with { LogicalId = $"Cluster{i}" }).ToArray();
        var findings = Enumerable.Range(0, 400).Select(i => new PolicyFindingChange(
            "INFRA-S3-1", "error", "prod", "infra-prod-storage", $"Bucket{i}", new string('m', 1000), "introduced", true)).ToArray();

        var markdown = PreviewReport.Markdown(Result([Stack("prod", "infra-prod-database-us-east-1", blocking)], findings));

        Assert.True(markdown.Length <= PreviewReport.MaxCommentLength, $"{markdown.Length} characters");
        Assert.Contains("**⛔ 800 blocking changes.**", markdown, StringComparison.Ordinal);
        Assert.Contains($"- … and {400 - PreviewReport.MaxListedItems} more (preview.json lists every one).", markdown, StringComparison.Ordinal);
        Assert.Contains($"… and {400 - PreviewReport.MaxListedItems} more findings (preview.json lists every one).", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeats_every_end_of_support_warning_with_its_date_even_when_nothing_changes()
    {
        var notice = new Infra.Stacks.SupportNotice("prod", "infra-prod-cluster", "Config.version is 1.35: EKS standard support ends on 2027-03-27, 112 days after ...");
        var result = Result() with { Notices = [notice] };

        var markdown = PreviewReport.Markdown(result);
        Assert.Contains("**✅ No change to any stack.**", markdown, StringComparison.Ordinal);
        Assert.Contains("### ⚠️ End of support ahead" + Environment.NewLine + Environment.NewLine + "- **prod** `infra-prod-cluster`: Config.version is 1.35: EKS standard support ends on 2027-03-27", markdown, StringComparison.Ordinal);
        Assert.False(result.IsBlocking);
        Assert.Equal("infra-prod-cluster", (string?)JsonNode.Parse(PreviewReport.Json(result))!["notices"]![0]!["stack"]);
    }

    [Fact]
    public void Writes_json_for_tools()
    {
        var json = JsonNode.Parse(PreviewReport.Json(Result(Stack("prod", "infra-prod-database-us-east-1", ReplacedDatabase))))!;

        Assert.True((bool)json["blocking"]!);
        var stack = json["stacks"]![0]!;
        Assert.Equal("changed", (string?)stack["status"]);
        Assert.Equal(1, (int)stack["replaced"]!);
        var resource = stack["resources"]![0]!;
        Assert.Equal("replaced", (string?)resource["change"]);
        Assert.Equal("database", (string?)resource["stateful"]);
        Assert.Equal("replace", (string?)resource["properties"]![0]!["impact"]);
        Assert.Equal("false", (string?)resource["properties"]![0]!["new"]);
        Assert.Empty(json["policy"]!.AsArray());
    }

    private static StackChange Stack(string environment, string name, params ResourceChange[] resources) =>
        new(environment, name, "us-east-1", StackStatus.Changed, resources);

    private static PreviewResult Result(params StackChange[] stacks) => Result(stacks, []);

    private static PreviewResult Result(StackChange[] stacks, PolicyFindingChange[]? policy) =>
        new("origin/main @ 1a2b3c4", "feature + working tree", "@aws-cdk/cloudformation-diff@2.187.5", stacks, policy);
}
