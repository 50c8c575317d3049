using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies;

/// <summary>One finding: a rule, a resource, what is wrong and, when acknowledged, the suppression.</summary>
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
    /// <summary>An unsuppressed error: blocks synth and deploy.</summary>
    public bool IsBlocking => Rule.Level == PolicyLevel.Error && SuppressedBy is null;

    /// <summary>Whether a suppression acknowledged it.</summary>
    public bool IsSuppressed => SuppressedBy is not null;
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

    /// <summary>Unsuppressed warnings.</summary>
    public IEnumerable<PolicyFinding> Warnings => Findings.Where(f => f.Rule.Level == PolicyLevel.Warning && !f.IsSuppressed);
}

/// <summary>Runs a pack over templates. Pure: templates in, report out.</summary>
public static class PolicyEngine
{
    /// <summary>Evaluates every rule of <paramref name="pack"/> against every resource of every template.</summary>
    public static PolicyReport Evaluate(PolicyPack pack, IEnumerable<TemplateDocument> templates)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(templates);
        var documents = templates.ToList();
        var findings = new List<PolicyFinding>();
        var suppressions = new List<DeclaredSuppression>();
        foreach (var template in documents)
        {
            foreach (var resource in template.Resources)
            {
                suppressions.AddRange(CheckSuppressions(pack, resource, findings));
                foreach (var rule in pack.Rules.Where(r => r.ResourceTypes.Count == 0 || r.ResourceTypes.Contains(resource.Type)))
                {
                    foreach (var violation in Run(rule, resource))
                    {
                        var suppression = resource.Suppressions.FirstOrDefault(s => Covers(s, rule, violation) && IsValid(pack, s));
                        findings.Add(Finding(rule.Info, resource, violation, rule == SuppressionRule.Instance ? null : suppression));
                    }
                }
            }
        }

        return new PolicyReport(pack.Rules, documents, findings, suppressions);
    }

    private static List<Violation> Run(IPolicyRule rule, TemplateResource resource)
    {
        if (rule == SuppressionRule.Instance)
        {
            return [];
        }

        try
        {
            // Materialize inside the try: a rule that throws becomes a finding on the resource, not a crashed synth.
            return rule.Check(resource).ToList();
        }
#pragma warning disable CA1031 // A faulty rule must not hide every other rule's findings.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [new Violation($"The rule failed on this resource ({e.GetType().Name}: {e.Message}); treat the resource as unchecked and fix the rule.", "RuleFailure")];
        }
    }

    private static IEnumerable<DeclaredSuppression> CheckSuppressions(PolicyPack pack, TemplateResource resource, List<PolicyFinding> findings)
    {
        foreach (var s in resource.Suppressions)
        {
            var valid = IsValid(pack, s);
            if (!pack.ById.ContainsKey(s.RuleId))
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, resource,
                    new Violation($"suppresses '{s.RuleId}', which is not a rule of this pack; fix the id (see RULES.md) or remove the suppression.", s.RuleId), null));
            }
            else if (s.RuleId == SuppressionRule.Instance.Info.Id)
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, resource,
                    new Violation($"suppresses {s.RuleId}, which cannot be suppressed.", s.RuleId), null));
            }

            if (s.Reason.Trim().Length < PolicySuppressions.MinimumReasonLength)
            {
                findings.Add(Finding(SuppressionRule.Instance.Info, resource,
                    new Violation($"suppresses {s.RuleId} with the reason '{s.Reason}'; give at least {PolicySuppressions.MinimumReasonLength} characters saying why the rule does not apply.", s.RuleId), null));
            }

            yield return new DeclaredSuppression(resource.Template.StackName, resource.LogicalId, resource.Path, s, valid);
        }
    }

    private static bool IsValid(PolicyPack pack, Suppression s) =>
        pack.ById.ContainsKey(s.RuleId) && s.RuleId != SuppressionRule.Instance.Info.Id && s.Reason.Trim().Length >= PolicySuppressions.MinimumReasonLength;

    private static bool Covers(Suppression s, IPolicyRule rule, Violation violation) =>
        s.RuleId == rule.Info.Id && (s.AppliesTo.Count == 0 || (violation.FindingId is not null && s.AppliesTo.Contains(violation.FindingId)));

    private static PolicyFinding Finding(RuleInfo rule, TemplateResource resource, Violation violation, Suppression? suppression) =>
        new(rule, resource.Template.StackName, resource.Template.Environment, resource.Template.FilePath, resource.LogicalId,
            resource.Type, resource.Path, violation.Message, violation.FindingId, suppression);
}
