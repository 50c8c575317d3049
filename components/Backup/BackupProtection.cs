using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon.CDK;
using Amazon.CDK.AWS.Backup;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Backup;

/// <summary>
/// A backup plan with everything it needs to be trusted: its own <see cref="RecoveryVault"/> (customer-managed key,
/// deletion refused, optional Vault Lock), snapshot rules with lifecycles and optional continuous backup, copies of
/// every snapshot to other vaults (another region, a backup account), selections by ARN and by tag, optional restore
/// testing, and failed jobs reported to an alert topic.
/// </summary>
public sealed partial class BackupProtection : Construct
{
    /// <summary>The AWS managed policies the backup role carries (AWS keeps them in step with every service AWS Backup supports).</summary>
    public static readonly IReadOnlyList<string> BackupPolicies = ["service-role/AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForS3Backup"];

    /// <summary>The AWS managed policies the restore testing role carries.</summary>
    public static readonly IReadOnlyList<string> RestorePolicies = ["service-role/AWSBackupServiceRolePolicyForRestores", "AWSBackupServiceRolePolicyForS3Restore"];

    /// <summary>Creates the vault, plan, selections and restore tests, validating every prop first.</summary>
    public BackupProtection(Construct scope, string id, BackupProtectionProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(BackupProtectionProps), Validate(props));

        Vault = new RecoveryVault(this, "Vault", props.Vault);
        Role = ServiceRole("BackupRole", $"AWS Backup: takes the recovery points of plan {props.PlanName}", BackupPolicies);
        Plan = new BackupPlan(this, "Plan", new BackupPlanProps { BackupPlanName = props.PlanName, BackupVault = Vault.Vault });
        ConfigureRules(props);
        Selections = props.Selections.ToDictionary(s => s.Name, s => Plan.AddSelection(s.Name, new Amazon.CDK.AWS.Backup.BackupSelectionOptions
        {
            BackupSelectionName = s.Name,
            Role = Role,
            DisableDefaultBackupPolicy = true,
            Resources = s.ResourceArns.Select(BackupResource.FromArn)
                .Concat(s.Tag is { } tag ? [BackupResource.FromTag(tag.Key, tag.Value)] : [])
                .ToArray(),
        }));
        if (props.RestoreTesting is { } testing)
        {
            ConfigureRestoreTesting(props, testing);
        }

        if (props.AlertTopic is not null)
        {
            ConfigureAlerts(props);
        }
    }

    /// <summary>The vault the plan writes to.</summary>
    public RecoveryVault Vault { get; }

    /// <summary>The backup plan.</summary>
    public BackupPlan Plan { get; }

    /// <summary>The role AWS Backup takes recovery points with.</summary>
    public Role Role { get; }

    /// <summary>The plan's selections, by name.</summary>
    public IReadOnlyDictionary<string, BackupSelection> Selections { get; }

    /// <summary>The restore testing plan; <c>null</c> without restore testing.</summary>
    public CfnRestoreTestingPlan? RestoreTestingPlan { get; private set; }

    /// <summary>The role restore tests restore with; <c>null</c> without restore testing.</summary>
    public Role? RestoreTestingRole { get; private set; }

    /// <summary>The restore testing plan's name (letters, digits and underscores): the plan's name with <c>_restore_tests</c>.</summary>
    public static string RestoreTestingPlanName(string planName) => NonWordCharacters().Replace(planName ?? "", "_") + "_restore_tests";

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(BackupProtectionProps props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var v = new ValidationCollector();
        v.Require(NamePattern().IsMatch(props.PlanName), nameof(props.PlanName),
            $"'{props.PlanName}' is not a backup plan name: 1 to 50 letters, digits, '-', '_' and '.'.");
        v.AddRange(RecoveryVault.Validate(props.Vault).Select(p => p.Under(nameof(props.Vault))));
        v.Require(props.StartHourUtc is >= 0 and <= 23, nameof(props.StartHourUtc), $"{props.StartHourUtc} is not an hour of the day; use 0 to 23.");
        v.Require(props.Rules.Count > 0 || props.ContinuousBackupRetentionDays is not null, nameof(props.Rules),
            "is empty and there is no continuous backup: the plan would take no recovery point. Add a rule or turn on continuous backup.");
        ValidateRules(props, v);
        if (props.ContinuousBackupRetentionDays is { } continuous)
        {
            v.Require(continuous is >= 1 and <= 35, nameof(props.ContinuousBackupRetentionDays),
                $"{continuous} is outside the 1 to 35 days continuous backup can reach back.");
            ValidateAgainstLock(props.Vault.Lock, continuous, nameof(props.ContinuousBackupRetentionDays), v);
        }

        for (var i = 0; i < props.CopyTo.Count; i++)
        {
            v.AddRange(props.CopyTo[i].Problems($"{nameof(props.CopyTo)}[{i}]"));
        }

        v.Require(props.Selections.Count > 0, nameof(props.Selections), "is empty: the plan would protect nothing. Select resources by ARN or by tag.");
        for (var i = 0; i < props.Selections.Count; i++)
        {
            var s = props.Selections[i];
            v.Require(NamePattern().IsMatch(s.Name), $"Selections[{i}].Name", $"'{s.Name}' is not a selection name: 1 to 50 letters, digits, '-', '_' and '.'.");
            v.Require(s.ResourceArns.Count > 0 || s.Tag is not null, $"Selections[{i}]", $"'{s.Name}' selects nothing; give resource ARNs or a tag.");
            v.Require(props.Selections.Count(o => o.Name == s.Name) == 1, $"Selections[{i}].Name", $"'{s.Name}' is used by another selection; names must be unique.");
        }

        if (props.RestoreTesting is { } t)
        {
            ValidateRestoreTesting(props, t, v);
        }

        return v.Problems;
    }

    private static void ValidateRules(BackupProtectionProps props, ValidationCollector v)
    {
        for (var i = 0; i < props.Rules.Count; i++)
        {
            var r = props.Rules[i];
            var at = $"Rules[{i}]";
            v.Require(NamePattern().IsMatch(r.Name) && r.Name != BackupProtectionDefaults.ContinuousRuleName, $"{at}.Name",
                $"'{r.Name}' is not a rule name: 1 to 50 letters, digits, '-', '_' and '.', other than '{BackupProtectionDefaults.ContinuousRuleName}' (the continuous rule's).");
            v.Require(props.Rules.Count(o => o.Name == r.Name) == 1, $"{at}.Name", $"'{r.Name}' is used by another rule; names must be unique.");
            v.Require(r.RetentionDays is >= 1 and <= 36_500, $"{at}.RetentionDays", $"{r.RetentionDays} must be 1 to 36500 days.");
            if (r.ColdStorageAfterDays is { } cold)
            {
                v.Require(cold >= 1 && r.RetentionDays >= cold + 90, $"{at}.ColdStorageAfterDays",
                    $"{cold} leaves {r.RetentionDays - cold} days in cold storage; it must be at least 1 and at most the retention ({r.RetentionDays}) minus 90, cold storage's minimum.");
            }

            ValidateAgainstLock(props.Vault.Lock, r.RetentionDays, $"{at}.RetentionDays", v);
        }
    }

    // A job whose retention the vault's lock refuses fails: every such rule would silently stop protecting anything.
    private static void ValidateAgainstLock(VaultLockOptions? vaultLock, int days, string property, ValidationCollector v)
    {
        if (vaultLock is null)
        {
            return;
        }

        v.Require(days >= vaultLock.MinRetentionDays, property,
            $"{days} days is shorter than the vault lock's minimum retention ({vaultLock.MinRetentionDays} days): AWS Backup would fail every job of it. Keep recovery points at least {vaultLock.MinRetentionDays} days or lower the lock's minimum.");
        if (vaultLock.MaxRetentionDays is { } max)
        {
            v.Require(days <= max, property,
                $"{days} days is longer than the vault lock's maximum retention ({max} days): AWS Backup would fail every job of it. Shorten the retention or raise the lock's maximum.");
        }
    }

    private static void ValidateRestoreTesting(BackupProtectionProps props, RestoreTestingOptions t, ValidationCollector v)
    {
        const string At = nameof(props.RestoreTesting);
        v.Require(RestoreTestingPlanName(props.PlanName).Length <= 50, nameof(props.PlanName),
            $"'{props.PlanName}' is too long for restore testing: '{RestoreTestingPlanName(props.PlanName)}' must fit 50 characters.");
        v.Require(t.Frequency >= BackupFrequency.Daily, $"{At}.Frequency", $"{t.Frequency} is more often than restore testing runs; use Daily, Weekly or Monthly.");
        v.Require(t.ValidationWindowHours is >= 1 and <= 168, $"{At}.ValidationWindowHours", $"{t.ValidationWindowHours} must be 1 to 168 hours.");
        v.Require(t.SelectionWindowDays is >= 1 and <= 365, $"{At}.SelectionWindowDays", $"{t.SelectionWindowDays} must be 1 to 365 days.");
        v.Require(t.Targets.Count > 0, $"{At}.Targets", "is empty: nothing would be restored. Name at least one resource type to test.");
        for (var i = 0; i < t.Targets.Count; i++)
        {
            var target = t.Targets[i];
            v.Require((target.ResourceArns.Count > 0) != (target.Tag is not null), $"{At}.Targets[{i}]",
                $"selects {target.ResourceType} resources by {(target.Tag is null ? "nothing" : "both ARNs and a tag")}; give ARNs or a tag, not both.");
            v.Require(target.ResourceArns.Count <= 30, $"{At}.Targets[{i}].ResourceArns", $"{target.ResourceArns.Count} ARNs; a restore test selects at most 30.");
            v.Require(t.Targets.Count(o => o.ResourceType == target.ResourceType) == 1, $"{At}.Targets[{i}].ResourceType",
                $"{target.ResourceType} is tested by another target too; one target per resource type.");
        }
    }

    private Role ServiceRole(string id, string description, IEnumerable<string> managedPolicies) => new(this, id, new RoleProps
    {
        AssumedBy = new ServicePrincipal("backup.amazonaws.com"),
        Description = description,
        ManagedPolicies = managedPolicies.Select(ManagedPolicy.FromAwsManagedPolicyName).ToArray(),
    });

    private void ConfigureRules(BackupProtectionProps props)
    {
        var partition = Stack.Of(this).Partition;
        var destinations = props.CopyTo
            .Select((d, i) => BackupVault.FromBackupVaultArn(this, $"CopyDestination{i}", d.Arn(partition)))
            .ToList();
        foreach (var rule in props.Rules)
        {
            Plan.AddRule(new BackupPlanRule(new BackupPlanRuleProps
            {
                RuleName = rule.Name,
                ScheduleExpression = Schedule.Expression(rule.Frequency.Cron(props.StartHourUtc)),
                StartWindow = Duration.Minutes(BackupProtectionDefaults.StartWindowMinutes),
                // A job must finish before the next one starts (a week at most, AWS Backup's default).
                CompletionWindow = Duration.Minutes(Math.Min(Math.Max(rule.Frequency.IntervalMinutes(), 120), 7 * 1440)),
                DeleteAfter = Duration.Days(rule.RetentionDays),
                MoveToColdStorageAfter = rule.ColdStorageAfterDays is { } cold ? Duration.Days(cold) : null,
                CopyActions = destinations.Count == 0 ? null : destinations.Select(d => new BackupPlanCopyActionProps
                {
                    DestinationBackupVault = d,
                    DeleteAfter = Duration.Days(rule.RetentionDays),
                    MoveToColdStorageAfter = rule.ColdStorageAfterDays is { } c ? Duration.Days(c) : null,
                }).ToArray(),
            }));
        }

        if (props.ContinuousBackupRetentionDays is { } days)
        {
            Plan.AddRule(new BackupPlanRule(new BackupPlanRuleProps
            {
                RuleName = BackupProtectionDefaults.ContinuousRuleName,
                EnableContinuousBackup = true,
                ScheduleExpression = Schedule.Expression(BackupFrequency.Daily.Cron(props.StartHourUtc)),
                StartWindow = Duration.Minutes(BackupProtectionDefaults.StartWindowMinutes),
                DeleteAfter = Duration.Days(days),
            }));
        }
    }

    private void ConfigureRestoreTesting(BackupProtectionProps props, RestoreTestingOptions testing)
    {
        RestoreTestingRole = ServiceRole("RestoreTestingRole", $"AWS Backup: restores recovery points of plan {props.PlanName} for restore tests", RestorePolicies);
        var name = RestoreTestingPlanName(props.PlanName);
        RestoreTestingPlan = new CfnRestoreTestingPlan(this, "RestoreTestingPlan", new CfnRestoreTestingPlanProps
        {
            RestoreTestingPlanName = name,
            // An hour after the backups start, so the day's recovery point is usually the one tested.
            ScheduleExpression = testing.Frequency.Cron((props.StartHourUtc + 2) % 24),
            StartWindowHours = 8,
            RecoveryPointSelection = new CfnRestoreTestingPlan.RestoreTestingRecoveryPointSelectionProperty
            {
                Algorithm = "LATEST_WITHIN_WINDOW",
                IncludeVaults = [Vault.Vault.BackupVaultArn],
                RecoveryPointTypes = props.ContinuousBackupRetentionDays is null ? ["SNAPSHOT"] : ["SNAPSHOT", "CONTINUOUS"],
                SelectionWindowDays = testing.SelectionWindowDays,
            },
        });
        foreach (var target in testing.Targets)
        {
            var type = target.ResourceType switch
            {
                RestoreTestResourceType.Aurora => "Aurora",
                RestoreTestResourceType.S3 => "S3",
                _ => "EBS",
            };
            var selection = new CfnRestoreTestingSelection(this, $"RestoreTest{type}", new CfnRestoreTestingSelectionProps
            {
                RestoreTestingPlanName = name,
                RestoreTestingSelectionName = $"{type.ToLowerInvariant()}_restore_test",
                ProtectedResourceType = type,
                IamRoleArn = RestoreTestingRole.RoleArn,
                ProtectedResourceArns = target.Tag is null ? target.ResourceArns.ToArray() : ["*"],
                ProtectedResourceConditions = target.Tag is { } tag
                    ? new CfnRestoreTestingSelection.ProtectedResourceConditionsProperty
                    {
                        StringEquals = new object[] { new CfnRestoreTestingSelection.KeyValueProperty { Key = $"aws:ResourceTag/{tag.Key}", Value = tag.Value } },
                    }
                    : null,
                ValidationWindowHours = testing.ValidationWindowHours,
            });
            selection.AddDependency(RestoreTestingPlan);
        }
    }

    // Failed backup and copy jobs, and failed or aborted restores (restore tests included), to the alert topic.
    private void ConfigureAlerts(BackupProtectionProps props)
    {
        var stack = Stack.Of(this);
        var topic = props.AlertTopic!;
        AlertRule("JobFailureAlerts", "AWS Backup: a backup or copy job failed, was aborted or expired",
            ["Backup Job State Change", "Copy Job State Change"], "state", ["FAILED", "ABORTED", "EXPIRED"], topic.TopicArn);
        AlertRule("RestoreFailureAlerts", "AWS Backup: a restore (or restore test) failed or was aborted: a recovery point may not be restorable",
            ["Restore Job State Change"], "status", ["FAILED", "ABORTED"], topic.TopicArn);
        // EventBridge rules of this account and region only: another account's rule cannot use the topic (confused deputy).
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowBackupAlertsFromEventBridge",
            Principals = [new ServicePrincipal("events.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account },
                ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:{stack.Partition}:events:{stack.Region}:{stack.Account}:rule/*" },
            },
        }));
        props.AlertTopicKey?.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowEventBridgeAlertEncryption",
            Principals = [new ServicePrincipal("events.amazonaws.com")],
            Actions = ["kms:Decrypt", "kms:GenerateDataKey*"],
            Resources = ["*"],
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = stack.Account } },
        }));
    }

    private void AlertRule(string id, string description, string[] detailTypes, string field, string[] states, string topicArn) =>
        new Amazon.CDK.AWS.Events.CfnRule(this, id, new Amazon.CDK.AWS.Events.CfnRuleProps
        {
            Description = description,
            EventPattern = new Dictionary<string, object>
            {
                ["source"] = new[] { "aws.backup" },
                ["detail-type"] = detailTypes,
                ["detail"] = new Dictionary<string, object> { [field] = states },
            },
            Targets = new object[] { new Amazon.CDK.AWS.Events.CfnRule.TargetProperty { Id = "AlertTopic", Arn = topicArn } },
        });

    [GeneratedRegex(@"^[a-zA-Z0-9\-_.]{1,50}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"[^A-Za-z0-9_]")]
    private static partial Regex NonWordCharacters();
}
