using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Infra.Policies.Tests.Rules;

public sealed class RuleFixtureTests
{
    /// <summary>Every fixture of every service; add a service's fixture class here.</summary>
    public static IEnumerable<RuleFixture> AllFixtures => S3RuleFixtures.All
        .Concat(KmsRuleFixtures.All)
        .Concat(IamRuleFixtures.All)
        .Concat(RdsRuleFixtures.All)
        .Concat(LogsRuleFixtures.All)
        .Concat(SecretsManagerRuleFixtures.All)
        .Concat(VpcRuleFixtures.All)
        .Concat(Ec2RuleFixtures.All)
        .Concat(EksRuleFixtures.All)
        .Concat(LambdaRuleFixtures.All)
        .Concat(SqsRuleFixtures.All)
        .Concat(SnsRuleFixtures.All)
        .Concat(CostRuleFixtures.All)
        .Concat(CrossCuttingRuleFixtures.All)
        .Concat(LimitRuleFixtures.All)
        .Concat(CloudFormationRuleFixtures.All);

    public static TheoryData<RuleFixture> Fixtures => new(AllFixtures);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reports_exactly_the_expected_violations(RuleFixture fixture)
    {
        var findings = fixture.RunFindings();
        Assert.Equal(fixture.Expected, findings.Select(f => f.Message));
        if (fixture.ExpectedFindingIds is { } ids)
        {
            Assert.Equal(ids, findings.Select(f => f.FindingId));
        }
    }

    [Fact]
    public void Every_rule_has_a_compliant_and_a_non_compliant_fixture()
    {
        var missing = PolicyPack.Default.Rules
            .Where(r => r != SuppressionRule.Instance)
            .Where(r => !AllFixtures.Any(f => f.RuleId == r.Info.Id && f.IsCompliant) || !AllFixtures.Any(f => f.RuleId == r.Info.Id && !f.IsCompliant))
            .Select(r => r.Info.Id)
            .ToList();
        Assert.True(missing.Count == 0, $"Rules without both a compliant and a non-compliant fixture: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_fixture_names_a_rule_of_the_pack() =>
        Assert.All(AllFixtures, f => Assert.True(PolicyPack.Default.ById.ContainsKey(f.RuleId), $"{f} names an unknown rule"));
}
