using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Vpc;

/// <summary>Every VPC's default security group has its rules removed.</summary>
public sealed class VpcDefaultSecurityGroupRestricted : IPolicyRule
{
    /// <summary>The custom resource CDK adds to strip the default security group's rules.</summary>
    public const string RestrictDefaultSecurityGroupType = "Custom::VpcRestrictDefaultSG";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-VPC-3",
        PolicyLevel.Warning,
        "VPC",
        "VPC default security groups allow no traffic",
        "The default security group allows all traffic between its members and all egress; anything launched without an explicit group (an ENI, an instance, an endpoint) silently gets it and can reach every other such resource.",
        "Keep RestrictDefaultSecurityGroup = true on the CDK Vpc (VpcNetwork's default), which adds a Custom::VpcRestrictDefaultSG resource that removes the default group's rules.",
        CdkNag: "NIST.800.53.R5-VPCDefaultSecurityGroupClosed");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EC2::VPC");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var restricted = resource.Template.OfType(RestrictDefaultSecurityGroupType)
            .Any(r => Cfn.RefersTo(r.Properties, resource.LogicalId));
        if (!restricted)
        {
            yield return new Violation($"No {RestrictDefaultSecurityGroupType} resource in this template refers to the VPC, so its default security group keeps its default rules.");
        }
    }
}
