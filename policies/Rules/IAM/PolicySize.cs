using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.IAM;

/// <summary>
/// The size of a policy document as IAM counts it against its quotas: the document as compact JSON (no whitespace
/// between tokens; whitespace inside strings counts, which errs on the large side), after resolving what synth can
/// resolve (<see cref="IntrinsicResolver"/>). Values only deploy time knows count at their estimated length plus quotes.
/// Every size rule (INFRA-IAM-8, 9 and 10) uses this one count.
/// </summary>
/// <param name="Characters">The size in characters.</param>
/// <param name="Estimates">How many values in it have an estimated length.</param>
internal sealed record PolicySize(int Characters, int Estimates)
{
    /// <summary>How the size was counted, for messages: <c>compact JSON, every value resolved</c> or with the estimates.</summary>
    public string Counted => Estimates == 0
        ? "compact JSON, every value resolved"
        : $"compact JSON, {Estimates} deploy-time value{(Estimates == 1 ? "" : "s")} estimated generously";

    /// <summary>The size of <paramref name="document"/> in <paramref name="template"/>.</summary>
    public static PolicySize Of(JsonNode? document, TemplateDocument template)
    {
        var counter = new Counter(IntrinsicResolver.For(template));
        var characters = counter.Measure(document);
        return new PolicySize(characters, counter.Estimates);
    }

    /// <summary>A count as messages show it: <c>6,144</c>.</summary>
    public static string Format(int count) => RuleValues.Count(count);

    /// <summary>The sum of several sizes.</summary>
    public static PolicySize operator +(PolicySize left, PolicySize right) =>
        new(left.Characters + right.Characters, left.Estimates + right.Estimates);

    /// <summary>The sum of several sizes (named alternative to <c>+</c>).</summary>
    public static PolicySize Add(PolicySize left, PolicySize right) => left + right;

    private sealed class Counter(IntrinsicResolver resolver)
    {
        public int Estimates { get; private set; }

        public int Measure(JsonNode? node)
        {
            switch (node)
            {
                case null:
                    return "null".Length;
                case JsonObject { Count: 1 } o when Cfn.IsIntrinsic(o) && o.First().Key == "Fn::If" && o.First().Value is JsonArray { Count: 3 } branches:
                    // The condition is decided at deploy time: count the larger branch, as an estimate when they differ.
                    var sizes = new[] { branches[1], branches[2] }.Select(b => IntrinsicResolver.IsNoValue(b) ? 0 : Measure(b)).ToArray();
                    Estimates += sizes[0] == sizes[1] ? 0 : 1;
                    return sizes.Max();
                case JsonObject o when Cfn.IsIntrinsic(o):
                    var text = resolver.Resolve(o)!;
                    Estimates += text.Estimates;
                    return Quoted(text.Known) + text.UnknownLength;
                case JsonObject o:
                    var members = o.Where(kv => !IntrinsicResolver.IsNoValue(kv.Value)).ToList();
                    return 2 + members.Sum(kv => Quoted(kv.Key) + 1 + Measure(kv.Value)) + Commas(members.Count);
                case JsonArray a:
                    var items = a.Where(i => !IntrinsicResolver.IsNoValue(i)).ToList();
                    return 2 + items.Sum(Measure) + Commas(items.Count);
                default:
                    return Cfn.AsString(node) is { } s && node.GetValueKind() == System.Text.Json.JsonValueKind.String ? Quoted(s) : node.ToJsonString().Length;
            }
        }

        private static int Commas(int count) => count == 0 ? 0 : count - 1;

        // A JSON string: its characters, two quotes, and one more for each character JSON escapes.
        private static int Quoted(string s) => 2 + s.Length + s.Count(c => c is '"' or '\\') + (5 * s.Count(c => c < ' ' && c is not ('\n' or '\r' or '\t'))) + s.Count(c => c is '\n' or '\r' or '\t');
    }
}
