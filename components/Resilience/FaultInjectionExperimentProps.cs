using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Logs;

namespace Infra.Components.Resilience;

/// <summary>Properties of a <see cref="FaultInjectionExperiment"/>.</summary>
public sealed record FaultInjectionExperimentProps
{
    /// <summary>
    /// The experiment's name (lower-case letters, digits and hyphens, up to 63): the template's tag
    /// <see cref="FaultInjectionExperiment.NameTag"/>, which is how it is found and started (its id changes whenever its tags do).
    /// </summary>
    public required string ExperimentName { get; init; }

    /// <summary>What the experiment should show, in one or two sentences: the template's description starts with it.</summary>
    public required string Hypothesis { get; init; }

    /// <summary>The faults, with their targets.</summary>
    public required IReadOnlyList<ExperimentAction> Actions { get; init; }

    /// <summary>
    /// Alarms that mean customer impact: when one is in ALARM, FIS refuses to start the experiment and stops a running one
    /// (every action is rolled back where FIS can). At least one is required.
    /// </summary>
    public required IReadOnlyList<IAlarm> StopConditions { get; init; }

    /// <summary>Where FIS writes the experiment's log (targets resolved, each action's start, end and errors).</summary>
    /// <value>Omitted: a log group encrypted with a new customer-managed key is created.</value>
    public ILogGroup? LogGroup { get; init; }

    /// <summary>Days the created log group keeps records (a CloudWatch Logs retention value).</summary>
    /// <value>90 days.</value>
    public int LogRetentionDays { get; init; } = 90;

    /// <summary>Run the experiment even when a target matches nothing (that action is skipped); off, the experiment fails to start instead.</summary>
    /// <value><c>false</c>.</value>
    public bool SkipEmptyTargets { get; init; }

    /// <summary>What the created log group and key do when they leave the stack.</summary>
    /// <value><see cref="RemovalPolicy.DESTROY"/>.</value>
    public RemovalPolicy RemovalPolicy { get; init; } = RemovalPolicy.DESTROY;
}
