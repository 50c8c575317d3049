using System;
using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>Databases accept IAM authentication, so applications need no long-lived database passwords.</summary>
public sealed class DatabaseIamAuthentication : IPolicyRule
{
    /// <summary>Engines of DB clusters that support IAM database authentication (Aurora MySQL and PostgreSQL).</summary>
    private static readonly HashSet<string> ClusterEngines = new(StringComparer.OrdinalIgnoreCase) { "aurora", "aurora-mysql", "aurora-postgresql" };

    /// <summary>Engines of DB instances that support IAM database authentication.</summary>
    private static readonly HashSet<string> InstanceEngines = new(StringComparer.OrdinalIgnoreCase) { "mysql", "mariadb", "postgres" };

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-5",
        PolicyLevel.Warning,
        "RDS",
        "Databases enable IAM database authentication",
        "Without it every client uses a database password, which lives in config or a secret, is shared and outlives the people and pods that use it; IAM tokens last 15 minutes and access is granted and revoked with IAM.",
        "Set EnableIAMDatabaseAuthentication to true (in CDK, IamAuthentication = true) on Aurora MySQL/PostgreSQL clusters and on MySQL, MariaDB and PostgreSQL instances, and grant rds-db:connect to the application roles.",
        CdkNag: "AwsSolutions-RDS6",
        Checkov: "CKV_AWS_162, CKV_AWS_161");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Cluster, RdsResources.Instance);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var engine = Cfn.AsString(resource.Properties["Engine"]);
        var supported = resource.Type == RdsResources.Cluster ? ClusterEngines : InstanceEngines;
        if (!RdsResources.OwnsSettings(resource) || engine is null || !supported.Contains(engine))
        {
            yield break;
        }

        var enabled = resource.Properties["EnableIAMDatabaseAuthentication"];
        if (!RuleValues.IsTrueOrUnknown(enabled))
        {
            yield return new Violation($"EnableIAMDatabaseAuthentication is {RuleValues.Describe(enabled)}; set it to true.");
        }
    }
}
