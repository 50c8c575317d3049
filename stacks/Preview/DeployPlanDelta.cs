using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.Stacks.Deploy;

namespace Infra.Stacks.Preview;

/// <summary>
/// What a change does to one environment's deploy: its first-deploy plan before and after (waves, critical path), the
/// stack dependencies it adds or removes, how long deploying the change itself should take, and the access it moves
/// from one security group to another (which a live environment must deploy in order).
/// </summary>
/// <param name="Environment">The environment.</param>
/// <param name="Before">The base's first-deploy plan; <c>null</c> when the environment is new.</param>
/// <param name="After">The head's first-deploy plan; <c>null</c> when the environment is removed.</param>
/// <param name="Change">The plan of deploying this change over the base: only the stacks it changes, resources weighed by what happens to them.</param>
public sealed record EnvironmentDeployDelta(string Environment, EnvironmentDeployPlan? Before, EnvironmentDeployPlan? After, EnvironmentDeployPlan? Change)
{
    /// <summary>Dependencies the head adds (stack, the stack it now deploys after).</summary>
    public IReadOnlyList<(string Stack, string DependsOn)> EdgesAdded => (After?.Edges ?? []).Except(Before?.Edges ?? []).ToList();

    /// <summary>Dependencies the head removes.</summary>
    public IReadOnlyList<(string Stack, string DependsOn)> EdgesRemoved => (Before?.Edges ?? []).Except(After?.Edges ?? []).ToList();

    /// <summary>How much longer (positive) or shorter the first deploy's critical path gets, in minutes; <c>null</c> when a side has no plan.</summary>
    public double? CriticalPathDelta => Before is null || After is null ? null : After.CriticalMinutes - Before.CriticalMinutes;

    /// <summary>Whether the change lengthens the first deploy's critical path (by more than rounding).</summary>
    public bool Lengthens => CriticalPathDelta > 0.05;

    /// <summary>Ingress the change moves from one source to another: each says what a live environment deploys first.</summary>
    public IReadOnlyList<string> AccessMoves { get; init; } = [];

    /// <summary>Whether anything about the deploy differs: a plan, an edge, a moved access, or stacks to deploy.</summary>
    public bool HasNews => Before is null || After is null || EdgesAdded.Count + EdgesRemoved.Count + AccessMoves.Count > 0
        || Math.Abs(CriticalPathDelta ?? 0) > 0.05 || Change?.CriticalMinutes > 0;
}

/// <summary>Compares the deploy plans of two assemblies for the preview, and renders the comparison.</summary>
public static class DeployPlanDelta
{
    private const string IngressType = "AWS::EC2::SecurityGroupIngress";

    /// <summary>Every environment of either side (or <paramref name="environment"/>), with what the change does to its deploy.</summary>
    public static IReadOnlyList<EnvironmentDeployDelta> Compare(string baseAssembly, string headAssembly, IReadOnlyList<StackChange> changes, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var before = DeployPlan.FirstDeploy(baseAssembly, environment).ToDictionary(p => p.Environment, StringComparer.Ordinal);
        var after = DeployPlan.FirstDeploy(headAssembly, environment).ToDictionary(p => p.Environment, StringComparer.Ordinal);
        var change = DeployPlan.Build(headAssembly, new ChangeWeights(changes), environment).ToDictionary(p => p.Environment, StringComparer.Ordinal);
        var baseStacks = TemplateLoader.ReadAssembly(baseAssembly).Stacks;
        var headStacks = TemplateLoader.ReadAssembly(headAssembly).Stacks;
        return after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k)))
            .Select(e => new EnvironmentDeployDelta(e, before.GetValueOrDefault(e), after.GetValueOrDefault(e), change.GetValueOrDefault(e))
            {
                AccessMoves = AccessMoves(baseStacks.Where(s => s.Environment == e).ToList(), headStacks.Where(s => s.Environment == e).ToList()),
            })
            .ToList();
    }

    /// <summary>The preview's "Deploy plan" section; nothing when no environment's deploy changes.</summary>
    public static void AppendMarkdown(StringBuilder text, IReadOnlyList<EnvironmentDeployDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(deltas);
        var news = deltas.Where(d => d.HasNews).ToList();
        if (news.Count == 0)
        {
            return;
        }

        text.AppendLine("### Deploy plan");
        text.AppendLine();
        text.AppendLine("| Environment | First deploy: critical path | Waves | Deploying this change |");
        text.AppendLine("|---|---|---|---|");
        foreach (var d in news)
        {
            var critical = (d.Before, d.After) switch
            {
                ({ } b, { } a) => $"{DeployPlanReport.Minutes(b.CriticalMinutes)} → {DeployPlanReport.Minutes(a.CriticalMinutes)}{Delta(d.CriticalPathDelta!.Value)}",
                (null, { } a) => $"new: {DeployPlanReport.Minutes(a.CriticalMinutes)}",
                _ => "removed",
            };
            var waves = $"{d.Before?.Waves.Count.ToString(CultureInfo.InvariantCulture) ?? "–"} → {d.After?.Waves.Count.ToString(CultureInfo.InvariantCulture) ?? "–"}";
            var deploying = d.Change is { CriticalMinutes: > 0 } c
                ? $"{DeployPlanReport.Minutes(c.CriticalMinutes)} ({string.Join(" → ", c.CriticalPath.Select(s => Code(s.StackName)))})"
                : "nothing to deploy";
            text.AppendLine($"| {d.Environment} | {critical} | {waves} | {deploying} |");
        }

        text.AppendLine();
        foreach (var d in news)
        {
            if (d.Lengthens)
            {
                text.AppendLine($"- ⚠️ **{d.Environment}**: the first deploy's critical path gets {DeployPlanReport.Minutes(d.CriticalPathDelta!.Value)} longer: {string.Join(" → ", d.After!.CriticalPath.Select(s => Code(s.StackName)))}. Check that each new dependency carries data the stack needs.");
            }

            foreach (var (stack, dependsOn) in d.EdgesAdded)
            {
                text.AppendLine($"- **{d.Environment}**: {Code(stack)} now waits for {Code(dependsOn)}.");
            }

            foreach (var (stack, dependsOn) in d.EdgesRemoved)
            {
                text.AppendLine($"- **{d.Environment}**: {Code(stack)} no longer waits for {Code(dependsOn)}.");
            }

            foreach (var move in d.AccessMoves)
            {
                text.AppendLine($"- ⚠️ **{d.Environment}**, deploy order for a live environment: {move}");
            }
        }

        text.AppendLine();
        text.AppendLine($"Estimates from typical creation and update times per resource type ({DeployPlanReport.TableReference}), with every ready stack deployed at once (`cdk deploy --concurrency`).");
        text.AppendLine();
    }

    /// <summary>The comparison as JSON, for tools.</summary>
    public static JsonArray Json(IReadOnlyList<EnvironmentDeployDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        static JsonArray Edges(IEnumerable<(string Stack, string DependsOn)> edges) =>
            new(edges.Select(e => (JsonNode?)new JsonObject { ["stack"] = e.Stack, ["dependsOn"] = e.DependsOn }).ToArray());
        static JsonNode? Plan(EnvironmentDeployPlan? plan) => plan is null ? null : new JsonObject
        {
            ["criticalMinutes"] = Math.Round(plan.CriticalMinutes, 2),
            ["serialMinutes"] = Math.Round(plan.SerialMinutes, 2),
            ["criticalPath"] = new JsonArray(plan.CriticalPath.Select(s => (JsonNode?)s.StackName).ToArray()),
            ["waves"] = new JsonArray(plan.Waves.Select(w => (JsonNode?)new JsonArray(w.Select(s => (JsonNode?)s.StackName).ToArray())).ToArray()),
        };
        return new JsonArray(deltas.Select(d => (JsonNode?)new JsonObject
        {
            ["environment"] = d.Environment,
            ["firstDeployBefore"] = Plan(d.Before),
            ["firstDeployAfter"] = Plan(d.After),
            ["lengthensCriticalPath"] = d.Lengthens,
            ["thisChange"] = Plan(d.Change),
            ["dependenciesAdded"] = Edges(d.EdgesAdded),
            ["dependenciesRemoved"] = Edges(d.EdgesRemoved),
            ["accessMoves"] = new JsonArray(d.AccessMoves.Select(m => (JsonNode?)m).ToArray()),
        }).ToArray());
    }

    private static string Delta(double minutes) => Math.Abs(minutes) <= 0.05 ? "" : minutes > 0 ? $" (**+{DeployPlanReport.Minutes(minutes)[1..]}**)" : $" (−{DeployPlanReport.Minutes(-minutes)[1..]})";

    // A stack that replaces an ingress rule's source: the rule from the old source is deleted once the rule from the new
    // one exists, so a client that carries only the old source loses access when the stack deploys. The stacks that
    // export and import the new source (they create it and attach it) have to deploy, and take effect, first.
    private static List<string> AccessMoves(IReadOnlyList<AssemblyStack> before, IReadOnlyList<AssemblyStack> after)
    {
        var headTemplates = after.ToDictionary(s => s.StackName, s => Read(s.TemplateFile), StringComparer.Ordinal);
        var moves = new List<string>();
        foreach (var old in before)
        {
            if (!headTemplates.TryGetValue(old.StackName, out var head))
            {
                continue;
            }

            var oldRules = Ingress(Read(old.TemplateFile));
            var newRules = Ingress(head);
            foreach (var (id, rule) in oldRules.Where(r => !newRules.ContainsKey(r.Key)))
            {
                foreach (var (_, replacement) in newRules.Where(n => !oldRules.ContainsKey(n.Key) && SameTarget(n.Value, rule)))
                {
                    var source = replacement["SourceSecurityGroupId"];
                    var import = Cfn.AsString(source?["Fn::ImportValue"]);
                    var first = import is null
                        ? []
                        : headTemplates.Where(t => t.Key != old.StackName && (TemplateReferences.Exports(t.Value).ContainsKey(import) || TemplateReferences.Imports(t.Value).Contains(import)))
                            .Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
                    var order = first.Count == 0
                        ? "make sure every client carries the new source before this stack deploys"
                        : $"first deploy {string.Join(" and ", first.Select(Code))} (`cdk deploy --exclusively`), the stacks that export or import the new source, and wait until every client carries it; then deploy {Code(old.StackName)}";
                    moves.Add($"{Code(old.StackName)}: port {Port(rule)} of {Describe(rule["GroupId"])} admits {Describe(source)} instead of {Describe(rule["SourceSecurityGroupId"])} (`{id}` is removed). A client that carries only the old source loses access when this stack deploys: {order}. See docs/runbooks/database-client-group.md.");
                }
            }
        }

        return moves;
    }

    private static JsonObject Read(string file) => JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? [];

    // Security-group-sourced ingress rules by logical id, their properties.
    private static Dictionary<string, JsonObject> Ingress(JsonObject template) =>
        (template["Resources"] as JsonObject ?? [])
            .Where(r => Cfn.AsString(r.Value?["Type"]) == IngressType && r.Value?["Properties"]?["SourceSecurityGroupId"] is not null)
            .ToDictionary(r => r.Key, r => (JsonObject)r.Value!["Properties"]!, StringComparer.Ordinal);

    private static bool SameTarget(JsonObject a, JsonObject b) =>
        JsonNode.DeepEquals(a["GroupId"], b["GroupId"]) && JsonNode.DeepEquals(a["FromPort"], b["FromPort"]) && JsonNode.DeepEquals(a["ToPort"], b["ToPort"])
        && JsonNode.DeepEquals(a["IpProtocol"], b["IpProtocol"]) && !JsonNode.DeepEquals(a["SourceSecurityGroupId"], b["SourceSecurityGroupId"]);

    private static string Port(JsonObject rule) =>
        Cfn.AsString(rule["FromPort"]) is var from && Cfn.AsString(rule["ToPort"]) is var to && from != to ? $"{from}-{to}" : Cfn.AsString(rule["FromPort"]) ?? "?";

    // An import by its export name, a reference by its logical id, a literal as is.
    private static string Describe(JsonNode? value) => value switch
    {
        JsonObject o when Cfn.AsString(o["Fn::ImportValue"]) is { } export => $"export {Code(export)}",
        JsonObject o when o["Fn::GetAtt"] is JsonArray { Count: > 0 } getAtt => Code(Cfn.AsString(getAtt[0]) ?? "?"),
        JsonObject o when Cfn.AsString(o["Ref"]) is { } id => Code(id),
        _ => Code(Cfn.AsString(value) ?? value?.ToJsonString() ?? "?"),
    };

    private static string Code(string text) => $"`{text.Replace("`", "ˋ", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)}`";

    /// <summary>
    /// A deploy of this change over the base: a stack runs when it is new or changed; its resources take their creation
    /// time when added or replaced, their update time when modified, and nothing when unchanged or removed.
    /// </summary>
    private sealed class ChangeWeights : IDeployWeights
    {
        // Stack names carry the environment (infra-<env>-...); a nested stack reads "parent › logical id", as in the diff.
        private readonly Dictionary<string, StackChange> _byName;

        public ChangeWeights(IReadOnlyList<StackChange> changes) =>
            _byName = changes.GroupBy(c => c.StackName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public bool Deploys(string stackName) =>
            _byName.TryGetValue(stackName, out var change) && change.Status is StackStatus.Added or StackStatus.Changed;

        public double Weigh(string stackPath, string logicalId, JsonObject resource)
        {
            var kind = _byName.GetValueOrDefault(stackPath)?.Resources.FirstOrDefault(r => r.LogicalId == logicalId)?.Kind;
            var row = ResourceDurations.For(Cfn.AsString(resource["Type"]) ?? "", resource["Properties"] as JsonObject ?? []);
            return kind switch
            {
                ChangeKind.Added or ChangeKind.Replaced or ChangeKind.MayBeReplaced => row.CreateMinutes,
                ChangeKind.Modified => row.UpdateMinutes,
                _ => 0,
            };
        }
    }
}
