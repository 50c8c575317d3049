using System.Collections.Generic;

namespace Infra.Policies.Rules.RDS;

/// <summary>DB instances get no public address.</summary>
public sealed class DatabaseInstanceNotPublic : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-RDS-6",
        PolicyLevel.Error,
        "RDS",
        "DB instances are not publicly accessible",
        "A publicly accessible instance gets an internet-resolvable address; one security-group rule away from exposure, it invites credential stuffing and exploits of the database engine.",
        "Remove PubliclyAccessible or set it to false, put the instance in private (isolated) subnets and reach it through the VPC (in CDK, PubliclyAccessible = false, VpcSubnets = private).",
        CdkNag: "NIST.800.53.R5-RDSInstancePublicAccess",
        Checkov: "CKV_AWS_17");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(RdsResources.Instance);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (Cfn.AsBool(resource.Properties["PubliclyAccessible"]) == true)
        {
            yield return new Violation("PubliclyAccessible is true; set it to false and keep the instance in private subnets.");
        }
    }
}
