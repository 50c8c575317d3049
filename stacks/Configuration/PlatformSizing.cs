using System.Collections.Generic;
using Infra.Components.Kubernetes;

namespace Infra.Stacks.Configuration;

/// <summary>Where the platform's pods (monitoring, the mesh's control plane and gateway) run.</summary>
public enum PlatformPlacement
{
    /// <summary><c>onDemand</c>: on on-demand capacity Karpenter launches for them, apart from the system nodes.</summary>
    OnDemand = 0,

    /// <summary>
    /// <c>systemNodes</c>: on the system node group, beside Karpenter and the add-ons, so a small environment pays for no
    /// extra node; size the system nodes and the requests for it.
    /// </summary>
    SystemNodes = 1,
}

/// <summary>
/// The keys that size an environment's platform for what it costs: where the platform pods run
/// (<c>kubernetes.platformPlacement</c>), how the system nodes are bought and placed (<c>kubernetes.systemNodes.capacityType</c>,
/// <c>kubernetes.systemNodes.availabilityZones</c>)
/// and the mesh's requests (<c>mesh.istiodCpu</c>, <c>mesh.istiodMemory</c>, <c>mesh.gateway.cpu</c>,
/// <c>mesh.gateway.memory</c>), with the rules that span them.
/// </summary>
internal static class PlatformSizing
{
    public static readonly IReadOnlyDictionary<string, PlatformPlacement> Placements = new Dictionary<string, PlatformPlacement>
    {
        ["onDemand"] = PlatformPlacement.OnDemand, ["systemNodes"] = PlatformPlacement.SystemNodes,
    };

    public static readonly IReadOnlyDictionary<string, SystemNodeCapacity> SystemCapacityTypes = new Dictionary<string, SystemNodeCapacity>
    {
        ["onDemand"] = SystemNodeCapacity.OnDemand, ["spot"] = SystemNodeCapacity.Spot,
    };

    /// <summary>The rules over these keys, run with the other rules.</summary>
    public static void Check(EnvironmentConfig config, ConfigContext context)
    {
        if (config.Profile == EnvironmentProfile.Production && config.Kubernetes.SystemNodes.CapacityType == SystemNodeCapacity.Spot)
        {
            context.Add("kubernetes.systemNodes.capacityType", "spot: production's system nodes (Karpenter, CoreDNS, the add-ons) must not be reclaimed; use onDemand.");
        }

        var zones = config.Kubernetes.SystemNodes.AvailabilityZones;
        // The component checks the count itself (at least 1, at most the cluster's subnets' AZs, once they exist); here
        // the file's own AZ list is known, so the user hears it at the key.
        if (zones is { } z && z > config.PrimaryRegion.AvailabilityZones.Count)
        {
            context.Add("kubernetes.systemNodes.availabilityZones", $"{z} must be 1 to the {config.PrimaryRegion.AvailabilityZones.Count} AZs of primaryRegion.");
        }
        else if (zones is not null && config.Profile == EnvironmentProfile.Production)
        {
            context.Add("kubernetes.systemNodes.availabilityZones", $"{zones}: production spreads its system nodes over every AZ; remove the key.");
        }

        if (config.Profile == EnvironmentProfile.Production && config.Kubernetes.PlatformPlacement == PlatformPlacement.SystemNodes)
        {
            context.Add("kubernetes.platformPlacement", "systemNodes: production keeps monitoring and the mesh off the nodes Karpenter and CoreDNS run on; use onDemand.");
        }
    }
}
