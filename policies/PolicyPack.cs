using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies;

/// <summary>A set of rules with unique ids. <see cref="Default"/> is every rule in this assembly.</summary>
public sealed class PolicyPack
{
    /// <summary>Creates a pack from <paramref name="rules"/>, plus the pack's own suppression rule (INFRA-POLICY-1).</summary>
    /// <exception cref="ArgumentException">Two rules share an id.</exception>
    public PolicyPack(IEnumerable<IPolicyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.Where(r => r != SuppressionRule.Instance).Append(SuppressionRule.Instance).OrderBy(r => r.Info.Service, StringComparer.Ordinal).ThenBy(r => r.Info.Id, IdComparer.Instance).ToList();
        var duplicate = Rules.GroupBy(r => r.Info.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Rule id {duplicate.Key} is used by {string.Join(", ", duplicate.Select(r => r.GetType().Name))}.", nameof(rules));
        }

        ById = Rules.ToDictionary(r => r.Info.Id, StringComparer.Ordinal);
    }

    /// <summary>Every rule of this assembly (one public class per rule, with a parameterless constructor).</summary>
    public static PolicyPack Default { get; } = new(typeof(PolicyPack).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IPolicyRule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IPolicyRule)Activator.CreateInstance(t)!));

    /// <summary>The rules, by service and id.</summary>
    public IReadOnlyList<IPolicyRule> Rules { get; }

    /// <summary>The rules by id.</summary>
    public IReadOnlyDictionary<string, IPolicyRule> ById { get; }

    /// <summary>Orders ids like INFRA-S3-2 before INFRA-S3-10.</summary>
    internal sealed class IdComparer : IComparer<string>
    {
        public static readonly IdComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var (px, nx) = Split(x ?? "");
            var (py, ny) = Split(y ?? "");
            var prefix = string.CompareOrdinal(px, py);
            return prefix != 0 ? prefix : nx.CompareTo(ny);
        }

        private static (string Prefix, int Number) Split(string id)
        {
            var dash = id.LastIndexOf('-');
            return dash > 0 && int.TryParse(id[(dash + 1)..], out var n) ? (id[..dash], n) : (id, 0);
        }
    }
}

/// <summary>
/// The pack's own rule: a suppression must name a rule of the pack and carry a reason. Raised by the engine, never
/// suppressible, so an acknowledgement can never silently hide nothing or hide something without saying why.
/// </summary>
public sealed class SuppressionRule : IPolicyRule
{
    /// <summary>The one instance the engine uses.</summary>
    public static SuppressionRule Instance { get; } = new();

    private SuppressionRule()
    {
    }

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-POLICY-1",
        PolicyLevel.Error,
        "Policy",
        "Suppressions name a rule of the pack and give a reason of at least 10 characters",
        "A suppression of an unknown rule (a typo, a removed rule) hides nothing and misleads reviewers; one without a reason cannot be reviewed.",
        "Name an existing rule id (see RULES.md) and say why it does not apply to this resource.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = new HashSet<string>();

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) => [];
}
