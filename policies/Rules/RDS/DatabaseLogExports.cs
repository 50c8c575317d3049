using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Databases export their logs to CloudWatch Logs.</summary>
public sealed class DatabaseLogExports : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-7",
        PolicyLevel.Warning,
        "RDS",
        "Databases export logs to CloudWatch Logs",
        "Logs kept only on the database host rotate away within days and cannot be searched, alarmed on or kept for an investigation.",
        "Set EnableCloudwatchLogsExports (for example [\"postgresql\"] for PostgreSQL, [\"audit\", \"error\", \"slowquery\"] for MySQL; in CDK, CloudwatchLogsExports) and set the log groups' retention.",
        CdkNag: "NIST.800.53.R5-RDSLoggingEnabled");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var exports = resource.Properties["EnableCloudwatchLogsExports"];
        if (RdsResources.OwnsSettings(resource) && !RuleValues.IsSet(exports))
        {
            yield return new Violation($"EnableCloudwatchLogsExports is {(exports is null ? "not set" : "empty")}; export the engine's logs.");
        }
    }
}
