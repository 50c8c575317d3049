using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Stacks.Preview;

/// <summary>
/// What the CDK's EKS cluster provider does with an update. The cluster is a custom resource
/// (<c>Custom::AWSCDK-EKS-Cluster</c>), so the CloudFormation specification, and with it the diff engine, knows
/// nothing of its properties. The knowledge comes from the provider's own handler in aws-cdk-lib 2.160
/// (<c>cluster-resource-handler</c>, <c>onUpdate</c> and <c>analyzeUpdate</c>): a change to the name, the role or the
/// creator's admin permissions creates a new cluster (and CloudFormation then deletes the old one), unless the cluster
/// keeps an explicit name, which makes the handler refuse ("Cannot replace cluster ... since it has an explicit
/// physical name"); a change to the secrets encryption is refused. A test reads the handler bundled in the synthesized assembly and fails when an
/// upgrade changes those rules.
/// </summary>
public static class EksClusterHandler
{
    /// <summary>The custom resource type of a CDK <c>aws_eks.Cluster</c>.</summary>
    public const string ResourceType = "Custom::AWSCDK-EKS-Cluster";

    /// <summary>Property paths whose change makes the handler create a new cluster.</summary>
    public static IReadOnlyList<string> ReplacingPaths { get; } =
    [
        "Config.name",
        "Config.roleArn",
        "Config.accessConfig.bootstrapClusterCreatorAdminPermissions",
    ];

    /// <summary>Property paths whose change the handler refuses ("Cannot update cluster encryption configuration").</summary>
    public static IReadOnlyList<string> RefusedPaths { get; } = ["Config.encryptionConfig"];

    /// <summary>
    /// Property paths the handler sends only to CreateCluster: a later change reports success and changes nothing.
    /// <c>upgradePolicy</c> (the support type) has to be changed with
    /// <c>aws eks update-cluster-config --name &lt;cluster&gt; --upgrade-policy supportType=STANDARD|EXTENDED</c>, while the
    /// version is still in standard support.
    /// </summary>
    public static IReadOnlyList<string> IgnoredPaths { get; } = ["Config.upgradePolicy", "Config.kubernetesNetworkConfig"];

    /// <summary>Gives each changed value of the cluster resource the impact the handler will have.</summary>
    /// <param name="changes">The changed values below the resource (<c>Config.name</c>, ...).</param>
    /// <param name="oldName">The cluster name in the base template (<c>Config.name</c>).</param>
    /// <param name="newName">The cluster name in the head template.</param>
    public static IReadOnlyList<PropertyChange> Refine(IEnumerable<PropertyChange> changes, string? oldName, string? newName)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var keepsExplicitName = !string.IsNullOrEmpty(oldName) && oldName == newName;
        return changes.Select(change =>
        {
            bool Under(string path) => change.Path == path || change.Path.StartsWith(path + ".", StringComparison.Ordinal) || change.Path.StartsWith(path + "[", StringComparison.Ordinal);
            if (RefusedPaths.Any(Under) || (keepsExplicitName && ReplacingPaths.Any(Under)))
            {
                return change with { Impact = PropertyImpact.Fails };
            }

            return ReplacingPaths.Any(Under) ? change with { Impact = PropertyImpact.Replace }
                : IgnoredPaths.Any(Under) ? change with { Impact = PropertyImpact.Ignored }
                : change;
        }).ToList();
    }
}
