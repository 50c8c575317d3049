using System.Collections.Generic;

namespace Infra.Policies.Rules.DataLoss;

/// <summary>In prod, databases refuse to be deleted until deletion protection is turned off.</summary>
public sealed class DatabasesDeletionProtectedInProd : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-DATA-2",
        PolicyLevel.Error,
        "DataLoss",
        "In prod, databases and global clusters have deletion protection",
        "A retain policy protects against CloudFormation; deletion protection also stops a console click, a script or a mistaken API call from deleting the database.",
        "Set DeletionProtection to true (the Aurora component does whenever it retains data).",
        CdkNag: "AwsSolutions-RDS10");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::RDS::DBCluster", "AWS::RDS::DBInstance", "AWS::RDS::GlobalCluster");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (!resource.Template.IsProduction || (resource.Type == "AWS::RDS::DBInstance" && resource.Properties["DBClusterIdentifier"] is not null))
        {
            yield break;
        }

        var protection = resource.Properties["DeletionProtection"];
        if (!Cfn.IsIntrinsic(protection) && Cfn.AsBool(protection) != true)
        {
            yield return new Violation($"DeletionProtection is {Cfn.AsString(protection) ?? "not set (false)"}; a prod database needs true.");
        }
    }
}
