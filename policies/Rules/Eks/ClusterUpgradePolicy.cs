using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Eks;

/// <summary>The cluster states its upgrade policy (the support type) instead of taking EKS's EXTENDED default.</summary>
public sealed class ClusterUpgradePolicy : IPolicyRule
{
    /// <summary>The support types EKS accepts.</summary>
    public static IReadOnlyList<string> SupportTypes { get; } = ["STANDARD", "EXTENDED"];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-7",
        PolicyLevel.Error,
        "EKS",
        "EKS clusters set their upgrade policy's support type explicitly",
        "Left unset, EKS puts the cluster on EXTENDED support: when its version leaves standard support the control plane silently costs $0.60 instead of $0.10 per hour (about $365 more a month per cluster), and once in extended support it cannot go back without a version upgrade.",
        "Set UpgradePolicy.SupportType to STANDARD (EKS upgrades the version when standard support ends) or, deliberately, EXTENDED; on the CDK cluster custom resource set Config.upgradePolicy.supportType (EksCluster does, from EksClusterProps.SupportType and the environment's kubernetes.supportType).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = EksClusterConfig.Types;

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var config = EksClusterConfig.Of(resource);
        var field = config?.Field("UpgradePolicy.SupportType", "upgradePolicy.supportType");
        if (field is not { IsUnknown: false } supportType)
        {
            yield break;
        }

        var value = Cfn.AsString(supportType.Value);
        if (value is null)
        {
            yield return new Violation($"{supportType.Path} is not set, so EKS uses EXTENDED (six times the control-plane price once the version leaves standard support); set STANDARD, or EXTENDED on purpose.");
        }
        else if (!SupportTypes.Contains(value))
        {
            yield return new Violation($"{supportType.Path} is '{value}'; use STANDARD or EXTENDED.");
        }
    }
}
