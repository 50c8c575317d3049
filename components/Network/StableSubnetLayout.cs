using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;

namespace Infra.Components.Network;

/// <summary>
/// A deterministic IPv4 subnet plan. The VPC range is cut into one block per <see cref="SubnetTier"/>, in enum order,
/// each block holding <see cref="MaxAvailabilityZones"/> subnets of the tier's mask; an AZ's subnet sits at its index in
/// the AZ list. Blocks exist whether or not a tier is deployed, so CIDRs never move when a tier is added or an AZ is
/// appended (CDK's own allocator re-packs them: aws-cdk#28644).
/// </summary>
public sealed class StableSubnetLayout
{
    /// <summary>How many AZ slots each tier reserves.</summary>
    public const int MaxAvailabilityZones = 4;

    private readonly uint _vpcNetwork;
    private readonly Dictionary<SubnetTier, (uint Start, int Mask)> _blocks = new();

    private StableSubnetLayout(string vpcCidr, uint vpcNetwork, int vpcMask, IReadOnlyDictionary<SubnetTier, int> masks)
    {
        VpcCidr = vpcCidr;
        _vpcNetwork = vpcNetwork;
        VpcMask = vpcMask;
        var offset = 0UL;
        foreach (var tier in Enum.GetValues<SubnetTier>())
        {
            var blockSize = 1UL << (32 - masks[tier] + 2);
            offset = (offset + blockSize - 1) / blockSize * blockSize;
            _blocks[tier] = ((uint)offset, masks[tier]);
            offset += blockSize;
        }

        RequiredAddresses = offset;
    }

    /// <summary>The VPC's CIDR block.</summary>
    public string VpcCidr { get; }

    /// <summary>The VPC's prefix length.</summary>
    public int VpcMask { get; }

    /// <summary>How many addresses the plan needs from the start of the VPC range (all tiers, all slots).</summary>
    public ulong RequiredAddresses { get; }

    /// <summary>The subnet CIDR of <paramref name="tier"/> in the AZ at <paramref name="azIndex"/>.</summary>
    public string SubnetCidr(SubnetTier tier, int azIndex)
    {
        if (azIndex is < 0 or >= MaxAvailabilityZones)
        {
            throw new ArgumentOutOfRangeException(nameof(azIndex), azIndex, $"Up to {MaxAvailabilityZones} availability zones are supported.");
        }

        var (start, mask) = _blocks[tier];
        var network = _vpcNetwork + start + (uint)azIndex * (1u << (32 - mask));
        return $"{FormatAddress(network)}/{mask}";
    }

    /// <summary>Checks inputs and builds the plan; returns the problems instead when there are any.</summary>
    /// <param name="vpcCidr">The VPC range, for example <c>10.20.0.0/16</c> (prefix 16 to 24).</param>
    /// <param name="masks">The prefix length of each tier's subnets (16 to 28).</param>
    /// <param name="problems">Every problem found; empty on success.</param>
    public static StableSubnetLayout? TryCreate(string vpcCidr, IReadOnlyDictionary<SubnetTier, int> masks, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(masks);
        var found = new List<string>();
        problems = found;
        if (!TryParseCidr(vpcCidr, out var network, out var vpcMask))
        {
            found.Add($"'{vpcCidr}' is not an IPv4 CIDR block in canonical form (for example 10.20.0.0/16).");
            return null;
        }

        if (vpcMask is < 16 or > 24)
        {
            found.Add($"'{vpcCidr}' has prefix /{vpcMask}; VPCs here are /16 to /24.");
        }

        foreach (var tier in Enum.GetValues<SubnetTier>())
        {
            if (!masks.TryGetValue(tier, out var mask))
            {
                found.Add($"no subnet mask given for the {tier} tier.");
            }
            else if (mask is < 16 or > 28)
            {
                found.Add($"the {tier} tier's mask /{mask} must be between /16 and /28 (AWS's subnet limits).");
            }
            else if (mask < vpcMask + 2)
            {
                found.Add($"the {tier} tier's mask /{mask} is too large for a /{vpcMask} VPC; each tier reserves {MaxAvailabilityZones} AZ slots, so use /{vpcMask + 2} or smaller.");
            }
        }

        if (found.Count > 0)
        {
            return null;
        }

        var layout = new StableSubnetLayout(vpcCidr, network, vpcMask, masks);
        var available = 1UL << (32 - vpcMask);
        if (layout.RequiredAddresses > available)
        {
            found.Add($"the tiers need {layout.RequiredAddresses} addresses ({MaxAvailabilityZones} AZ slots each, masks {string.Join(", ", masks.OrderBy(m => m.Key).Select(m => $"{m.Key} /{m.Value}"))}) but '{vpcCidr}' has {available}; use a larger VPC range or smaller subnets.");
            return null;
        }

        return layout;
    }

    /// <summary>Parses a canonical IPv4 CIDR (host bits zero).</summary>
    public static bool TryParseCidr(string? cidr, out uint network, out int mask)
    {
        network = 0;
        mask = 0;
        var parts = cidr?.Split('/');
        if (parts is not { Length: 2 } || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out mask) || mask > 32)
        {
            return false;
        }

        var octets = parts[0].Split('.');
        if (octets.Length != 4 || !octets.All(o => o.Length is >= 1 and <= 3 && byte.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            || !IPAddress.TryParse(parts[0], out var address))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        network = (uint)bytes[0] << 24 | (uint)bytes[1] << 16 | (uint)bytes[2] << 8 | bytes[3];
        var hostBits = mask == 0 ? uint.MaxValue : (1u << (32 - mask)) - 1;
        return (network & hostBits) == 0;
    }

    /// <summary>Whether two canonical CIDR blocks share any address.</summary>
    public static bool Overlaps(string a, string b)
    {
        if (!TryParseCidr(a, out var na, out var ma) || !TryParseCidr(b, out var nb, out var mb))
        {
            return false;
        }

        var common = Math.Min(ma, mb);
        var maskBits = common == 0 ? 0u : uint.MaxValue << (32 - common);
        return (na & maskBits) == (nb & maskBits);
    }

    private static string FormatAddress(uint value) =>
        $"{value >> 24}.{(value >> 16) & 0xFF}.{(value >> 8) & 0xFF}.{value & 0xFF}";
}
