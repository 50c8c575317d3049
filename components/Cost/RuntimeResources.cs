using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Constructs;
using Infra.Components.Internal;

namespace Infra.Components.Cost;

/// <summary>
/// What a component makes the cluster create at run time, which no template shows but the bill does: the volumes a
/// chart's pods claim, the load balancer a Service gets from the AWS Load Balancer Controller, the pods Karpenter has
/// to find capacity for. A component declares them once, beside the values that cause them, and the declaration lands
/// in the cloud assembly's manifest (construct metadata, never the template), where the cost estimate reads it.
/// </summary>
public static class RuntimeResources
{
    /// <summary>The construct-metadata type of a declaration.</summary>
    public const string MetadataType = "infra:runtime-resource";

    /// <summary>Declares on <paramref name="scope"/> that it causes <paramref name="resource"/> at run time.</summary>
    public static void Declare(Construct scope, RuntimeResource resource)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(resource);
        scope.Node.AddMetadata(MetadataType, resource switch
        {
            RuntimeVolume volume => HelmValues.From(volume),
            RuntimeLoadBalancer loadBalancer => HelmValues.From(loadBalancer),
            RuntimePods pods => HelmValues.From(pods),
            _ => throw new ArgumentException($"{resource.GetType().Name} is not a runtime resource kind this library declares.", nameof(resource)),
        });
    }
}

/// <summary>Something the cluster creates at run time because of a component.</summary>
public abstract record RuntimeResource
{
    /// <summary>The kind, as the manifest records it: <c>volume</c>, <c>loadBalancer</c> or <c>pods</c>.</summary>
    [JsonPropertyName("kind")]
    public abstract string Kind { get; }

    /// <summary>What it is for, as a reviewer reads it (<c>Prometheus data</c>).</summary>
    [JsonPropertyName("purpose")]
    public required string Purpose { get; init; }
}

/// <summary>EBS volumes that persistent volume claims create through the EBS CSI driver.</summary>
public sealed record RuntimeVolume : RuntimeResource
{
    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public override string Kind => "volume";

    /// <summary>How many volumes (one per replica of a StatefulSet).</summary>
    [JsonPropertyName("count")]
    public required int Count { get; init; }

    /// <summary>Each volume's size in GiB.</summary>
    [JsonPropertyName("sizeGiB")]
    public required int SizeGiB { get; init; }

    /// <summary>The EBS volume type of the StorageClass.</summary>
    /// <value><c>gp3</c>.</value>
    [JsonPropertyName("volumeType")]
    public string VolumeType { get; init; } = "gp3";
}

/// <summary>A load balancer the AWS Load Balancer Controller creates for a Service or an Ingress.</summary>
public sealed record RuntimeLoadBalancer : RuntimeResource
{
    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public override string Kind => "loadBalancer";

    /// <summary><c>network</c> or <c>application</c>.</summary>
    /// <value><c>network</c>.</value>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "network";

    /// <summary>The AZs (subnets) it spans: an internet-facing one holds a public IPv4 address in each.</summary>
    [JsonPropertyName("availabilityZones")]
    public required int AvailabilityZones { get; init; }

    /// <summary>Whether it is internet-facing (public addresses) or internal.</summary>
    [JsonPropertyName("internetFacing")]
    public required bool InternetFacing { get; init; }
}

/// <summary>
/// Pods whose requests and placement decide capacity: on the system nodes they fit into what is already paid for; with
/// a Karpenter capacity-type selector Karpenter launches nodes for them.
/// </summary>
public sealed record RuntimePods : RuntimeResource
{
    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public override string Kind => "pods";

    /// <summary>Replicas at idle (an autoscaler's minimum).</summary>
    [JsonPropertyName("replicas")]
    public required int Replicas { get; init; }

    /// <summary>Each pod's CPU request (a Kubernetes quantity); <c>null</c> when it requests none.</summary>
    [JsonPropertyName("cpu")]
    public string? Cpu { get; init; }

    /// <summary>Each pod's memory request (a Kubernetes quantity); <c>null</c> when it requests none.</summary>
    [JsonPropertyName("memory")]
    public string? Memory { get; init; }

    /// <summary>The node labels the pods require.</summary>
    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    /// <summary>Whether replicas must run on distinct nodes (hard anti-affinity).</summary>
    /// <value><c>false</c>.</value>
    [JsonPropertyName("spreadOverNodes")]
    public bool SpreadOverNodes { get; init; }
}
