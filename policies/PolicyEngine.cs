using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies;

/// <summary>
/// One finding: a rule, a resource, what is wrong, whether the resource is CDK machinery and, when acknowledged, the
/// suppression.
/// </summary>
public sealed record PolicyFinding(
    RuleInfo Rule,
    string StackName,
    string? Environment,
    string TemplateFile,
    string LogicalId,
    string ResourceType,
    string Path,
    string Message,
    string? FindingId,
    Suppression? SuppressedBy)
{
    /// <summary>
    /// The kind of CDK machinery the resource is (<see cref="CdkMachinery.Classify(TemplateResource)"/>); <c>null</c>
    /// when the code defines it, and for template rules.
    /// </summary>
    public CdkMachineryKind? Machinery { get; init; }

    /// <summary>An unsuppressed error: blocks synth and deploy, on CDK machinery too.</summary>
    public bool IsBlocking => Rule.Level == PolicyLevel.Error && SuppressedBy is null;

    /// <summary>Whether a suppression acknowledged it.</summary>
    public bool IsSuppressed => SuppressedBy is not null;

    /// <summary>
    /// An unsuppressed warning on CDK machinery: not counted among the warnings, reported as its own group with the
    /// kind's reason (<see cref="CdkMachineryKind.Reason"/>). Errors are never demoted.
    /// </summary>
    public bool IsDemoted => Machinery is not null && Rule.Level == PolicyLevel.Warning && SuppressedBy is null;
}

/// <summary>A suppression as declared on a resource, and whether it is valid.</summary>
public sealed record DeclaredSuppression(string StackName, string LogicalId, string Path, Suppression Suppression, bool IsValid);

/// <summary>The result of running a pack over templates.</summary>
public sealed record PolicyReport(
    IReadOnlyList<IPolicyRule> Rules,
    IReadOnlyList<TemplateDocument> Templates,
    IReadOnlyList<PolicyFinding> Findings,
    IReadOnlyList<DeclaredSuppression> Suppressions)
{
    /// <summary>Unsuppressed errors.</summary>
    public IEnumerable<PolicyFinding> Blocking => Findings.Where(f => f.IsBlocking);

    /// <summary>Whether nothing blocks.</summary>
    public bool Passed => !Blocking.Any();

    /// <summary>Unsuppressed warnings on what the code defines (demoted ones left out).</summary>
    public IEnumerable<PolicyFinding> Warnings => Findings.Where(f => f.Rule.Level == PolicyLevel.Warning && !f.IsSuppressed && !f.IsDemoted);

    /// <summary>Unsuppressed warnings on CDK machinery (<see cref="PolicyFinding.IsDemoted"/>).</summary>
    public IEnumerable<PolicyFinding> Demoted => Findings.Where(f => f.IsDemoted);
}

/// <summary>Runs a pack over templates. Pure: templates in, report out.</summary>
public static class PolicyEngine
{
    /// <summary>
    /// Evaluates every resource rule of <paramref name="pack"/> against every resource of every template, and every
    /// template rule (<see cref="ITemplateRule"/>) once against each template.
    /// </summary>
    public static PolicyReport Evaluate(PolicyPack pack, IEnumerable<TemplateDocument> templates)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(templates);
        var documents = templates.ToList();
        var findings = new List<PolicyFinding>();
        var suppressions = new List<DeclaredSuppression>();
        var resourceRules = pack.Rules.Where(r => r is not ITemplateRule and not IEnvironmentRule && r != SuppressionRule.Instance).ToList();
        var templateRules = pack.Rules.OfType<ITemplateRule>().ToList();
        var environmentRules = pack.Rules.OfType<IEnvironmentRule>().ToList();
        foreach (var template in documents)
        {
            var scope = Location.Of(template);
            suppressions.AddRange(CheckSuppressions(pack, scope, findings, templateLevel: true));
            foreach (var rule in templateRules)
            {
                Report(pack, rule, scope, Run(() => rule.CheckTemplate(template), "template"), findings);
            }

            foreach (var resource in template.Resources)
            {
                var location = Location.Of(resource);
                suppressions.AddRange(CheckSuppressions(pack, location, findings, templateLevel: false));
                foreach (var rule in resourceRules.Where(r => r.ResourceTypes.Count == 0 || r.ResourceTypes.Contains(resource.Type)))
                {
                    Report(pack, rule, location, Run(() => rule.Check(resource), "resource"), findings);
                }
            }
        }

        foreach (var environment in documents.GroupBy(d => d.Environment ?? "", StringComparer.Ordinal))
        {
            var group = environment.ToList();
            foreach (var rule in environmentRules)
            {
                RunEnvironmentRule(pack, rule, group, findings);
            }
        }

        return new PolicyReport(pack.Rules, documents, findings, suppressions);
    }

    // Each finding lands on its resource, with that resource's suppressions; a rule that throws is reported on the
    // environment's first template.
    private static void RunEnvironmentRule(PolicyPack pack, IEnvironmentRule rule, List<TemplateDocument> group, List<PolicyFinding> findings)
    {
        List<EnvironmentViolation> found;
        try
        {
            found = rule.CheckEnvironment(group).ToList();
        }
#pragma warning disable CA1031 // A faulty rule must not hide every other rule's findings.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Report(pack, rule, Location.Of(group[0]), [new Violation($"The rule failed on this environment ({e.GetType().Name}: {e.Message}); treat its templates as unchecked and fix the rule.", "RuleFailure")], findings);
            return;
        }

        foreach (var finding in found)
        {
            Report(pack, rule, Location.Of(finding.Resource), [finding.Violation], findings);
        }
    }

    private static void Report(PolicyPack pack, IPolicyRule rule, Location location, List<Violation> violations, List<PolicyFinding> findings)
    {
        foreach (var violation in violations)
        {
            var suppression = location.Suppressions.FirstOrDefault(s => Covers(s, rule, violation) && IsValid(pack, s));
            findings.Add(Finding(rule.Info, location, violation, suppression));
        }
    }

    private static List<Violation> Run(Func<IEnumerable<Violation>> check, string subject)
    {
        try
        {
            // Materialize inside the try: a rule that throws becomes a finding on the resource, not a crashed synth.
            return check().ToList();
        }
#pragma warning disable CA1031 // A faulty rule must not hide every other rule's findings.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [new Violation($"The rule failed on this {subject} ({e.GetType().Name}: {e.Message}); treat the {subject} as unchecked and fix the rule.", "RuleFailure")];
        }
    }

    private static IEnumerable<DeclaredSuppression> CheckSuppressions(PolicyPack pack, Location location, List<PolicyFinding> findings, bool templateLevel)
    {
        foreach (var s in location.Suppressions)
        {
            var valid = IsValid(pack, s);
            if (!pack.ById.TryGetValue(s.RuleId, out var rule))
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, location,
                    new Violation($"suppresses '{s.RuleId}', which is not a rule of this pack; fix the id (see RULES.md) or remove the suppression.", s.RuleId), null));
            }
            else if (s.RuleId == SuppressionRule.Instance.Info.Id)
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, location,
                    new Violation($"suppresses {s.RuleId}, which cannot be suppressed.", s.RuleId), null));
            }
            else if (templateLevel && rule is not ITemplateRule)
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, location,
                    new Violation($"suppresses {s.RuleId} in the template's metadata, which only covers template rules; suppress it on the resource instead.", s.RuleId), null));
            }

            if (s.Reason.Trim().Length < PolicySuppressions.MinimumReasonLength)
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, location,
                    new Violation($"suppresses {s.RuleId} with the reason '{s.Reason}'; give at least {PolicySuppressions.MinimumReasonLength} characters saying why the rule does not apply.", s.RuleId), null));
            }

            yield return new DeclaredSuppression(location.Template.StackName, location.LogicalId, location.Path, s, valid);
        }
    }

    private static bool IsValid(PolicyPack pack, Suppression s) =>
        pack.ById.ContainsKey(s.RuleId) && s.RuleId != SuppressionRule.Instance.Info.Id && s.Reason.Trim().Length >= PolicySuppressions.MinimumReasonLength;

    private static bool Covers(Suppression s, IPolicyRule rule, Violation violation) =>
        s.RuleId == rule.Info.Id && (s.AppliesTo.Count == 0 || (violation.FindingId is not null && s.AppliesTo.Contains(violation.FindingId)));

    private static PolicyFinding Finding(RuleInfo rule, Location location, Violation violation, Suppression? suppression) =>
        new(rule, location.Template.StackName, location.Template.Environment, location.Template.FilePath, location.LogicalId,
            location.Type, location.Path, violation.Message, violation.FindingId, suppression)
        {
            Machinery = location.LogicalId == TemplateDocument.TemplateScope ? null : CdkMachinery.Classify(location.Path, location.Template),
        };

    /// <summary>Where findings land: a resource, or the template itself for template rules.</summary>
    private sealed record Location(TemplateDocument Template, string LogicalId, string Type, string Path, IReadOnlyList<Suppression> Suppressions)
    {
        public static Location Of(TemplateResource r) => new(r.Template, r.LogicalId, r.Type, r.Path, r.Suppressions);

        public static Location Of(TemplateDocument t) =>
            new(t, TemplateDocument.TemplateScope, TemplateDocument.TemplateScope, TemplateDocument.TemplateScope, t.Suppressions);
    }
}
