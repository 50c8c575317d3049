using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Schema;

namespace Infra.Policies.Rules.CloudFormation;

/// <summary>
/// Every resource is what CloudFormation would accept: a known type, known resource attributes, and properties that
/// match the CloudFormation resource schema (names, types, nesting, required properties, allowed values).
/// </summary>
public sealed class ResourceMatchesSchema : AnyResourceRule
{
    /// <summary>The resource attributes (top-level keys) CloudFormation knows.</summary>
    public static IReadOnlyList<string> ResourceAttributes { get; } =
        ["Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy", "UpdateReplacePolicy", "UpdatePolicy", "CreationPolicy"];

    /// <summary>The values of <c>DeletionPolicy</c> and <c>UpdateReplacePolicy</c>.</summary>
    public static IReadOnlyList<string> RemovalPolicies { get; } = ["Delete", "Retain", "Snapshot", "RetainExceptOnCreate"];

    /// <summary>Types whose properties no schema describes: custom resources and the CDK's metadata.</summary>
    public static IReadOnlySet<string> UncheckedTypes { get; } = RuleTypes.Of("AWS::CloudFormation::CustomResource", "AWS::CDK::Metadata");

    private readonly Func<CloudFormationSchema?> _schema;

    /// <summary>Checks against <see cref="CloudFormationSchema.Shared"/>, loaded when the first resource is checked.</summary>
    public ResourceMatchesSchema()
        : this(() => CloudFormationSchema.Shared)
    {
    }

    /// <summary>Checks against <paramref name="schema"/>; <c>null</c> reports the schema missing, once per template.</summary>
    public ResourceMatchesSchema(CloudFormationSchema? schema)
        : this(() => schema)
    {
    }

    private ResourceMatchesSchema(Func<CloudFormationSchema?> schema) => _schema = schema;

    /// <inheritdoc />
    public override RuleInfo Info { get; } = new(
        "INFRA-CFN-1",
        PolicyLevel.Error,
        "CloudFormation",
        "Resources match the CloudFormation resource schema (types, property names and types, required and allowed values)",
        "CloudFormation rejects a misspelt or mistyped property only at deploy time, after the stacks before it have changed, and some handlers silently ignore an unknown nested property (a typo in MetadataOptions leaves IMDSv1 on). The schema catches both at synth.",
        "Fix the property named in the finding (the message suggests the closest name or lists the allowed values); for a property CDK 2.160 cannot render, use AddPropertyOverride with the schema's name. The schema comes from the npm package @aws-cdk/aws-service-spec: run npm ci.");

    /// <inheritdoc />
    public override IEnumerable<Violation> Check(TemplateResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var violations = CheckResourceAttributes(resource.Raw).ToList();
        var schema = _schema();
        if (schema is null)
        {
            // Once per template, on its first resource: the rule must not pass silently without its schema.
            if (ReferenceEquals(resource.Template.Resources[0], resource))
            {
                violations.Add(new Violation(
                    $"The CloudFormation resource schema ({CloudFormationSchema.RelativePath.Replace('\\', '/')}) was not found above the current or the application directory, so no resource of this template was checked against it; run npm ci (consumers: add {CloudFormationSchema.PackageName} to package.json devDependencies first).",
                    "Schema::Missing"));
            }

            return violations;
        }

        if (!resource.Type.StartsWith("AWS::", StringComparison.Ordinal) || UncheckedTypes.Contains(resource.Type))
        {
            return violations;
        }

        if (!schema.TryGetResource(resource.Type, out var resourceSchema))
        {
            // Stricter than for property names: AWS::Nope::Thing is not a typo of AWS::IoT::Thing.
            var suggestion = NameSuggestion.Closest(resource.Type, schema.ResourceTypes, charactersPerEdit: 8);
            violations.Add(new Violation(
                suggestion is null
                    ? $"Type {resource.Type} is not a resource type of {schema.DisplayName}; fix the type name."
                    : $"Type {resource.Type} is not a resource type of {schema.DisplayName}; did you mean {suggestion}?",
                $"ResourceType::{resource.Type}"));
            return violations;
        }

        switch (resource.Raw["Properties"])
        {
            case JsonObject properties:
                violations.AddRange(SchemaValidator.Check(properties, resourceSchema));
                break;
            case null:
                violations.AddRange(SchemaValidator.Check(new JsonObject(), resourceSchema));
                break;
            case var other when !Cfn.IsIntrinsic(other):
                violations.Add(new Violation($"Properties is {SchemaValidator.Describe(other)}; expected an object.", "Type::Properties"));
                break;
        }

        return violations;
    }

    private static IEnumerable<Violation> CheckResourceAttributes(JsonObject raw)
    {
        if (Cfn.AsString(raw["Type"]) is null)
        {
            yield return new Violation($"Type is {SchemaValidator.Describe(raw["Type"])}; every resource needs a resource type (AWS::Service::Resource or Custom::Name).", "Attribute::Type");
        }

        foreach (var (key, _) in raw)
        {
            if (!ResourceAttributes.Contains(key, StringComparer.Ordinal))
            {
                var suggestion = NameSuggestion.Closest(key, ResourceAttributes);
                yield return new Violation(
                    suggestion is null
                        ? $"{key} is not a resource attribute ({string.Join(", ", ResourceAttributes)}); remove it or move it into Properties."
                        : $"{key} is not a resource attribute ({string.Join(", ", ResourceAttributes)}); did you mean {suggestion}?",
                    $"Attribute::{key}");
            }
        }

        foreach (var policy in new[] { "DeletionPolicy", "UpdateReplacePolicy" })
        {
            var value = raw[policy];
            if (value is not null && !Cfn.IsIntrinsic(value) && !RemovalPolicies.Contains(Cfn.AsString(value) ?? "", StringComparer.Ordinal))
            {
                var suggestion = Cfn.AsString(value) is { } text ? NameSuggestion.Closest(text, RemovalPolicies) : null;
                yield return new Violation(
                    suggestion is null
                        ? $"{policy} is {SchemaValidator.Describe(value)}, not one of {string.Join(", ", RemovalPolicies)}."
                        : $"{policy} is {SchemaValidator.Describe(value)}, not one of {string.Join(", ", RemovalPolicies)}; did you mean {suggestion}?",
                    $"Attribute::{policy}");
            }
        }
    }
}
