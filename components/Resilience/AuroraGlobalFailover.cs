using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SSM;
using Constructs;
using Infra.Components.Internal;
using Infra.Components.Resilience.Internal;

namespace Infra.Components.Resilience;

/// <summary>How the writer of an Aurora global database moves.</summary>
public enum GlobalFailoverMode
{
    /// <summary><c>SwitchoverGlobalCluster</c>: planned, both regions healthy, no data loss (Aurora waits for the secondary to catch up).</summary>
    Switchover,

    /// <summary><c>FailoverGlobalCluster</c> with <c>AllowDataLoss</c>: unplanned, loses the writes not yet replicated.</summary>
    Failover,
}

/// <summary>Properties of an <see cref="AuroraGlobalFailover"/>.</summary>
public sealed record AuroraGlobalFailoverProps
{
    /// <summary>The global cluster's identifier (<c>infra-prod</c>).</summary>
    public required string GlobalClusterIdentifier { get; init; }

    /// <summary>The ARN of every member cluster (the partition may be a token): the document may make any of them the writer, and nothing else.</summary>
    public required IReadOnlyList<string> MemberClusterArns { get; init; }
}

/// <summary>
/// An SSM Automation document that moves the writer of an Aurora global database (FIS has no action for it), and the
/// role it runs as, allowed only that on this global cluster and its members. <see cref="Action"/> gives the FIS action
/// that runs it; the steps match docs/runbooks/aurora-global-failover.md: switch (or fail) over, wait until the global
/// cluster is available again, report its members.
/// </summary>
public sealed partial class AuroraGlobalFailover : Construct
{
    /// <summary>Creates the document and its role, validating every prop first.</summary>
    public AuroraGlobalFailover(Construct scope, string id, AuroraGlobalFailoverProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(AuroraGlobalFailoverProps), Validate(props));
        var stack = Stack.Of(this);
        var globalArn = $"arn:{stack.Partition}:rds::{stack.Account}:global-cluster:{props.GlobalClusterIdentifier}";
        MemberClusterArns = props.MemberClusterArns;
        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"SSM Automation: moves the writer of Aurora global database {props.GlobalClusterIdentifier}",
            AssumedBy = new ServicePrincipal("ssm.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account } },
            }),
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                ["MoveGlobalWriter"] = new(new PolicyDocumentProps
                {
                    Statements =
                    [
                        IamStatements.Allow("MoveWriter", ["rds:SwitchoverGlobalCluster", "rds:FailoverGlobalCluster"], [globalArn, .. props.MemberClusterArns]),
                        IamStatements.Allow("FollowGlobalCluster", ["rds:DescribeGlobalClusters"], [globalArn]),
                        IamStatements.Allow("FollowMembers", ["rds:DescribeDBClusters"], [.. props.MemberClusterArns]),
                    ],
                }),
            },
        });
        Document = new CfnDocument(this, "Document", new CfnDocumentProps
        {
            DocumentType = "Automation",
            DocumentFormat = "JSON",
            Content = Content(props),
        });
    }

    /// <summary>The Automation document (its <c>Ref</c> is its name).</summary>
    public CfnDocument Document { get; }

    /// <summary>The role the document runs as.</summary>
    public Role Role { get; }

    /// <summary>The members the writer may move to.</summary>
    public IReadOnlyList<string> MemberClusterArns { get; }

    /// <summary>The FIS action that runs the document, making <paramref name="targetClusterArn"/> the writer.</summary>
    public StartAutomationAction Action(string name, string targetClusterArn, GlobalFailoverMode mode, int maxDurationMinutes) => new()
    {
        Name = name,
        DocumentName = Document.Ref,
        AutomationRole = Role,
        MaxDurationMinutes = maxDurationMinutes,
        DocumentParameters = $"{{\"AutomationAssumeRole\":\"{Role.RoleArn}\",\"Mode\":\"{ModeName(mode)}\",\"TargetDbClusterArn\":\"{targetClusterArn}\"}}",
    };

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(AuroraGlobalFailoverProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new ValidationCollector();
        v.Require(Identifier().IsMatch(props.GlobalClusterIdentifier), nameof(props.GlobalClusterIdentifier),
            $"'{props.GlobalClusterIdentifier}' is not a global cluster identifier: 1 to 63 lower-case letters, digits and hyphens, starting with a letter.");
        v.Require(props.MemberClusterArns.Count >= 2, nameof(props.MemberClusterArns),
            $"has {props.MemberClusterArns.Count} member(s); a writer can only move between two or more.");
        for (var i = 0; i < props.MemberClusterArns.Count; i++)
        {
            v.Require(Token.IsUnresolved(props.MemberClusterArns[i]) || ClusterArn().IsMatch(props.MemberClusterArns[i]), $"{nameof(props.MemberClusterArns)}[{i}]",
                $"'{props.MemberClusterArns[i]}' is not an Aurora cluster ARN (arn:aws:rds:<region>:<account>:cluster:<identifier>).");
        }

        return v.Problems;
    }

    private static string ModeName(GlobalFailoverMode mode) => mode == GlobalFailoverMode.Failover ? "failover" : "switchover";

    private static Dictionary<string, object> Content(AuroraGlobalFailoverProps props)
    {
        var global = props.GlobalClusterIdentifier;
        return HelmValues.From(new AutomationDocument
        {
            Description = $"Moves the writer of Aurora global database {global} to TargetDbClusterArn: a switchover (planned, no data loss) or a failover (AllowDataLoss). See docs/runbooks/aurora-global-failover.md.",
            AssumeRole = "{{ AutomationAssumeRole }}",
            Parameters = new Dictionary<string, DocumentParameter>
            {
                ["AutomationAssumeRole"] = new() { Description = "The role the automation runs as." },
                ["Mode"] = new() { AllowedValues = ["switchover", "failover"], Default = "switchover" },
                ["TargetDbClusterArn"] = new() { AllowedValues = [.. props.MemberClusterArns], Description = "The member that becomes the writer." },
            },
            MainSteps =
            [
                new AutomationStep
                {
                    Name = "ChooseMode",
                    Action = "aws:branch",
                    Inputs = new BranchInputs
                    {
                        Choices = [new BranchChoice { NextStep = "Failover", Variable = "{{ Mode }}", StringEquals = "failover" }],
                        Default = "Switchover",
                    },
                },
                MoveStep("Switchover", "SwitchoverGlobalCluster", global, allowDataLoss: false),
                MoveStep("Failover", "FailoverGlobalCluster", global, allowDataLoss: true),
                new AutomationStep { Name = "LetItStart", Action = "aws:sleep", Inputs = new SleepInputs { Duration = "PT1M" } },
                new AutomationStep
                {
                    Name = "WaitUntilAvailable",
                    Action = "aws:waitForAwsResourceProperty",
                    TimeoutSeconds = 3600,
                    Inputs = new RdsGlobalClusterCall
                    {
                        Api = "DescribeGlobalClusters",
                        GlobalClusterIdentifier = global,
                        PropertySelector = "$.GlobalClusters[0].Status",
                        DesiredValues = ["available"],
                    },
                },
                new AutomationStep
                {
                    Name = "ReportMembers",
                    Action = "aws:executeAwsApi",
                    IsEnd = true,
                    Inputs = new RdsGlobalClusterCall { Api = "DescribeGlobalClusters", GlobalClusterIdentifier = global },
                    Outputs = [new StepOutput { Name = "Members", Selector = "$.GlobalClusters[0].GlobalClusterMembers", Type = "MapList" }],
                },
            ],
        });
    }

    private static AutomationStep MoveStep(string name, string api, string global, bool allowDataLoss) => new()
    {
        Name = name,
        Action = "aws:executeAwsApi",
        Inputs = new RdsGlobalClusterCall
        {
            Api = api,
            GlobalClusterIdentifier = global,
            TargetDbClusterIdentifier = "{{ TargetDbClusterArn }}",
            AllowDataLoss = allowDataLoss ? true : null,
        },
        NextStep = "LetItStart",
    };

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex ClusterArn();
}
