using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules;

/// <summary>
/// A string value as far as synth can know it: the literal parts exactly, the rest (a resource's ARN, an import)
/// as a placeholder with an estimated length.
/// </summary>
/// <param name="Text">The value for messages and pattern checks; unknown parts appear as <c>⟨...⟩</c> placeholders.</param>
/// <param name="Known">The literal characters only (what the value certainly contains), for counting.</param>
/// <param name="UnknownLength">The estimated length of the unknown parts.</param>
/// <param name="Unknowns">How many parts are placeholders (an account id of unknown value but known length is one).</param>
/// <param name="Estimates">How many parts have a guessed length (see the <c>*Estimate</c> constants of <see cref="IntrinsicResolver"/>).</param>
internal sealed record ResolvedText(string Text, string Known, int UnknownLength, int Unknowns, int Estimates)
{
    /// <summary>Whether every part is a literal: <see cref="Text"/> is the value CloudFormation will use.</summary>
    public bool IsExact => Unknowns == 0;

    /// <summary>The value's length in characters (estimated parts at their estimate).</summary>
    public int Length => Known.Length + UnknownLength;

    /// <summary>A literal.</summary>
    public static ResolvedText Literal(string text) => new(text, text, 0, 0, 0);

    /// <summary>A value of unknown content; <paramref name="estimated"/> when its length is a guess too.</summary>
    public static ResolvedText Unknown(string label, int length, bool estimated = true) => new($"⟨{label}⟩", "", length, 1, estimated ? 1 : 0);

    /// <summary>The parts one after the other.</summary>
    public static ResolvedText Concat(IReadOnlyList<ResolvedText> parts, string separator = "")
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var sep = Literal(separator);
        var all = parts.SelectMany((p, i) => i == 0 ? [p] : new[] { sep, p }).ToList();
        return new(
            string.Concat(all.Select(p => p.Text)),
            string.Concat(all.Select(p => p.Known)),
            all.Sum(p => p.UnknownLength),
            all.Sum(p => p.Unknowns),
            all.Sum(p => p.Estimates));
    }
}

/// <summary>
/// Resolves CloudFormation intrinsic functions as far as synth can: literals, <c>Fn::Join</c>, <c>Fn::Sub</c>,
/// <c>Fn::Select</c> of a literal list, <c>Fn::FindInMap</c> with literal keys, <c>Fn::If</c> (the longer branch) and the pseudo
/// parameters the stack's account and region determine. What only deploy time knows (another resource's ARN or name,
/// an import, a parameter) becomes a placeholder whose length is a documented, deliberately generous estimate, so a size
/// computed with estimates errs on the large side. One resolver per template (<see cref="For"/>).
/// </summary>
internal sealed class IntrinsicResolver
{
    /// <summary>An ARN of another resource or an import: the CDK's own estimate (context <c>@aws-cdk/aws-iam.arnSizeEstimate</c>).</summary>
    public const int ArnEstimate = 150;

    /// <summary>A URL, endpoint, domain name or OIDC issuer of another resource.</summary>
    public const int UrlEstimate = 128;

    /// <summary>A name or id of another resource (role, bucket and function names stop at 64), a parameter, or a part selected from a list.</summary>
    public const int IdEstimate = 64;

    /// <summary>A region when the stack's is not known: the longest region names (<c>ap-southeast-4</c>) have 14 characters.</summary>
    public const int RegionEstimate = 14;

    /// <summary>The URL suffix when the region is not known: <c>amazonaws.com.cn</c>, the longest.</summary>
    public const int UrlSuffixEstimate = 16;

    /// <summary>A stack name (CloudFormation allows 128 characters).</summary>
    public const int StackNameEstimate = 128;

    /// <summary>A stack id: an ARN holding the stack name and a UUID.</summary>
    public const int StackIdEstimate = 230;

    /// <summary>An account id: always 12 digits, so its length is exact even when its value is not known.</summary>
    public const int AccountIdLength = 12;

    /// <summary>Types whose <c>Ref</c> returns an ARN rather than a name or id.</summary>
    private static readonly HashSet<string> RefIsArn = new(StringComparer.Ordinal)
    {
        "AWS::IAM::ManagedPolicy", "AWS::SNS::Topic", "AWS::StepFunctions::StateMachine", "AWS::SecretsManager::Secret",
        "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup", "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::CertificateManager::Certificate", "AWS::Batch::JobQueue", "AWS::Batch::JobDefinition", "AWS::Batch::ComputeEnvironment",
    };

    private readonly TemplateDocument _template;
    private readonly JsonObject? _parameters;
    private readonly JsonObject? _mappings;

    private IntrinsicResolver(TemplateDocument template)
    {
        _template = template;
        _parameters = template.Root["Parameters"] as JsonObject;
        _mappings = template.Root["Mappings"] as JsonObject;
    }

    /// <summary>The resolver of <paramref name="template"/> (one per template).</summary>
    public static IntrinsicResolver For(TemplateDocument template) => template.Memo(nameof(IntrinsicResolver), t => new IntrinsicResolver(t));

    /// <summary>The partition of the stack's region (<c>aws</c> when the region is not known).</summary>
    public string Partition => _template.Region switch
    {
        { } r when r.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        { } r when r.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    /// <summary>Whether <paramref name="node"/> is <c>{"Ref": "AWS::NoValue"}</c>: the property or item is removed.</summary>
    public static bool IsNoValue(JsonNode? node) => node is JsonObject { Count: 1 } o && Cfn.AsString(o["Ref"]) == "AWS::NoValue";

    /// <summary>
    /// The string <paramref name="node"/> evaluates to (a literal, or an intrinsic that returns a string); <c>null</c> for
    /// objects and lists that are not intrinsic functions.
    /// </summary>
    public ResolvedText? Resolve(JsonNode? node) => node switch
    {
        JsonValue v => Cfn.AsString(v) is { } s ? ResolvedText.Literal(s) : null,
        JsonObject { Count: 1 } o when Cfn.IsIntrinsic(o) => Intrinsic(o.First().Key, o.First().Value),
        _ => null,
    };

    private ResolvedText Intrinsic(string function, JsonNode? argument) => function switch
    {
        "Ref" => Ref(Cfn.AsString(argument) ?? ""),
        "Fn::GetAtt" => argument switch
        {
            JsonArray { Count: 2 } a when Cfn.AsString(a[0]) is { } id && Cfn.AsString(a[1]) is { } attribute => GetAtt(id, attribute),
            JsonValue v when Cfn.AsString(v) is { } dotted && dotted.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot => GetAtt(dotted[..dot], dotted[(dot + 1)..]),
            _ => ResolvedText.Unknown("GetAtt", ArnEstimate),
        },
        "Fn::Join" => Join(argument),
        "Fn::Sub" => Sub(argument),
        "Fn::Select" => Select(argument),
        "Fn::If" => If(argument),
        "Fn::FindInMap" => FindInMap(argument),
        "Fn::Base64" => Resolve(argument) is { } inner
            ? ResolvedText.Unknown("Base64", (inner.Length + 2) / 3 * 4, estimated: !inner.IsExact)
            : ResolvedText.Unknown("Base64", ArnEstimate),
        "Fn::ImportValue" => ResolvedText.Unknown($"Import {Label(argument)}", ArnEstimate),
        _ => ResolvedText.Unknown(function, ArnEstimate),
    };

    private ResolvedText Ref(string name)
    {
        switch (name)
        {
            case "AWS::Partition":
                return ResolvedText.Literal(Partition);
            case "AWS::Region":
                return _template.Region is { } region ? ResolvedText.Literal(region) : ResolvedText.Unknown("AWS::Region", RegionEstimate);
            case "AWS::AccountId":
                return _template.Account is { } account ? ResolvedText.Literal(account) : ResolvedText.Unknown("AWS::AccountId", AccountIdLength, estimated: false);
            case "AWS::URLSuffix":
                return _template.Region is null ? ResolvedText.Unknown("AWS::URLSuffix", UrlSuffixEstimate)
                    : ResolvedText.Literal(Partition == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com");
            case "AWS::StackName":
                return ResolvedText.Unknown("AWS::StackName", StackNameEstimate);
            case "AWS::StackId":
                return ResolvedText.Unknown("AWS::StackId", StackIdEstimate);
            case "AWS::NoValue":
                return ResolvedText.Literal("");
        }

        if (_parameters?[name] is JsonObject parameter)
        {
            // A parameter's value is chosen at deploy time; its default is the best guess, and a guess.
            return Cfn.AsString(parameter["Default"]) is { } value
                ? ResolvedText.Unknown($"{name}={value}", value.Length)
                : ResolvedText.Unknown(name, IdEstimate);
        }

        return _template.Find(name) is { } resource && RefIsArn.Contains(resource.Type)
            ? ResolvedText.Unknown($"{name}", ArnEstimate)
            : ResolvedText.Unknown(name, IdEstimate);
    }

    private static ResolvedText GetAtt(string logicalId, string attribute)
    {
        var length = attribute.EndsWith("Arn", StringComparison.OrdinalIgnoreCase) ? ArnEstimate
            : new[] { "Url", "Uri", "Endpoint", "Issuer", "DomainName", "Address", "DnsName" }.Any(a => attribute.Contains(a, StringComparison.OrdinalIgnoreCase)) ? UrlEstimate
            : IdEstimate;
        return ResolvedText.Unknown($"{logicalId}.{attribute}", length);
    }

    private ResolvedText Join(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: 2 } a || Cfn.AsString(a[0]) is not { } separator)
        {
            return ResolvedText.Unknown("Join", ArnEstimate);
        }

        if (a[1] is not JsonArray items)
        {
            return ResolvedText.Unknown("Join", ArnEstimate);
        }

        var parts = items.Where(i => !IsNoValue(i)).Select(i => Resolve(i) ?? ResolvedText.Unknown("Join", ArnEstimate)).ToList();
        return parts.Count == 0 ? ResolvedText.Literal("") : ResolvedText.Concat(parts, separator);
    }

    private ResolvedText Sub(JsonNode? argument)
    {
        var (text, variables) = argument switch
        {
            JsonArray { Count: 2 } a => (Cfn.AsString(a[0]), a[1] as JsonObject),
            _ => (Cfn.AsString(argument), null),
        };
        if (text is null)
        {
            return ResolvedText.Unknown("Sub", ArnEstimate);
        }

        var parts = new List<ResolvedText>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            var end = start < 0 ? -1 : text.IndexOf('}', start);
            if (start < 0 || end < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, start - i);
            var name = text[(start + 2)..end];
            if (name.StartsWith('!'))
            {
                // ${!Literal} writes ${Literal}.
                literal.Append("${").Append(name, 1, name.Length - 1).Append('}');
            }
            else
            {
                parts.Add(ResolvedText.Literal(literal.ToString()));
                literal.Clear();
                parts.Add(variables?[name] is { } value ? Resolve(value) ?? ResolvedText.Unknown(name, ArnEstimate)
                    : name.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && !name.StartsWith("AWS::", StringComparison.Ordinal) ? GetAtt(name[..dot], name[(dot + 1)..])
                    : Ref(name));
            }

            i = end + 1;
        }

        parts.Add(ResolvedText.Literal(literal.ToString()));
        return ResolvedText.Concat(parts);
    }

    private ResolvedText Select(JsonNode? argument)
    {
        if (argument is JsonArray { Count: 2 } a && Cfn.AsLong(a[0]) is { } index && a[1] is JsonArray list && index >= 0 && index < list.Count)
        {
            return Resolve(list[(int)index]) ?? ResolvedText.Unknown("Select", IdEstimate);
        }

        return ResolvedText.Unknown("Select", IdEstimate);
    }

    private ResolvedText If(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: 3 } a)
        {
            return ResolvedText.Unknown("If", ArnEstimate);
        }

        var branches = new[] { a[1], a[2] }.Select(b => Resolve(b) ?? ResolvedText.Unknown("If", ArnEstimate)).ToList();
        if (branches[0].IsExact && branches[1].IsExact && branches[0].Text == branches[1].Text)
        {
            return branches[0];
        }

        // The condition is known only at deploy time: count the longer branch.
        var longer = branches.MaxBy(b => b.Length)!;
        return new ResolvedText($"⟨If {longer.Text}⟩", longer.Known, longer.UnknownLength, longer.Unknowns + 1, longer.Estimates + 1);
    }

    private ResolvedText FindInMap(JsonNode? argument)
    {
        if (argument is not JsonArray { Count: >= 3 } a || Cfn.AsString(a[0]) is not { } mapName || _mappings?[mapName] is not JsonObject map)
        {
            return ResolvedText.Unknown("FindInMap", IdEstimate);
        }

        if (Cfn.AsString(a[1]) is { } top && Cfn.AsString(a[2]) is { } second && Cfn.AsString(map[top]?[second]) is { } value)
        {
            return ResolvedText.Literal(value);
        }

        // A key known only at deploy time (the region, say): the longest value of the map.
        var longest = map.Select(kv => kv.Value).OfType<JsonObject>().SelectMany(o => o.Select(kv => Cfn.AsString(kv.Value)?.Length ?? 0)).DefaultIfEmpty(IdEstimate).Max();
        return ResolvedText.Unknown($"FindInMap {mapName}", longest);
    }

    private static string Label(JsonNode? node) => Cfn.AsString(node) ?? "(computed name)";
}
