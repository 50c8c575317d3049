using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Infra.Policies.Schema;

/// <summary>The primitive kinds of the CloudFormation resource schema.</summary>
public enum SchemaPrimitive
{
    /// <summary>A string (CloudFormation also takes a number or a boolean and renders it).</summary>
    String = 0,

    /// <summary>A number; a string holding one (<c>"1.5"</c>) is accepted as CloudFormation does.</summary>
    Number = 1,

    /// <summary>A whole number; a string holding one (<c>"5"</c>) is accepted.</summary>
    Integer = 2,

    /// <summary>A boolean; the strings <c>"true"</c> and <c>"false"</c> are accepted.</summary>
    Boolean = 3,

    /// <summary>Free-form JSON (policy documents, for example): any value.</summary>
    Json = 4,

    /// <summary>A timestamp, written as a string.</summary>
    DateTime = 5,
}

/// <summary>The type of a property: a primitive, an object, a list, a map or a union of those.</summary>
public abstract record SchemaType;

/// <summary>A primitive type, with the values the schema allows when it lists them.</summary>
/// <param name="Kind">The primitive kind.</param>
/// <param name="AllowedValues">The allowed values (rendered as strings); empty when any value of the kind is allowed.</param>
public sealed record PrimitiveSchemaType(SchemaPrimitive Kind, IReadOnlyList<string> AllowedValues) : SchemaType
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SchemaPrimitive.Integer => "integer",
        SchemaPrimitive.Number => "number",
        SchemaPrimitive.Boolean => "boolean",
        SchemaPrimitive.Json => "json",
        SchemaPrimitive.DateTime => "date-time",
        _ => "string",
    };
}

/// <summary>An object whose properties a type definition describes (<c>AWS::EC2::LaunchTemplate.MetadataOptions</c>).</summary>
/// <param name="Definition">The type definition.</param>
public sealed record ObjectSchemaType(TypeDefinitionSchema Definition) : SchemaType
{
    /// <inheritdoc />
    public override string ToString() => Definition.FullName;
}

/// <summary>A list.</summary>
/// <param name="Element">The type of every item.</param>
public sealed record ArraySchemaType(SchemaType Element) : SchemaType
{
    /// <inheritdoc />
    public override string ToString() => $"list of {Element}";
}

/// <summary>A map from string keys to values of one type.</summary>
/// <param name="Element">The type of every value.</param>
public sealed record MapSchemaType(SchemaType Element) : SchemaType
{
    /// <inheritdoc />
    public override string ToString() => $"map of {Element}";
}

/// <summary>A value of any of several types.</summary>
/// <param name="Types">The alternatives.</param>
public sealed record UnionSchemaType(IReadOnlyList<SchemaType> Types) : SchemaType
{
    /// <inheritdoc />
    public override string ToString() => string.Join(" or ", Types.Select(t => t.ToString()));
}

/// <summary>One property of a resource or of a type definition.</summary>
/// <param name="Name">The property name, as written in templates.</param>
/// <param name="Type">Its type.</param>
/// <param name="Required">Whether the schema requires it.</param>
/// <param name="PreviousTypes">
/// Types the property had in earlier versions of the specification (CDK L1 classes may still render them, and
/// CloudFormation still takes them); empty for most properties.
/// </param>
public sealed record PropertySchema(string Name, SchemaType Type, bool Required, IReadOnlyList<SchemaType> PreviousTypes)
{
    /// <summary>The current type, or the union of the current and the previous types when there are previous ones.</summary>
    public SchemaType AcceptedType { get; } = PreviousTypes.Count == 0 ? Type : new UnionSchemaType([Type, .. PreviousTypes]);
}

/// <summary>A nested property type (<c>MetadataOptions</c> of <c>AWS::EC2::LaunchTemplate</c>).</summary>
public sealed class TypeDefinitionSchema
{
    private readonly Lazy<IReadOnlyDictionary<string, PropertySchema>> _properties;

    internal TypeDefinitionSchema(string name, string fullName, Func<IReadOnlyDictionary<string, PropertySchema>> properties)
    {
        Name = name;
        FullName = fullName;
        // Read on first use: definitions refer to each other, and to themselves (WAF statements nest).
        _properties = new(properties, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The definition's name (<c>MetadataOptions</c>).</summary>
    public string Name { get; }

    /// <summary>The name qualified with the resource type that uses it (<c>AWS::EC2::LaunchTemplate.MetadataOptions</c>).</summary>
    public string FullName { get; }

    /// <summary>The properties by name (ordinal).</summary>
    public IReadOnlyDictionary<string, PropertySchema> Properties => _properties.Value;

    /// <inheritdoc />
    public override string ToString() => FullName;
}

/// <summary>A CloudFormation resource type as the schema describes it.</summary>
/// <param name="Type">The CloudFormation type (<c>AWS::EC2::LaunchTemplate</c>).</param>
/// <param name="Properties">The properties by name (ordinal).</param>
public sealed record ResourceSchema(string Type, IReadOnlyDictionary<string, PropertySchema> Properties);
