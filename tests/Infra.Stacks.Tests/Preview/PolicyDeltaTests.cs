using System.Linq;
using System.Text.Json.Nodes;
using Infra.Stacks.Preview;
using Xunit;

namespace Infra.Stacks.Tests.Preview;

public sealed class PolicyDeltaTests
{
    [Fact]
    public void Blocks_an_introduced_error_and_lists_an_introduced_warning()
    {
        var changes = PolicyDelta.Compare(Report(), Report(Finding("e1", "INFRA-S3-1", "error"), Finding("w1", "INFRA-LOGS-2", "warning")));

        Assert.Equal(["INFRA-S3-1 introduced blocking", "INFRA-LOGS-2 introduced"], changes.Select(Line));
    }

    [Fact]
    public void Lists_a_fixed_finding_last_and_never_blocks_on_it()
    {
        var changes = PolicyDelta.Compare(Report(Finding("e1", "INFRA-S3-1", "error"), Finding("w1", "INFRA-LOGS-2", "warning")), Report(Finding("w2", "INFRA-KMS-1", "warning")));

        Assert.Equal(["INFRA-KMS-1 introduced", "INFRA-S3-1 fixed", "INFRA-LOGS-2 fixed"], changes.Select(Line));
    }

    [Fact]
    public void Tracks_suppressions_coming_and_going()
    {
        var changes = PolicyDelta.Compare(
            Report(Finding("a", "INFRA-A", "error"), Finding("b", "INFRA-B", "error", suppressed: "accepted risk")),
            Report(Finding("a", "INFRA-A", "error", suppressed: "a reason"), Finding("b", "INFRA-B", "error"), Finding("c", "INFRA-C", "error", suppressed: "known")));

        Assert.Equal(["INFRA-A now suppressed: a reason", "INFRA-B no longer suppressed blocking", "INFRA-C introduced, suppressed: known"], changes.OrderBy(c => c.RuleId).Select(Line));
    }

    [Fact]
    public void Says_an_introduced_warning_on_cdk_machinery_is_demoted_and_which_kind_it_is()
    {
        var demoted = Finding("m", "INFRA-IAM-4", "warning");
        demoted["demotedBecause"] = "the CDK's";
        demoted["cdkMachinery"] = new JsonObject { ["id"] = "cdk-custom-resource-provider", ["name"] = "CDK custom-resource provider", ["reason"] = "the CDK's" };

        var changes = PolicyDelta.Compare(Report(), Report(demoted));

        Assert.Equal(["INFRA-IAM-4 introduced on CDK machinery (CDK custom-resource provider), demoted"], changes.Select(Line));
    }

    [Fact]
    public void Finds_nothing_between_equal_reports()
    {
        Assert.Empty(PolicyDelta.Compare(Report(Finding("a", "INFRA-A", "error")), Report(Finding("a", "INFRA-A", "error"))));
    }

    private static string Line(PolicyFindingChange c) => $"{c.RuleId} {c.Change}{(c.IsBlocking ? " blocking" : "")}";

    private static JsonObject Report(params JsonObject[] findings) => new() { ["findings"] = new JsonArray(findings) };

    private static JsonObject Finding(string fingerprint, string rule, string level, string? suppressed = null) => new()
    {
        ["ruleId"] = rule, ["level"] = level, ["environment"] = "prod", ["stack"] = "infra-prod-storage", ["logicalId"] = "Data",
        ["message"] = "m", ["suppressedBecause"] = suppressed, ["fingerprint"] = fingerprint,
    };
}
