using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Stacks;

/// <summary>One end of a support window every plan and preview repeats until the version changes.</summary>
/// <param name="Environment">The environment (<c>prod</c>).</param>
/// <param name="StackName">The stack holding the cluster.</param>
/// <param name="Message">What the rule says, with the date.</param>
public sealed record SupportNotice(string Environment, string StackName, string Message);

/// <summary>
/// The end-of-support warnings (INFRA-EKS-8) of a policy report. They are warnings, so the policy delta of a preview
/// shows them only when a change introduces them; a version that was already close to its end of support would
/// drop out of sight. <c>make diff</c> prints these on every run instead, with the date (<c>make plan</c> prints every
/// warning, grouped by rule).
/// </summary>
public static class SupportNotices
{
    /// <summary>The rules whose findings are repeated on every run.</summary>
    public static IReadOnlySet<string> RuleIds { get; } = new HashSet<string>(["INFRA-EKS-8"], StringComparer.Ordinal);

    /// <summary>The unsuppressed findings of <see cref="RuleIds"/> in <paramref name="report"/> (the JSON policy report), in report order.</summary>
    public static IReadOnlyList<SupportNotice> From(JsonObject? report) =>
        (report?["findings"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(f => RuleIds.Contains((string?)f["ruleId"] ?? "") && f["suppressedBecause"] is null)
            .Select(f => new SupportNotice((string?)f["environment"] ?? "?", (string?)f["stack"] ?? "?", (string?)f["message"] ?? ""))
            .ToList();
}
