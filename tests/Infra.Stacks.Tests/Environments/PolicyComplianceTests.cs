using System.Linq;
using Infra.Policies;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

[Collection(EnvironmentsCollection.Name)]
public sealed class PolicyComplianceTests
{
    private readonly SynthesizedEnvironments _env;

    public PolicyComplianceTests(SynthesizedEnvironments environments) => _env = environments;

    private PolicyReport Report() => _env.Policy;

    [Fact]
    public void Every_environment_passes_the_pack_with_no_unsuppressed_error()
    {
        var report = Report();
        Assert.True(report.Passed, string.Join("\n", report.Blocking.Select(f => $"{f.Rule.Id} {f.StackName} {f.Path}: {f.Message}")));
        Assert.Equal(["dev", "prod", "staging"], report.Templates.Select(t => t.Environment ?? "").Distinct().Order().ToArray());
    }

    [Fact]
    public void Every_suppression_is_valid_and_says_why()
    {
        var report = Report();
        Assert.NotEmpty(report.Suppressions);
        Assert.All(report.Suppressions, s =>
        {
            Assert.True(s.IsValid, $"{s.StackName} {s.Path}: {s.Suppression.RuleId}");
            Assert.True(s.Suppression.Reason.Length >= PolicySuppressions.MinimumReasonLength);
        });
    }

    [Fact]
    public void Suppresses_only_what_access_log_targets_cannot_do_in_the_storage_stacks()
    {
        var suppressed = Report().Suppressions.Where(s => s.StackName.Contains("-storage", System.StringComparison.Ordinal))
            .Select(s => (s.Suppression.RuleId, Resource: s.Path.Split('/')[2])).Distinct().Order().ToArray();
        Assert.Equal([("INFRA-S3-4", "AccessLogs"), ("INFRA-S3-7", "AccessLogs")], suppressed);
    }

    [Fact]
    public void Prod_data_is_guarded_by_the_data_loss_rules_with_nothing_suppressed()
    {
        var prod = Report().Findings.Where(f => f.Environment == "prod" && f.Rule.Service == "DataLoss").ToList();
        Assert.Empty(prod);
    }
}
