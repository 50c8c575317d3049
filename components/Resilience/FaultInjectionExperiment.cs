using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.FIS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Resilience;

/// <summary>
/// An AWS Fault Injection Service experiment template from typed actions: a stated hypothesis, targets selected by tag
/// or ARN (never every resource of a type), stop conditions on CloudWatch alarms, a log in CloudWatch Logs, and a role
/// allowed exactly what the actions need, scoped to the targets' tags or ARNs.
/// </summary>
public sealed partial class FaultInjectionExperiment : Construct
{
    /// <summary>The tag naming the experiment on its template: <c>make chaos</c> finds the template by it.</summary>
    public const string NameTag = "infra:experiment";

    /// <summary>Creates the template and its role, validating every prop first.</summary>
    public FaultInjectionExperiment(Construct scope, string id, FaultInjectionExperimentProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(FaultInjectionExperimentProps), Validate(props));
        var stack = Stack.Of(this);
        ExperimentName = props.ExperimentName;
        LogGroup = props.LogGroup ?? CreateLogGroup(props);

        Role = new Role(this, "Role", new RoleProps
        {
            Description = $"FIS experiment {props.ExperimentName}: injects its faults, nothing else",
            // Only FIS experiments of this account (confused deputy).
            AssumedBy = new ServicePrincipal("fis.amazonaws.com", new ServicePrincipalOpts
            {
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                    ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = Arn("fis", "experiment/*") },
                },
            }),
        });
        var actions = props.Actions.Select(a => a is StartAutomationAction s ? s with { DocumentArn = Arn("ssm", $"document/{s.DocumentName}") } : a).ToList();
        Policy = new Policy(this, "Policy", new PolicyProps
        {
            Roles = [Role],
            Statements = [.. actions.SelectMany(Permissions), .. ReadPermissions(actions), LogDeliveryPermissions()],
        });

        var targets = actions.Where(a => a.Target is not null).Select(a => a.Target!.Value.Target).DistinctBy(t => t.Name).ToList();
        Template = new CfnExperimentTemplate(this, "Template", new CfnExperimentTemplateProps
        {
            Description = Description(props),
            RoleArn = Role.RoleArn,
            StopConditions = props.StopConditions
                .Select(a => (object)new CfnExperimentTemplate.ExperimentTemplateStopConditionProperty { Source = "aws:cloudwatch:alarm", Value = a.AlarmArn })
                .ToArray(),
            Targets = targets.ToDictionary(t => t.Name, t => (object)TargetProperty(t)),
            Actions = actions.ToDictionary(a => a.Name, a => (object)new CfnExperimentTemplate.ExperimentTemplateActionProperty
            {
                ActionId = a.ActionId,
                Parameters = a.Parameters.Count == 0 ? null : a.Parameters.ToDictionary(p => p.Key, p => p.Value),
                Targets = a.Target is { } t ? new Dictionary<string, string> { [t.Key] = t.Target.Name } : null,
                StartAfter = a.StartAfter.Count == 0 ? null : a.StartAfter.ToArray(),
            }),
            LogConfiguration = new CfnExperimentTemplate.ExperimentTemplateLogConfigurationProperty
            {
                LogSchemaVersion = 2,
                // A json-typed property in CDK 2.160's L1: the typed struct would be written with its jsii name (logGroupArn),
                // which CloudFormation does not know.
                CloudWatchLogsConfiguration = new Dictionary<string, object> { ["LogGroupArn"] = LogGroup.LogGroupArn },
            },
            ExperimentOptions = new CfnExperimentTemplate.ExperimentTemplateExperimentOptionsProperty
            {
                AccountTargeting = "single-account",
                EmptyTargetResolutionMode = props.SkipEmptyTargets ? "skip" : "fail",
            },
            Tags = new Dictionary<string, string> { [NameTag] = props.ExperimentName },
        });
        // The role must hold its permissions before an experiment can start from the template.
        Template.Node.AddDependency(Policy);
    }

    /// <summary>The experiment's name (its <see cref="NameTag"/>).</summary>
    public string ExperimentName { get; }

    /// <summary>The experiment template.</summary>
    public CfnExperimentTemplate Template { get; }

    /// <summary>The role FIS runs the experiment as.</summary>
    public Role Role { get; }

    /// <summary>The role's permissions: each action's, scoped to its targets, and log delivery.</summary>
    public Policy Policy { get; }

    /// <summary>Where the experiment's log goes.</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The template's description: the name, then the hypothesis.</summary>
    public static string Description(FaultInjectionExperimentProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        return $"{props.ExperimentName}: {props.Hypothesis}";
    }

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(FaultInjectionExperimentProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new ValidationCollector();
        v.Require(ExperimentNamePattern().IsMatch(props.ExperimentName), nameof(props.ExperimentName),
            $"'{props.ExperimentName}' is not an experiment name: 2 to 63 lower-case letters, digits and hyphens, starting with a letter.");
        v.Require(!string.IsNullOrWhiteSpace(props.Hypothesis), nameof(props.Hypothesis), "is empty; say what the experiment should show.");
        v.Require(Description(props).Length <= 512, nameof(props.Hypothesis),
            $"makes the description {Description(props).Length} characters long; FIS allows 512. Say it shorter.");
        v.Require(props.StopConditions.Count > 0, nameof(props.StopConditions),
            "is empty: nothing would stop the experiment but a person. Give at least one alarm that means customer impact.");
        v.Require(props.Actions.Count > 0, nameof(props.Actions), "is empty; an experiment injects at least one fault.");
        v.Require(LogRetention.IsAllowed(props.LogRetentionDays), nameof(props.LogRetentionDays),
            $"{props.LogRetentionDays} is not a CloudWatch Logs retention; use one of {string.Join(", ", LogRetention.AllowedDays)}.");
        for (var i = 0; i < props.Actions.Count; i++)
        {
            ValidateAction(props, i, v);
        }

        return v.Problems;
    }

    private static void ValidateAction(FaultInjectionExperimentProps props, int i, ValidationCollector v)
    {
        var a = props.Actions[i];
        var at = $"Actions[{i}]";
        v.Require(NamePattern().IsMatch(a.Name), $"{at}.Name", $"'{a.Name}' is not an action name: 1 to 64 letters, digits and hyphens.");
        v.Require(props.Actions.Count(o => o.Name == a.Name) == 1, $"{at}.Name", $"'{a.Name}' is used by another action; names must be unique.");
        foreach (var after in a.StartAfter.Where(n => props.Actions.All(o => o.Name != n)))
        {
            v.Add($"{at}.StartAfter", $"'{after}' is not an action of this experiment.");
        }

        switch (a)
        {
            case SpotInterruptionAction s:
                v.Require(s.NoticeMinutes is >= 2 and <= 15, $"{at}.NoticeMinutes", $"{s.NoticeMinutes} must be 2 to 15 minutes.");
                v.Require(s.SpotInstances.Selection is not { Mode: "COUNT", Value: > 5 }, $"{at}.SpotInstances.Selection",
                    $"{s.SpotInstances.Selection} is more than the 5 Spot Instances FIS interrupts per action.");
                break;
            case DisruptConnectivityAction d:
                v.Require(d.DurationMinutes is >= 1 and <= 720, $"{at}.DurationMinutes", $"{d.DurationMinutes} must be 1 to 720 minutes.");
                break;
            case StartAutomationAction s:
                v.Require(s.MaxDurationMinutes is >= 1 and <= 720, $"{at}.MaxDurationMinutes", $"{s.MaxDurationMinutes} must be 1 to 720 minutes.");
                v.Require(s.DocumentParameters.TrimStart().StartsWith('{'), $"{at}.DocumentParameters", "must be a JSON object of the document's parameters.");
                break;
        }

        if (a.Target is not { } target)
        {
            return;
        }

        var (key, t) = target;
        var tat = $"{at}.{key}";
        var expected = a switch
        {
            SpotInterruptionAction => ExperimentTargetType.Ec2SpotInstance,
            TerminateInstancesAction => ExperimentTargetType.Ec2Instance,
            DisruptConnectivityAction => ExperimentTargetType.Ec2Subnet,
            _ => ExperimentTargetType.RdsCluster,
        };
        v.Require(t.ResourceType == expected, $"{tat}.ResourceType", $"{t.ResourceType} is not what {a.ActionId} acts on; use {expected}.");
        v.Require(NamePattern().IsMatch(t.Name), $"{tat}.Name", $"'{t.Name}' is not a target name: 1 to 64 letters, digits and hyphens.");
        v.Require(t.ResourceTags.Count > 0 || t.ResourceArns.Count > 0, tat,
            $"'{t.Name}' selects every {t.FisResourceType} in the region; select by tags (this environment's) or by ARN.");
        v.Require(t.Selection is not { Mode: "PERCENT", Value: < 1 or > 100 } && t.Selection is not { Mode: "COUNT", Value: < 1 }, $"{tat}.Selection",
            $"{t.Selection} must select at least one resource (COUNT from 1, PERCENT 1 to 100).");
        var sameName = props.Actions.Where(o => o.Target is { } ot && ot.Target.Name == t.Name).Select(o => o.Target!.Value.Target);
        v.Require(sameName.All(o => ReferenceEquals(o, t) || (o.ResourceType == t.ResourceType && o.Selection == t.Selection)), $"{tat}.Name",
            $"'{t.Name}' names different targets in different actions; give each target its own name.");
    }

    private LogGroup CreateLogGroup(FaultInjectionExperimentProps props)
    {
        var stack = Stack.Of(this);
        var key = CustomerManagedKey.Create(this, $"Encrypts the log of FIS experiment {props.ExperimentName}", props.RemovalPolicy);
        var name = $"/infra/fis/{props.ExperimentName}";
        CustomerManagedKey.AllowLogGroups(key, "AllowLogEncryption", $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:{name}");
        return new LogGroup(this, "Logs", new LogGroupProps
        {
            LogGroupName = name,
            EncryptionKey = key,
            Retention = LogRetention.FromDays(props.LogRetentionDays),
            RemovalPolicy = props.RemovalPolicy,
        });
    }

    private static CfnExperimentTemplate.ExperimentTemplateTargetProperty TargetProperty(ExperimentTarget t) => new()
    {
        ResourceType = t.FisResourceType,
        SelectionMode = t.Selection.ToString(),
        ResourceTags = t.ResourceTags.Count == 0 ? null : t.ResourceTags.ToDictionary(kv => kv.Key, kv => kv.Value),
        ResourceArns = t.ResourceArns.Count == 0 ? null : t.ResourceArns.ToArray(),
        Filters = t.Filters.Count == 0 ? null : t.Filters
            .Select(f => (object)new CfnExperimentTemplate.ExperimentTemplateTargetFilterProperty { Path = f.Key, Values = f.Value.ToArray() })
            .ToArray(),
        Parameters = t.Parameters.Count == 0 ? null : t.Parameters.ToDictionary(kv => kv.Key, kv => kv.Value),
    };

    // What each action needs, on its targets only: their ARNs, or their kind with the targets' tags as a condition.
    private IEnumerable<PolicyStatement> Permissions(ExperimentAction action)
    {
        var sid = Sid(action.Name);
        switch (action)
        {
            case SpotInterruptionAction s:
                yield return OnTargets($"{sid}Interrupt", ["ec2:SendSpotInstanceInterruptions"], s.SpotInstances, Arn("ec2", "instance/*"));
                break;
            case TerminateInstancesAction t:
                yield return OnTargets($"{sid}Terminate", ["ec2:TerminateInstances"], t.Instances, Arn("ec2", "instance/*"));
                break;
            case DisruptConnectivityAction d:
                foreach (var statement in NetworkPermissions(sid, d))
                {
                    yield return statement;
                }

                break;
            case FailoverDbClusterAction f:
                yield return OnTargets($"{sid}Failover", ["rds:FailoverDBCluster"], f.Clusters, Arn("rds", "cluster:*"));
                break;
            case StartAutomationAction a:
                yield return IamStatements.Allow($"{sid}Start", ["ssm:StartAutomationExecution"], [Arn("ssm", $"automation-definition/{a.DocumentName}:*")]);
                yield return IamStatements.Allow($"{sid}Follow", ["ssm:GetAutomationExecution", "ssm:StopAutomationExecution"], [Arn("ssm", "automation-execution/*")]);
                yield return IamStatements.Allow($"{sid}PassRole", ["iam:PassRole"], [a.AutomationRole.RoleArn], new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object> { ["iam:PassedToService"] = "ssm.amazonaws.com" },
                });
                break;
        }
    }

    // The managed policy AWSFaultInjectionSimulatorNetworkAccess's statements for scope "all", narrowed to this account
    // and region, and to subnets and VPCs that carry the target's tags. The temporary network ACL is FIS's own (tag
    // managedByFIS=true); the subnets' original ACL carries no tag, and FIS must be able to put it back.
    private IEnumerable<PolicyStatement> NetworkPermissions(string sid, DisruptConnectivityAction action)
    {
        var subnets = action.Subnets;
        var vpcArn = action.Vpc is { } vpc ? Arn("ec2", $"vpc/{vpc.VpcId}") : null;
        yield return vpcArn is null
            ? IamStatements.Allow($"{sid}CreateAclInVpc", ["ec2:CreateNetworkAcl"], [Arn("ec2", "vpc/*")], TagConditions(subnets))
            : IamStatements.Allow($"{sid}CreateAclInVpc", ["ec2:CreateNetworkAcl"], [vpcArn]);
        yield return IamStatements.Allow($"{sid}CreateAcl", ["ec2:CreateNetworkAcl"], [Arn("ec2", "network-acl/*")], Conditions("StringEquals", ["aws:RequestTag/managedByFIS", "true"]));
        yield return IamStatements.Allow($"{sid}TagAcl", ["ec2:CreateTags"], [Arn("ec2", "network-acl/*")],
            Conditions("StringEquals", ["aws:RequestTag/managedByFIS", "true"], ["ec2:CreateAction", "CreateNetworkAcl"]));
        yield return IamStatements.Allow($"{sid}ChangeFisAcl", ["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAcl"], [Arn("ec2", "network-acl/*"), Arn("ec2", "vpc/*")],
            Conditions("StringEquals", ["ec2:ResourceTag/managedByFIS", "true"]));
        yield return OnTargets($"{sid}SwapAcl", ["ec2:ReplaceNetworkAclAssociation"], subnets, Arn("ec2", "subnet/*"));
        yield return IamStatements.Allow($"{sid}RestoreAcl", ["ec2:ReplaceNetworkAclAssociation"], [Arn("ec2", "network-acl/*")],
            vpcArn is null ? null : Conditions("ArnEquals", ["ec2:Vpc", vpcArn]));
    }

    // Reads FIS makes to resolve targets and follow actions: these APIs accept only Resource *.
    private static IEnumerable<PolicyStatement> ReadPermissions(IReadOnlyList<ExperimentAction> actions)
    {
        var reads = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            string[] needed = action switch
            {
                SpotInterruptionAction or TerminateInstancesAction => ["ec2:DescribeInstances"],
                DisruptConnectivityAction => ["ec2:DescribeManagedPrefixLists", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets", "ec2:DescribeVpcs"],
                FailoverDbClusterAction => ["rds:DescribeDBClusters", "tag:GetResources"],
                _ => [],
            };
            reads.UnionWith(needed);
        }

        if (reads.Count > 0)
        {
            yield return IamStatements.Allow("ResolveTargets", reads.ToArray(), ["*"]);
        }
    }

    // FIS delivers the experiment log through CloudWatch Logs' vended log delivery, whose APIs accept only Resource *.
    private static PolicyStatement LogDeliveryPermissions() => IamStatements.Allow("DeliverExperimentLog",
        ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"], ["*"]);

    private static PolicyStatement OnTargets(string sid, string[] actions, ExperimentTarget target, string anyOfKind) =>
        target.ResourceArns.Count > 0
            ? IamStatements.Allow(sid, actions, target.ResourceArns.ToArray())
            : IamStatements.Allow(sid, actions, [anyOfKind], TagConditions(target));

    private static Dictionary<string, object>? TagConditions(ExperimentTarget target) => target.ResourceTags.Count == 0 ? null : new()
    {
        ["StringEquals"] = target.ResourceTags.ToDictionary(kv => $"aws:ResourceTag/{kv.Key}", kv => (object)kv.Value),
    };

    private static Dictionary<string, object> Conditions(string op, params string[][] pairs) => new()
    {
        [op] = pairs.ToDictionary(p => p[0], p => (object)p[1]),
    };

    private string Arn(string service, string resource)
    {
        var stack = Stack.Of(this);
        return $"arn:{stack.Partition}:{service}:{stack.Region}:{stack.Account}:{resource}";
    }

    private static string Sid(string name) => string.Concat(name.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    [GeneratedRegex(@"^[a-z][a-z0-9-]{1,62}$")]
    private static partial Regex ExperimentNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex NamePattern();
}
