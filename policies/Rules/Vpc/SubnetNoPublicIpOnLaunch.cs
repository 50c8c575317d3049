using System.Collections.Generic;

namespace Infra.Policies.Rules.Vpc;

/// <summary>Subnets do not give instances a public IP address on launch.</summary>
public sealed class SubnetNoPublicIpOnLaunch : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-VPC-2",
        PolicyLevel.Error,
        "VPC",
        "Subnets do not auto-assign public IP addresses",
        "Every instance or ENI launched into such a subnet is reachable from the internet as soon as a security group rule allows it, without anyone asking for a public address; public IPv4 addresses also cost $0.005 per hour each.",
        "Set MapPublicIpOnLaunch to false (VpcNetwork does; in CDK, MapPublicIpOnLaunch = false on the public SubnetConfiguration) and expose services through a load balancer.",
        CdkNag: "NIST.800.53.R5-VPCSubnetAutoAssignPublicIpDisabled");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EC2::Subnet");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (Cfn.AsBool(resource.Properties["MapPublicIpOnLaunch"]) == true)
        {
            yield return new Violation("MapPublicIpOnLaunch is true; set it to false.");
        }
    }
}
