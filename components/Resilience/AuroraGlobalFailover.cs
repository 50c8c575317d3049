using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SSM;
using Constructs;
using Infra.Components.Internal;

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
        return new Dictionary<string, object>
        {
            ["schemaVersion"] = "0.3",
            ["description"] = $"Moves the writer of Aurora global database {global} to TargetDbClusterArn: a switchover (planned, no data loss) or a failover (AllowDataLoss). See docs/runbooks/aurora-global-failover.md.",
            ["assumeRole"] = "{{ AutomationAssumeRole }}",
            ["parameters"] = new Dictionary<string, object>
            {
                ["AutomationAssumeRole"] = new Dictionary<string, object> { ["type"] = "String", ["description"] = "The role the automation runs as." },
                ["Mode"] = new Dictionary<string, object> { ["type"] = "String", ["allowedValues"] = new[] { "switchover", "failover" }, ["default"] = "switchover" },
                ["TargetDbClusterArn"] = new Dictionary<string, object> { ["type"] = "String", ["allowedValues"] = props.MemberClusterArns.ToArray(), ["description"] = "The member that becomes the writer." },
            },
            ["mainSteps"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = "ChooseMode",
                    ["action"] = "aws:branch",
                    ["inputs"] = new Dictionary<string, object>
                    {
                        ["Choices"] = new object[] { new Dictionary<string, object> { ["NextStep"] = "Failover", ["Variable"] = "{{ Mode }}", ["StringEquals"] = "failover" } },
                        ["Default"] = "Switchover",
                    },
                },
                MoveStep("Switchover", "SwitchoverGlobalCluster", global, allowDataLoss: false),
                MoveStep("Failover", "FailoverGlobalCluster", global, allowDataLoss: true),
                new Dictionary<string, object> { ["name"] = "LetItStart", ["action"] = "aws:sleep", ["inputs"] = new Dictionary<string, object> { ["Duration"] = "PT1M" } },
                new Dictionary<string, object>
                {
                    ["name"] = "WaitUntilAvailable",
                    ["action"] = "aws:waitForAwsResourceProperty",
                    ["timeoutSeconds"] = 3600,
                    ["inputs"] = new Dictionary<string, object>
                    {
                        ["Service"] = "rds",
                        ["Api"] = "DescribeGlobalClusters",
                        ["GlobalClusterIdentifier"] = global,
                        ["PropertySelector"] = "$.GlobalClusters[0].Status",
                        ["DesiredValues"] = new[] { "available" },
                    },
                },
                new Dictionary<string, object>
                {
                    ["name"] = "ReportMembers",
                    ["action"] = "aws:executeAwsApi",
                    ["isEnd"] = true,
                    ["inputs"] = new Dictionary<string, object> { ["Service"] = "rds", ["Api"] = "DescribeGlobalClusters", ["GlobalClusterIdentifier"] = global },
                    ["outputs"] = new object[] { new Dictionary<string, object> { ["Name"] = "Members", ["Selector"] = "$.GlobalClusters[0].GlobalClusterMembers", ["Type"] = "MapList" } },
                },
            },
        };
    }

    private static Dictionary<string, object> MoveStep(string name, string api, string global, bool allowDataLoss)
    {
        var inputs = new Dictionary<string, object>
        {
            ["Service"] = "rds",
            ["Api"] = api,
            ["GlobalClusterIdentifier"] = global,
            ["TargetDbClusterIdentifier"] = "{{ TargetDbClusterArn }}",
        };
        if (allowDataLoss)
        {
            inputs["AllowDataLoss"] = true;
        }

        return new Dictionary<string, object> { ["name"] = name, ["action"] = "aws:executeAwsApi", ["inputs"] = inputs, ["nextStep"] = "LetItStart" };
    }

    [GeneratedRegex(@"^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^arn:aws[a-z-]*:rds:[a-z0-9-]+:\d{12}:cluster:[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex ClusterArn();
}
