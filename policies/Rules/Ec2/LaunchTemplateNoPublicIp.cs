using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Ec2;

/// <summary>Launch templates do not give instances a public IP address.</summary>
public sealed class LaunchTemplateNoPublicIp : IPolicyRule
{
    private const string Path = "LaunchTemplateData.NetworkInterfaces";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EC2-6",
        PolicyLevel.Error,
        "EC2",
        "Launch templates do not associate public IP addresses",
        "An instance with a public address is reachable from the internet as soon as a security group rule allows it, bypassing the load balancer and NAT design; each public IPv4 address also costs $0.005 per hour.",
        "Remove AssociatePublicIpAddress from LaunchTemplateData.NetworkInterfaces (or set it to false), launch into private subnets and reach the instances through a load balancer or SSM Session Manager.",
        CdkNag: "NIST.800.53.R5-EC2InstanceNoPublicIp",
        Checkov: "CKV_AWS_88");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EC2::LaunchTemplate");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (IntrinsicPath.IsUnknown(resource.Properties, Path))
        {
            return [];
        }

        return Cfn.Items(resource.Property(Path))
            .Select((ni, index) => (Interface: ni as JsonObject, Index: index))
            .Where(n => n.Interface is not null && Cfn.AsBool(n.Interface["AssociatePublicIpAddress"]) == true)
            .Select(n => new Violation($"{Path}[{n.Index}].AssociatePublicIpAddress is true; set it to false."));
    }
}
