using System.Collections.Generic;

namespace Infra.Policies.Rules.Logs;

/// <summary>Log groups expire their events.</summary>
public sealed class LogGroupRetention : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-LOGS-1",
        PolicyLevel.Error,
        "Logs",
        "Log groups set RetentionInDays",
        "A log group without RetentionInDays keeps every event forever, and CloudWatch Logs storage is billed per GB-month, so the cost grows every month for logs nobody reads.",
        "Set RetentionInDays to the environment's retention (in CDK, Retention = RetentionDays.X; LogRetention gives the per-environment value).",
        CdkNag: "NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod",
        Checkov: "CKV_AWS_66");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::Logs::LogGroup");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Properties["RetentionInDays"] is null)
        {
            yield return new Violation("RetentionInDays is not set, so events are kept (and billed) forever; set it.");
        }
    }
}
