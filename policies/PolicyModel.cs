using System;
using System.Collections.Generic;

namespace Infra.Policies;

/// <summary>How a finding is treated: errors block synth and deploy, warnings advise.</summary>
public enum PolicyLevel
{
    /// <summary>Blocks: <c>cdk synth</c>, <c>cdk deploy</c> and <c>make plan</c> fail.</summary>
    Error = 0,

    /// <summary>Advises: printed and reported, never blocking.</summary>
    Warning = 1,
}

/// <summary>What a rule is: its id, level and the words a reader needs to act on a finding.</summary>
/// <param name="Id">The stable rule id (for example <c>INFRA-S3-1</c>); suppressions name it.</param>
/// <param name="Level">Error or warning.</param>
/// <param name="Service">The service area, for grouping (<c>S3</c>, <c>IAM</c>, ...).</param>
/// <param name="Title">What the rule checks, in one line.</param>
/// <param name="Why">Why it matters.</param>
/// <param name="Fix">How to comply.</param>
/// <param name="CdkNag">The cdk-nag rule it mirrors, if any (for example <c>AwsSolutions-S10</c>).</param>
/// <param name="Checkov">The Checkov check it mirrors, if any (for example <c>CKV_AWS_21</c>).</param>
public sealed record RuleInfo(
    string Id,
    PolicyLevel Level,
    string Service,
    string Title,
    string Why,
    string Fix,
    string? CdkNag = null,
    string? Checkov = null);

/// <summary>One problem a rule found in one resource.</summary>
/// <param name="Message">What is wrong with this resource, naming the property and value.</param>
/// <param name="FindingId">For granular rules, which part failed (for example <c>Action::s3:*</c>); suppressible on its own.</param>
public sealed record Violation(string Message, string? FindingId = null);

/// <summary>
/// A policy rule: a pure function of one resource (with read access to its template for rules that relate two
/// resources). Implementations live one per file under <c>Rules/&lt;Service&gt;/</c> and are found by the pack.
/// </summary>
public interface IPolicyRule
{
    /// <summary>The rule's id, level and guidance.</summary>
    RuleInfo Info { get; }

    /// <summary>The CloudFormation types the rule looks at; the engine only calls <see cref="Check"/> for these.</summary>
    IReadOnlySet<string> ResourceTypes { get; }

    /// <summary>The violations of <paramref name="resource"/>; empty when it complies or the rule does not apply.</summary>
    IEnumerable<Violation> Check(TemplateResource resource);
}

/// <summary>A rule that applies to every resource type (tagging, data loss).</summary>
public abstract class AnyResourceRule : IPolicyRule
{
    /// <inheritdoc />
    public abstract RuleInfo Info { get; }

    /// <summary>Empty: the engine calls this rule for every resource.</summary>
    public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <inheritdoc />
    public abstract IEnumerable<Violation> Check(TemplateResource resource);
}

/// <summary>
/// A rule about a whole template rather than one resource (CloudFormation's template limits: size, resource and output
/// counts). The engine calls <see cref="CheckTemplate"/> once per template and never <see cref="IPolicyRule.Check"/>;
/// findings carry <see cref="TemplateDocument.TemplateScope"/> as their logical id, type and path, and are suppressed
/// only by suppressions in the template's own metadata (<see cref="TemplateDocument.Suppressions"/>).
/// </summary>
public interface ITemplateRule : IPolicyRule
{
    /// <summary>The violations of <paramref name="document"/>; empty when it complies.</summary>
    IEnumerable<Violation> CheckTemplate(TemplateDocument document);
}

/// <summary>The base of template rules: no resource types, no per-resource check.</summary>
public abstract class TemplateRule : ITemplateRule
{
    /// <inheritdoc />
    public abstract RuleInfo Info { get; }

    /// <summary>Empty: template rules are not called per resource.</summary>
    public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Nothing: the engine calls <see cref="CheckTemplate"/> instead.</summary>
    public IEnumerable<Violation> Check(TemplateResource resource) => [];

    /// <inheritdoc />
    public abstract IEnumerable<Violation> CheckTemplate(TemplateDocument document);
}

/// <summary>A finding of an environment rule: the resource it is about and what is wrong with it.</summary>
/// <param name="Resource">The resource the finding lands on (and whose suppressions apply).</param>
/// <param name="Violation">What is wrong.</param>
public sealed record EnvironmentViolation(TemplateResource Resource, Violation Violation);

/// <summary>
/// A rule about every template of one environment at once, for what no single template shows (a backup plan in one
/// stack covering a database in another). The engine groups templates by <see cref="TemplateDocument.Environment"/>
/// (templates of no known environment form one group) and calls <see cref="CheckEnvironment"/> once per group; each
/// finding lands on a resource and is suppressed by that resource's suppressions, like a resource rule's.
/// </summary>
public interface IEnvironmentRule : IPolicyRule
{
    /// <summary>The violations in <paramref name="templates"/>, every template of one environment; empty when it complies.</summary>
    IEnumerable<EnvironmentViolation> CheckEnvironment(IReadOnlyList<TemplateDocument> templates);
}

/// <summary>The base of environment rules: no resource types, no per-resource check.</summary>
public abstract class EnvironmentRule : IEnvironmentRule
{
    /// <inheritdoc />
    public abstract RuleInfo Info { get; }

    /// <summary>Empty: environment rules are not called per resource.</summary>
    public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Nothing: the engine calls <see cref="CheckEnvironment"/> instead.</summary>
    public IEnumerable<Violation> Check(TemplateResource resource) => [];

    /// <inheritdoc />
    public abstract IEnumerable<EnvironmentViolation> CheckEnvironment(IReadOnlyList<TemplateDocument> templates);
}
