using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Infra.Stacks.Preview;

/// <summary>Renders a preview as one pull-request comment (Markdown) and as JSON for tools.</summary>
public static class PreviewReport
{
    /// <summary>The first line of the comment: the workflow finds and updates its one comment by it.</summary>
    public const string CommentMarker = "<!-- infra-preview -->";

    /// <summary>GitHub refuses comments over 65,536 characters; details are dropped, stack by stack, to stay below.</summary>
    public const int MaxCommentLength = 60_000;

    /// <summary>The most blocking changes, and policy findings, listed in the comment; the JSON has them all.</summary>
    public const int MaxListedItems = 60;

    /// <summary>The Markdown comment: verdict, summary table, blocking changes, policy delta, then details per stack.</summary>
    public static string Markdown(PreviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var head = new StringBuilder();
        head.AppendLine(CommentMarker);
        head.AppendLine($"## Infra preview: `{result.BaseLabel}` → `{result.HeadLabel}`");
        head.AppendLine();
        var changed = result.Stacks.Where(s => s.Status != StackStatus.Unchanged).ToList();
        if (result.IsBlocking)
        {
            head.AppendLine($"**⛔ {result.BlockingCount} blocking change{(result.BlockingCount == 1 ? "" : "s")}.** A stateful resource would be replaced or deleted, a deploy would fail, a policy error is introduced, or an environment goes over a budget its file enforces. Fix it, or have it reviewed and merged deliberately.");
        }
        else
        {
            head.AppendLine(changed.Count == 0 ? "**✅ No change to any stack.**" : "**✅ No blocking change.** No stateful resource is replaced or deleted and no policy error is introduced.");
        }

        head.AppendLine();
        if (result.Notices.Count > 0)
        {
            head.AppendLine("### ⚠️ End of support ahead");
            head.AppendLine();
            foreach (var notice in result.Notices)
            {
                head.AppendLine($"- **{notice.Environment}** {Code(notice.StackName)}: {Escape(notice.Message)}");
            }

            head.AppendLine();
        }

        if (changed.Count > 0)
        {
            head.AppendLine("| Environment | Stack | Region | Added | Modified | Replaced | Removed | Blocking |");
            head.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
            foreach (var s in changed)
            {
                var stackLabel = s.Status switch { StackStatus.Added => $"{s.StackName} (new)", StackStatus.Removed => $"{s.StackName} (gone)", _ => s.StackName };
                var replaced = s.Count(ChangeKind.Replaced) + s.Count(ChangeKind.MayBeReplaced);
                var removed = s.Count(ChangeKind.Removed) + s.Count(ChangeKind.Orphaned);
                var blocking = s.BlockingCount;
                head.AppendLine($"| {s.Environment} | {Code(stackLabel)} | {s.Region} | {s.Count(ChangeKind.Added)} | {s.Count(ChangeKind.Modified)} | {replaced} | {removed} | {(blocking > 0 ? $"**{blocking}**" : "0")} |");
            }

            head.AppendLine();
        }

        var unchanged = result.Stacks.Count - changed.Count;
        head.AppendLine($"{changed.Count} of {result.Stacks.Count} stacks change ({unchanged} unchanged, nested stacks counted). Engine: {result.Engine}, offline, template against template.");
        head.AppendLine();

        var blockingChanges = result.Stacks.SelectMany(s => s.Blocking.Select(r => (Stack: s, Resource: r))).ToList();
        var conflicts = result.Stacks.SelectMany(s => s.ExportConflicts.Select(c => (Stack: s, Conflict: c))).ToList();
        if (blockingChanges.Count + conflicts.Count > 0)
        {
            head.AppendLine("### Blocking");
            head.AppendLine();
            var lines = blockingChanges.Select(b => $"- **{b.Stack.Environment}** {Code(b.Stack.StackName)}: {Code(b.Resource.LogicalId)} ({b.Resource.Type}): {Escape(b.Resource.BlockingReason!)}")
                .Concat(conflicts.Select(c => $"- **{c.Stack.Environment}** {Code(c.Stack.StackName)}: {Escape(c.Conflict)}"))
                .ToList();
            foreach (var line in lines.Take(MaxListedItems))
            {
                head.AppendLine(line);
            }

            if (lines.Count > MaxListedItems)
            {
                head.AppendLine($"- … and {lines.Count - MaxListedItems} more (preview.json lists every one).");
            }

            head.AppendLine();
        }

        head.Append(Cost.CostDelta.Markdown(result.Cost));
        AppendPolicy(head, result.Policy);
        DeployPlanDelta.AppendMarkdown(head, result.DeployPlan);

        var details = changed.Select(Details).ToList();
        var footer = $"{Environment.NewLine}<sub>`make diff BASE=<ref>` reproduces this locally; the full report is the `preview` artifact (preview.md, preview.json).</sub>{Environment.NewLine}";
        var body = new StringBuilder(head.ToString());
        var dropped = 0;
        foreach (var detail in details)
        {
            if (body.Length + detail.Length + footer.Length > MaxCommentLength)
            {
                dropped++;
                continue;
            }

            body.Append(detail);
        }

        if (dropped > 0)
        {
            body.AppendLine($"{Environment.NewLine}_Details of {dropped} stack{(dropped == 1 ? "" : "s")} left out to fit one comment._");
        }

        body.Append(footer);
        return body.ToString();
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    /// <summary>The same preview as JSON: every stack, every changed resource and value, and the policy delta.</summary>
    public static string Json(PreviewResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new JsonObject
        {
            ["base"] = result.BaseLabel,
            ["head"] = result.HeadLabel,
            ["engine"] = result.Engine,
            ["blocking"] = result.IsBlocking,
            ["blockingCount"] = result.BlockingCount,
            ["stacks"] = new JsonArray(result.Stacks.Select(s => (JsonNode?)new JsonObject
            {
                ["environment"] = s.Environment,
                ["stack"] = s.StackName,
                ["region"] = s.Region,
                ["status"] = Name(s.Status.ToString()),
                ["added"] = s.Count(ChangeKind.Added),
                ["modified"] = s.Count(ChangeKind.Modified),
                ["replaced"] = s.Count(ChangeKind.Replaced) + s.Count(ChangeKind.MayBeReplaced),
                ["removed"] = s.Count(ChangeKind.Removed) + s.Count(ChangeKind.Orphaned),
                ["exportConflicts"] = new JsonArray(s.ExportConflicts.Select(c => (JsonNode?)c).ToArray()),
                ["resources"] = new JsonArray(s.Resources.Select(r => (JsonNode?)new JsonObject
                {
                    ["logicalId"] = r.LogicalId,
                    ["type"] = r.Type,
                    ["change"] = Name(r.Kind.ToString()),
                    ["stateful"] = r.StatefulCategory,
                    ["blocking"] = r.IsBlocking,
                    ["reason"] = r.BlockingReason,
                    ["properties"] = new JsonArray(r.Properties.Select(p => (JsonNode?)new JsonObject
                    {
                        ["path"] = p.Path, ["impact"] = Name(p.Impact.ToString()), ["old"] = p.OldValue, ["new"] = p.NewValue,
                    }).ToArray()),
                }).ToArray()),
            }).ToArray()),
            ["policy"] = result.Policy is null ? null : new JsonArray(result.Policy.Select(p => (JsonNode?)new JsonObject
            {
                ["ruleId"] = p.RuleId, ["level"] = p.Level, ["environment"] = p.Environment, ["stack"] = p.StackName,
                ["logicalId"] = p.LogicalId, ["message"] = p.Message, ["change"] = p.Change, ["blocking"] = p.IsBlocking,
            }).ToArray()),
            ["cost"] = Cost.CostDelta.Json(result.Cost),
            ["notices"] = new JsonArray(result.Notices.Select(n => (JsonNode?)new JsonObject
            {
                ["environment"] = n.Environment, ["stack"] = n.StackName, ["message"] = n.Message,
            }).ToArray()),
            ["deployPlan"] = DeployPlanDelta.Json(result.DeployPlan),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The words a reviewer reads for a change kind.</summary>
    public static string Describe(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Modified => "modified",
        ChangeKind.Replaced => "replaced",
        ChangeKind.MayBeReplaced => "may be replaced",
        ChangeKind.Removed => "removed",
        ChangeKind.Orphaned => "removed (retained)",
        _ => kind.ToString(),
    };

    private static string Describe(PropertyImpact impact) => impact switch
    {
        PropertyImpact.Replace => "requires replacement",
        PropertyImpact.MayReplace => "may cause replacement",
        PropertyImpact.Fails => "refused by the provider",
        PropertyImpact.Ignored => "not applied by the provider: make it by hand too",
        _ => "update",
    };

    private static void AppendPolicy(StringBuilder text, IReadOnlyList<PolicyFindingChange>? policy)
    {
        text.AppendLine("### Policy findings");
        text.AppendLine();
        if (policy is null)
        {
            text.AppendLine("Not compared: one side has no policy report (a base from before the policy pack).");
            text.AppendLine();
            return;
        }

        if (policy.Count == 0)
        {
            text.AppendLine("No finding introduced or fixed.");
            text.AppendLine();
            return;
        }

        var introduced = policy.Where(p => p.Change != "fixed").ToList();
        text.AppendLine($"{introduced.Count(p => p.Level == "error")} errors and {introduced.Count(p => p.Level != "error")} warnings introduced or changed, {policy.Count(p => p.Change == "fixed")} fixed.");
        text.AppendLine();
        text.AppendLine("| Change | Rule | Level | Environment | Stack | Resource | Message |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var p in policy.Take(MaxListedItems))
        {
            var change = p.IsBlocking ? $"**{Escape(p.Change)}**" : Escape(p.Change);
            text.AppendLine($"| {change} | {p.RuleId} | {p.Level} | {p.Environment} | {Code(p.StackName)} | {Code(p.LogicalId)} | {Escape(Shorten(p.Message, 300))} |");
        }

        if (policy.Count > MaxListedItems)
        {
            text.AppendLine();
            text.AppendLine($"… and {policy.Count - MaxListedItems} more findings (preview.json lists every one).");
        }

        text.AppendLine();
    }

    private static string Details(StackChange stack)
    {
        var text = new StringBuilder();
        var counts = Enum.GetValues<ChangeKind>().Select(k => (Kind: k, Count: stack.Count(k))).Where(c => c.Count > 0).Select(c => $"{c.Count} {Describe(c.Kind)}");
        var blocking = stack.BlockingCount > 0 ? " ⛔" : "";
        text.AppendLine($"<details><summary>{stack.Environment} / {Html(stack.StackName)} ({stack.Region}): {string.Join(", ", counts)}{blocking}</summary>");
        text.AppendLine();
        text.AppendLine("| Change | Logical id | Type | Changed values |");
        text.AppendLine("|---|---|---|---|");
        foreach (var r in stack.Resources)
        {
            var kind = r.IsBlocking ? $"**{Describe(r.Kind)}** ⛔" : Describe(r.Kind);
            var values = string.Join("<br>", r.Properties.Select(p => $"{Code(p.Path)} {Values(p)} _({Describe(p.Impact)})_"));
            if (r.Kind is ChangeKind.Replaced or ChangeKind.MayBeReplaced && !r.Properties.Any(p => p.Impact is PropertyImpact.Replace or PropertyImpact.MayReplace))
            {
                values += (values.Length > 0 ? "<br>" : "") + "_follows the replacement of a resource it references_";
            }
            text.AppendLine($"| {kind} | {Code(r.LogicalId)} | {r.Type} | {values} |");
        }

        text.AppendLine();
        text.AppendLine("</details>");
        text.AppendLine();
        return text.ToString();
    }

    private static string Values(PropertyChange p) => (p.OldValue, p.NewValue) switch
    {
        (null, null) => "",
        (null, var added) => $"added {Code(added)}",
        (var removed, null) => $"removed {Code(removed)}",
        var (before, after) => $"{Code(before)} → {Code(after)}",
    };

    // Inline code that survives Markdown tables: pipes escaped, backticks swapped for a look-alike.
    private static string Code(string text) => $"`{text.Replace("`", "ˋ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`";

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string Name(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
