using System.Collections.Generic;

namespace Infra.Components.Database;

/// <summary>The Aurora PostgreSQL versions this component creates clusters with, and their parameter group families.</summary>
public static class AuroraPostgresVersions
{
    /// <summary>
    /// Versions RDS still allows for new clusters (AWS's release calendar, August 2026), by parameter group family.
    /// 16.8 and 17.7 are long-term-support minors (about three years of fixes); 17.9 is the newest confirmed. 16.3 and
    /// older 16.x minors left support and can no longer create clusters. Before changing a pin, check
    /// <c>aws rds describe-db-engine-versions --engine aurora-postgresql</c> (Status, SupportsGlobalDatabases) in every region.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Supported { get; } = new Dictionary<string, string>
    {
        ["16.8"] = "aurora-postgresql16",
        ["17.7"] = "aurora-postgresql17",
        ["17.9"] = "aurora-postgresql17",
    };

    /// <summary>The default version: the 17.x long-term-support minor.</summary>
    public const string Default = "17.7";
}
