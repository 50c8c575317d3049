using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.CDK.AWS.EC2;
using Amazon.JSII.Runtime.Deputy;

namespace Infra.Components.Network.Internal;

/// <summary>Feeds a <see cref="StableSubnetLayout"/> to the CDK <see cref="Vpc"/>, so the L2 and its subnets agree on every CIDR.</summary>
internal sealed class StableIpAddresses : DeputyBase, IIpAddresses
{
    private readonly StableSubnetLayout _layout;
    private readonly IReadOnlyList<string> _availabilityZones;

    public StableIpAddresses(StableSubnetLayout layout, IReadOnlyList<string> availabilityZones)
    {
        _layout = layout;
        _availabilityZones = availabilityZones;
    }

    public IVpcIpamOptions AllocateVpcCidr() => new VpcIpamOptions { CidrBlock = _layout.VpcCidr };

    public ISubnetIpamOptions AllocateSubnetsCidr(IAllocateCidrRequest input)
    {
        var subnets = input.RequestedSubnets.Select(request =>
        {
            var tier = Enum.Parse<SubnetTier>(request.Configuration.Name);
            var azIndex = _availabilityZones.ToList().IndexOf(request.AvailabilityZone);
            return (IAllocatedSubnet)new AllocatedSubnet { Cidr = _layout.SubnetCidr(tier, azIndex) };
        });
        return new SubnetIpamOptions { AllocatedSubnets = subnets.ToArray() };
    }
}
