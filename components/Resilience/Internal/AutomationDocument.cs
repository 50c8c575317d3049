using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Infra.Components.Resilience.Internal;

/// <summary>
/// An SSM Automation document (schema 0.3) as typed records, serialized with the schema's key names the way the charts'
/// values are (components/Internal/HelmValues.cs): a misspelled key does not compile, and a null one is left out.
/// </summary>
internal sealed record AutomationDocument
{
    /// <summary><c>schemaVersion</c>: Automation documents use 0.3.</summary>
    [JsonPropertyName("schemaVersion")]
    public string SchemaVersion { get; init; } = "0.3";

    /// <summary><c>description</c>.</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary><c>assumeRole</c>: the role the automation runs as, usually a parameter reference.</summary>
    [JsonPropertyName("assumeRole")]
    public required string AssumeRole { get; init; }

    /// <summary><c>parameters</c>, by name.</summary>
    [JsonPropertyName("parameters")]
    public required IReadOnlyDictionary<string, DocumentParameter> Parameters { get; init; }

    /// <summary><c>mainSteps</c>, in order.</summary>
    [JsonPropertyName("mainSteps")]
    public required IReadOnlyList<AutomationStep> MainSteps { get; init; }
}

/// <summary>One of a document's <c>parameters</c>.</summary>
internal sealed record DocumentParameter
{
    /// <summary><c>type</c>, such as <c>String</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "String";

    /// <summary><c>allowedValues</c>; null for any.</summary>
    [JsonPropertyName("allowedValues")]
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary><c>default</c>; null for none.</summary>
    [JsonPropertyName("default")]
    public string? Default { get; init; }

    /// <summary><c>description</c>.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }
}

/// <summary>One of <c>mainSteps</c>.</summary>
internal sealed record AutomationStep
{
    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>action</c>, such as <c>aws:executeAwsApi</c>.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }

    /// <summary><c>timeoutSeconds</c>; null for the action's default.</summary>
    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; init; }

    /// <summary><c>isEnd</c>: true on the last step.</summary>
    [JsonPropertyName("isEnd")]
    public bool? IsEnd { get; init; }

    /// <summary><c>inputs</c>: the action's own record (<see cref="BranchInputs"/>, <see cref="SleepInputs"/>, <see cref="RdsGlobalClusterCall"/>).</summary>
    [JsonPropertyName("inputs")]
    public required object Inputs { get; init; }

    /// <summary><c>outputs</c>; null for none.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyList<StepOutput>? Outputs { get; init; }

    /// <summary><c>nextStep</c>; null to go on with the next in the list.</summary>
    [JsonPropertyName("nextStep")]
    public string? NextStep { get; init; }
}

/// <summary>The inputs of <c>aws:branch</c>.</summary>
internal sealed record BranchInputs
{
    /// <summary><c>Choices</c>.</summary>
    [JsonPropertyName("Choices")]
    public required IReadOnlyList<BranchChoice> Choices { get; init; }

    /// <summary><c>Default</c>: the step when no choice matches.</summary>
    [JsonPropertyName("Default")]
    public required string Default { get; init; }
}

/// <summary>One choice of <c>aws:branch</c>: go to <see cref="NextStep"/> when <see cref="Variable"/> equals <see cref="StringEquals"/>.</summary>
internal sealed record BranchChoice
{
    /// <summary><c>NextStep</c>.</summary>
    [JsonPropertyName("NextStep")]
    public required string NextStep { get; init; }

    /// <summary><c>Variable</c>, such as <c>{{ Mode }}</c>.</summary>
    [JsonPropertyName("Variable")]
    public required string Variable { get; init; }

    /// <summary><c>StringEquals</c>.</summary>
    [JsonPropertyName("StringEquals")]
    public required string StringEquals { get; init; }
}

/// <summary>The inputs of <c>aws:sleep</c>.</summary>
internal sealed record SleepInputs
{
    /// <summary><c>Duration</c>, ISO 8601 (<c>PT1M</c>).</summary>
    [JsonPropertyName("Duration")]
    public required string Duration { get; init; }
}

/// <summary>
/// The inputs of <c>aws:executeAwsApi</c> or <c>aws:waitForAwsResourceProperty</c> calling an RDS global-cluster API:
/// the service, the API and its request parameters, and for a wait the property and the values awaited.
/// </summary>
internal sealed record RdsGlobalClusterCall
{
    /// <summary><c>Service</c>.</summary>
    [JsonPropertyName("Service")]
    public string Service { get; init; } = "rds";

    /// <summary><c>Api</c>, such as <c>SwitchoverGlobalCluster</c>.</summary>
    [JsonPropertyName("Api")]
    public required string Api { get; init; }

    /// <summary><c>GlobalClusterIdentifier</c>.</summary>
    [JsonPropertyName("GlobalClusterIdentifier")]
    public required string GlobalClusterIdentifier { get; init; }

    /// <summary><c>TargetDbClusterIdentifier</c>: the member that becomes the writer; null for a read.</summary>
    [JsonPropertyName("TargetDbClusterIdentifier")]
    public string? TargetDbClusterIdentifier { get; init; }

    /// <summary><c>AllowDataLoss</c>: true for a failover; null for a switchover.</summary>
    [JsonPropertyName("AllowDataLoss")]
    public bool? AllowDataLoss { get; init; }

    /// <summary><c>PropertySelector</c> (waits only).</summary>
    [JsonPropertyName("PropertySelector")]
    public string? PropertySelector { get; init; }

    /// <summary><c>DesiredValues</c> (waits only).</summary>
    [JsonPropertyName("DesiredValues")]
    public IReadOnlyList<string>? DesiredValues { get; init; }
}

/// <summary>One of a step's <c>outputs</c>.</summary>
internal sealed record StepOutput
{
    /// <summary><c>Name</c>.</summary>
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    /// <summary><c>Selector</c>, a JSONPath into the response.</summary>
    [JsonPropertyName("Selector")]
    public required string Selector { get; init; }

    /// <summary><c>Type</c>, such as <c>MapList</c>.</summary>
    [JsonPropertyName("Type")]
    public required string Type { get; init; }
}
