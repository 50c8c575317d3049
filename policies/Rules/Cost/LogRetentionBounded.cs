using System.Collections.Generic;

namespace Infra.Policies.Rules.Cost;

/// <summary>CloudWatch Logs retention is bounded: long-lived records belong in S3.</summary>
public sealed class LogRetentionBounded : IPolicyRule
{
    /// <summary>The longest retention this rule accepts, in days (two years).</summary>
    public const int MaximumDays = 731;

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-COST-2",
        PolicyLevel.Warning,
        "Cost",
        $"CloudWatch Logs retention is at most {MaximumDays} days",
        "CloudWatch Logs storage costs several times S3's, forever when retention is unset; records kept for years for audit are cheaper in S3 (flow logs, exports) with lifecycle tiering.",
        $"Set RetentionInDays to {MaximumDays} or less, and send long-term audit records to an S3 bucket with lifecycle rules.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::Logs::LogGroup");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var retention = resource.Properties["RetentionInDays"];
        if (Cfn.IsIntrinsic(retention))
        {
            yield break;
        }

        if (Cfn.AsLong(retention) is not { } days)
        {
            yield return new Violation("RetentionInDays is not set, so records are kept (and billed) forever.");
        }
        else if (days > MaximumDays)
        {
            yield return new Violation($"RetentionInDays is {days}; keep at most {MaximumDays} days in CloudWatch Logs.");
        }
    }
}
