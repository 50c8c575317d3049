using System.Collections.Generic;
using System.Linq;

namespace Infra.Stacks.Preview;

/// <summary>What a deploy would do to one resource.</summary>
public enum ChangeKind
{
    /// <summary>Created.</summary>
    Added,

    /// <summary>Updated in place.</summary>
    Modified,

    /// <summary>A new resource is created and the old one deleted (or, with a Retain policy, left behind).</summary>
    Replaced,

    /// <summary>A conditional property changed: CloudFormation may replace the resource, depending on the values.</summary>
    MayBeReplaced,

    /// <summary>Deleted.</summary>
    Removed,

    /// <summary>Removed from the stack but kept in AWS (DeletionPolicy Retain): no longer managed.</summary>
    Orphaned,
}

/// <summary>How a property change affects its resource.</summary>
public enum PropertyImpact
{
    /// <summary>Updated in place.</summary>
    Update,

    /// <summary>CloudFormation may replace the resource (a conditional update).</summary>
    MayReplace,

    /// <summary>The resource is replaced.</summary>
    Replace,

    /// <summary>The deploy fails: the resource's provider refuses the change.</summary>
    Fails,

    /// <summary>The deploy succeeds but the resource's provider does not apply the change: it has to be made by hand.</summary>
    Ignored,
}

/// <summary>One changed value: a property path (<c>Config.name</c>, <c>Tags[0].Value</c>) with its old and new JSON.</summary>
/// <param name="Path">The property path below the resource (<c>Properties</c> omitted; <c>DeletionPolicy</c> and the like as is).</param>
/// <param name="Impact">What the change does to the resource.</param>
/// <param name="OldValue">The old value as compact JSON; <c>null</c> when the property was added.</param>
/// <param name="NewValue">The new value as compact JSON; <c>null</c> when the property was removed.</param>
public sealed record PropertyChange(string Path, PropertyImpact Impact, string? OldValue, string? NewValue);

/// <summary>One resource that differs between the base and the head template.</summary>
/// <param name="LogicalId">The resource's logical id.</param>
/// <param name="Type">Its type (the new type when it changed).</param>
/// <param name="Kind">What a deploy does to it.</param>
/// <param name="Properties">The values that changed (empty for additions and removals).</param>
/// <param name="StatefulCategory">What data it holds ("database", "bucket", ...), or <c>null</c> when it holds none.</param>
/// <param name="BlockingReason">Why the change must not merge unreviewed, or <c>null</c> when it may.</param>
public sealed record ResourceChange(
    string LogicalId,
    string Type,
    ChangeKind Kind,
    IReadOnlyList<PropertyChange> Properties,
    string? StatefulCategory,
    string? BlockingReason)
{
    /// <summary>Whether this change blocks the pull request.</summary>
    public bool IsBlocking => BlockingReason is not null;
}

/// <summary>Whether a stack is new, gone, changed or the same.</summary>
public enum StackStatus
{
    /// <summary>Identical templates (resources).</summary>
    Unchanged,

    /// <summary>Some resources differ.</summary>
    Changed,

    /// <summary>Only in the head: a deploy creates it.</summary>
    Added,

    /// <summary>Only in the base: the head no longer synthesizes it (deleting it is a manual <c>cdk destroy</c>).</summary>
    Removed,
}

/// <summary>The changes to one stack (or nested stack) of one environment.</summary>
/// <param name="Environment">The environment (stage), lower case.</param>
/// <param name="StackName">The CloudFormation stack name; nested stacks read <c>parent › logical id</c>.</param>
/// <param name="Region">Where it deploys.</param>
/// <param name="Status">New, gone, changed or the same.</param>
/// <param name="Resources">Every resource that differs, ordered by logical id.</param>
public sealed record StackChange(string Environment, string StackName, string Region, StackStatus Status, IReadOnlyList<ResourceChange> Resources)
{
    /// <summary>
    /// Exports of this stack that another stack imports and that the change removes or changes: CloudFormation
    /// refuses that, so the deploy of this stack fails. Each entry says which export, why, and who imports it.
    /// </summary>
    public IReadOnlyList<string> ExportConflicts { get; init; } = [];

    /// <summary>How many resources differ in the given way.</summary>
    public int Count(ChangeKind kind) => Resources.Count(r => r.Kind == kind);

    /// <summary>The changes that block the pull request.</summary>
    public IEnumerable<ResourceChange> Blocking => Resources.Where(r => r.IsBlocking);

    /// <summary>The blocking changes and export conflicts.</summary>
    public int BlockingCount => Blocking.Count() + ExportConflicts.Count;
}

/// <summary>A policy finding that appeared or went away between the base and the head.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Level">error or warning.</param>
/// <param name="Environment">The environment.</param>
/// <param name="StackName">The stack.</param>
/// <param name="LogicalId">The resource.</param>
/// <param name="Message">What the rule says.</param>
/// <param name="Change">What happened: introduced, fixed, now suppressed (with the reason) or no longer suppressed.</param>
/// <param name="IsBlocking">An introduced, unsuppressed error.</param>
public sealed record PolicyFindingChange(
    string RuleId, string Level, string Environment, string StackName, string LogicalId, string Message, string Change, bool IsBlocking);

/// <summary>The whole preview: every stack of every environment, and the policy findings introduced and fixed.</summary>
/// <param name="BaseLabel">What the base is (<c>origin/main @ 1a2b3c4</c>).</param>
/// <param name="HeadLabel">What the head is (<c>working tree</c>).</param>
/// <param name="Engine">The diff engine and its version.</param>
/// <param name="Stacks">Every stack of both sides, ordered by environment and name.</param>
/// <param name="Policy">The policy findings introduced and fixed; <c>null</c> when a side has no policy report.</param>
public sealed record PreviewResult(string BaseLabel, string HeadLabel, string Engine, IReadOnlyList<StackChange> Stacks, IReadOnlyList<PolicyFindingChange>? Policy)
{
    /// <summary>The head's end-of-support warnings, repeated on every preview with their dates (never blocking).</summary>
    public IReadOnlyList<SupportNotice> Notices { get; init; } = [];

    /// <summary>What the change does to each environment's deploy: critical path, dependencies, moved access (never blocking).</summary>
    public IReadOnlyList<EnvironmentDeployDelta> DeployPlan { get; init; } = [];

    /// <summary>Each environment's monthly estimate before and after, and what moved it; empty when not estimated.</summary>
    public IReadOnlyList<Cost.EnvironmentCostChange> Cost { get; init; } = [];

    /// <summary>The stateful changes, introduced policy errors and budget breaks (where the file blocks them) that block the pull request.</summary>
    public int BlockingCount => Stacks.Sum(s => s.BlockingCount) + (Policy?.Count(p => p.IsBlocking) ?? 0) + Cost.Count(c => c.IsBlocking);

    /// <summary>Whether anything blocks (the exit code is then 2).</summary>
    public bool IsBlocking => BlockingCount > 0;
}
