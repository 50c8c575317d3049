using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Tests.Rules;

/// <summary>
/// A raw CloudFormation fixture for one rule: the template's <c>Resources</c> (JSON), the environment it is evaluated
/// in, and the exact messages the rule must report (none for a compliant fixture).
/// </summary>
/// <param name="RuleId">The rule under test.</param>
/// <param name="Case">What the fixture shows, as a phrase.</param>
/// <param name="Resources">The <c>Resources</c> object of the template, as JSON.</param>
/// <param name="Expected">The exact violation messages, in order; empty when compliant.</param>
/// <param name="Profile">The profile the template's environment declares (<c>production</c> for the production-only rules); <c>null</c> when none.</param>
public sealed record RuleFixture(string RuleId, string Case, string Resources, IReadOnlyList<string> Expected, string? Profile = null)
{
    /// <summary>Whether the fixture is compliant.</summary>
    public bool IsCompliant => Expected.Count == 0;

    /// <summary>A compliant fixture.</summary>
    public static RuleFixture Compliant(string ruleId, string @case, string resources, string? profile = null) =>
        new(ruleId, @case, resources, [], profile);

    /// <summary>A non-compliant fixture with the exact messages expected.</summary>
    public static RuleFixture NonCompliant(string ruleId, string @case, string resources, params string[] expected) =>
        new(ruleId, @case, resources, expected);

    /// <summary>
    /// The exact finding ids (<see cref="Violation.FindingId"/>) of a granular rule, in the order of
    /// <see cref="Expected"/>; <c>null</c> when the fixture does not check them.
    /// </summary>
    public IReadOnlyList<string?>? ExpectedFindingIds { get; init; }

    /// <summary>The stack's termination protection, as a cloud assembly's manifest gives it; <c>null</c> for a loose template.</summary>
    public bool? TerminationProtection { get; init; }

    /// <summary>The same fixture in a stack with (or without) termination protection.</summary>
    public RuleFixture InStackWithTerminationProtection(bool protection) => this with { TerminationProtection = protection };

    /// <summary>The same fixture evaluated in an environment of another profile.</summary>
    public RuleFixture In(string profile) => this with { Profile = profile };

    /// <summary>The same fixture, also asserting the finding ids of its violations, in order.</summary>
    public RuleFixture WithFindingIds(params string?[] findingIds) => this with { ExpectedFindingIds = findingIds };

    /// <summary>Runs the rule alone over the fixture and returns its messages.</summary>
    public IReadOnlyList<string> Run() => RunFindings().Select(f => f.Message).ToList();

    /// <summary>Runs the rule alone over the fixture and returns its findings.</summary>
    public IReadOnlyList<PolicyFinding> RunFindings()
    {
        var template = new TemplateDocument(new JsonObject { ["Resources"] = JsonNode.Parse(Resources)!.AsObject() }, "Fixture", "fixture.json", null)
        {
            Profile = Profile,
            TerminationProtection = TerminationProtection,
        };
        var pack = new PolicyPack([PolicyPack.Default.ById[RuleId]]);
        return PolicyEngine.Evaluate(pack, [template]).Findings.Where(f => f.Rule.Id == RuleId).ToList();
    }

    /// <inheritdoc />
    public override string ToString() => $"{RuleId}: {Case}";
}
