using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infra.Policies.Schema;

namespace Infra.Policies.Rules.CloudFormation;

/// <summary>
/// Checks a value against a schema type, recursively, and collects one violation per problem with its property path
/// (<c>LaunchTemplateData.MetadataOptions.HttpTokens</c>, <c>Tags[0].Key</c>). Intrinsic functions are accepted
/// wherever they could produce the expected type; both branches of <c>Fn::If</c> are checked.
/// </summary>
internal sealed class SchemaValidator
{
    /// <summary>At most this many allowed values are listed in a message.</summary>
    private const int ListedValues = 12;

    private readonly List<Violation> _violations = [];

    /// <summary>What an intrinsic function can produce.</summary>
    [Flags]
    private enum Yield
    {
        /// <summary>A string (CloudFormation turns it into a number or a boolean where the schema wants one).</summary>
        Scalar = 1,

        /// <summary>A list.</summary>
        List = 2,

        /// <summary>Anything: an attribute, an item of a list, a transform's output.</summary>
        Any = Scalar | List | 4,
    }

    /// <summary>The violations of <paramref name="properties"/> against <paramref name="resource"/>'s schema.</summary>
    public static IReadOnlyList<Violation> Check(JsonObject properties, ResourceSchema resource)
    {
        var validator = new SchemaValidator();
        validator.CheckObject(properties, resource.Properties, resource.Type, "");
        return validator._violations;
    }

    /// <summary>The violations of <paramref name="value"/> against <paramref name="type"/>, reported at <paramref name="path"/>.</summary>
    public static IReadOnlyList<Violation> Check(JsonNode? value, SchemaType type, string path)
    {
        var validator = new SchemaValidator();
        validator.CheckValue(value, type, path);
        return validator._violations;
    }

    /// <summary>How a message shows a value: its literal, <c>empty</c>, or its shape for a list or an object.</summary>
    public static string Describe(JsonNode? value) => value switch
    {
        JsonArray => "a list",
        JsonObject => "an object",
        _ => RuleValues.Describe(value),
    };

    /// <summary>How a message lists allowed values (the first few of a long list, and how many there are).</summary>
    public static string ListValues(IReadOnlyList<string> values) =>
        values.Count <= ListedValues
            ? string.Join(", ", values)
            : $"{string.Join(", ", values.Take(ListedValues))}, ... ({values.Count} values)";

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";

    private void CheckObject(JsonObject value, IReadOnlyDictionary<string, PropertySchema> properties, string owner, string prefix)
    {
        foreach (var (name, child) in value)
        {
            var path = Join(prefix, name);
            if (properties.TryGetValue(name, out var property))
            {
                CheckValue(child, property.AcceptedType, path);
                continue;
            }

            var suggestion = NameSuggestion.Closest(name, properties.Keys.Order(StringComparer.Ordinal));
            _violations.Add(new Violation(
                suggestion is null
                    ? $"{path} is not a property of {owner}; remove it or fix its name."
                    : $"{path} is not a property of {owner}; did you mean {suggestion}?",
                $"Property::{path}"));
        }

        foreach (var property in properties.Values.Where(p => p.Required && !value.ContainsKey(p.Name)))
        {
            var path = Join(prefix, property.Name);
            _violations.Add(new Violation($"{path} is required by {owner} and not set.", $"Required::{path}"));
        }
    }

    private void CheckValue(JsonNode? value, SchemaType type, string path)
    {
        if (value is null || type is PrimitiveSchemaType { Kind: SchemaPrimitive.Json })
        {
            return;
        }

        if (Intrinsic(value) is { } function)
        {
            CheckIntrinsic(function.Name, function.Argument, type, path);
            return;
        }

        switch (type)
        {
            case UnionSchemaType union:
                CheckUnion(value, union, path);
                break;
            case PrimitiveSchemaType primitive when value is JsonValue scalar:
                CheckPrimitive(scalar, primitive, path);
                break;
            case ArraySchemaType array when value is JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    CheckValue(items[i], array.Element, $"{path}[{i}]");
                }

                break;
            case MapSchemaType map when value is JsonObject entries:
                foreach (var (key, entry) in entries)
                {
                    CheckValue(entry, map.Element, Join(path, key));
                }

                break;
            case ObjectSchemaType obj when value is JsonObject members:
                CheckObject(members, obj.Definition.Properties, obj.Definition.FullName, path);
                break;
            default:
                WrongType(path, Describe(value), type);
                break;
        }
    }

    private void CheckIntrinsic(string name, JsonNode? argument, SchemaType type, string path)
    {
        switch (name)
        {
            case "Ref" when argument is JsonValue target && Cfn.AsString(target) == "AWS::NoValue":
                return;
            case "Fn::If" when argument is JsonArray { Count: 3 } branches:
                CheckValue(branches[1], type, path);
                CheckValue(branches[2], type, path);
                return;
        }

        var yields = Yields(name);
        if (!Accepts(type, yields))
        {
            var gives = yields == Yield.List ? "a list" : yields == Yield.Scalar ? "a string" : "a string or a list";
            WrongType(path, $"{name} (which gives {gives})", type);
        }
    }

    private void CheckUnion(JsonNode value, UnionSchemaType union, string path)
    {
        var attempts = union.Types.Select(t => (Type: t, Violations: Check(value, t, path))).ToList();
        if (attempts.Any(a => a.Violations.Count == 0))
        {
            return;
        }

        // Report the alternative of the value's shape (an object for an object), else say which types would do.
        var sameShape = attempts.Where(a => SameShape(value, a.Type)).ToList();
        if (sameShape.Count > 0)
        {
            _violations.AddRange(sameShape.MinBy(a => a.Violations.Count).Violations);
        }
        else
        {
            WrongType(path, Describe(value), union);
        }
    }

    private void CheckPrimitive(JsonValue value, PrimitiveSchemaType type, string path)
    {
        var kind = value.GetValueKind();
        var text = Cfn.AsString(value);
        var fits = type.Kind switch
        {
            // CloudFormation renders a number or a boolean where a string is expected.
            SchemaPrimitive.String or SchemaPrimitive.DateTime => kind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False,
            SchemaPrimitive.Integer => kind is JsonValueKind.Number or JsonValueKind.String && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            SchemaPrimitive.Number => kind is JsonValueKind.Number or JsonValueKind.String && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            SchemaPrimitive.Boolean => kind is JsonValueKind.True or JsonValueKind.False || (kind == JsonValueKind.String && bool.TryParse(text, out _)),
            _ => true,
        };
        if (!fits)
        {
            WrongType(path, Describe(value), type);
            return;
        }

        if (type.AllowedValues.Count > 0 && text is not null && !type.AllowedValues.Contains(text, StringComparer.Ordinal))
        {
            // Suggest only for words: "did you mean 1?" for a retention of 10 days would mislead.
            var suggestion = type.Kind == SchemaPrimitive.String ? NameSuggestion.Closest(text, type.AllowedValues) : null;
            _violations.Add(new Violation(
                suggestion is null
                    ? $"{path} is {Describe(value)}, not one of {ListValues(type.AllowedValues)}."
                    : $"{path} is {Describe(value)}, not one of {ListValues(type.AllowedValues)}; did you mean {suggestion}?",
                $"Value::{path}"));
        }
    }

    private void WrongType(string path, string actual, SchemaType expected) =>
        _violations.Add(new Violation($"{path} is {actual}; expected {expected}.", $"Type::{path}"));

    /// <summary>The function name and argument when <paramref name="value"/> is <c>{"Ref": ...}</c> or <c>{"Fn::...": ...}</c>.</summary>
    private static (string Name, JsonNode? Argument)? Intrinsic(JsonNode value) =>
        value is JsonObject { Count: 1 } call && call.First() is var (key, argument) && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal))
            ? (key, argument)
            : null;

    private static Yield Yields(string function) => function switch
    {
        // A parameter of a List<...> or CommaDelimitedList type, and AWS::NotificationARNs, are lists.
        "Ref" => Yield.Scalar | Yield.List,
        "Fn::FindInMap" => Yield.Scalar | Yield.List,
        "Fn::Join" or "Fn::Sub" or "Fn::Base64" or "Fn::ImportValue" or "Fn::ToJsonString" or "Fn::Length" => Yield.Scalar,
        "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not" => Yield.Scalar,
        "Fn::GetAZs" or "Fn::Split" or "Fn::Cidr" => Yield.List,
        // Fn::GetAtt, Fn::Select, Fn::Transform and functions this rule does not know.
        _ => Yield.Any,
    };

    private static bool Accepts(SchemaType type, Yield yields) => type switch
    {
        PrimitiveSchemaType => (yields & Yield.Scalar) != 0,
        ArraySchemaType => (yields & Yield.List) != 0,
        UnionSchemaType union => union.Types.Any(t => Accepts(t, yields)),
        _ => yields == Yield.Any,
    };

    private static bool SameShape(JsonNode value, SchemaType type) => type switch
    {
        ObjectSchemaType or MapSchemaType => value is JsonObject,
        ArraySchemaType => value is JsonArray,
        PrimitiveSchemaType => value is JsonValue,
        _ => false,
    };
}
