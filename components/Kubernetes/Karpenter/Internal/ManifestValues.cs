using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Components.Kubernetes.Karpenter.Internal;

/// <summary>The exact strings Karpenter's v1 CRDs use for each enum value, and the shapes <c>KubernetesManifest</c> serializes.</summary>
internal static class ManifestValues
{
    public static string Of(CapacityType value) => value switch
    {
        CapacityType.Spot => "spot",
        CapacityType.OnDemand => "on-demand",
        CapacityType.Reserved => "reserved",
        _ => throw Undefined(value),
    };

    public static string Of(CpuArchitecture value) => value switch
    {
        CpuArchitecture.Amd64 => "amd64",
        CpuArchitecture.Arm64 => "arm64",
        _ => throw Undefined(value),
    };

    public static string Of(NodeOperatingSystem value) => value switch
    {
        NodeOperatingSystem.Linux => "linux",
        NodeOperatingSystem.Windows => "windows",
        _ => throw Undefined(value),
    };

    public static string Of(RequirementOperator value) => Named(value);

    public static string Of(TaintEffect value) => Named(value);

    public static string Of(ConsolidationPolicy value) => Named(value);

    public static string Of(DisruptionReason value) => Named(value);

    public static string Of(AmiFamily value) => value switch
    {
        AmiFamily.Al2023 => "AL2023",
        AmiFamily.Bottlerocket => "Bottlerocket",
        AmiFamily.Windows2019 => "Windows2019",
        AmiFamily.Windows2022 => "Windows2022",
        AmiFamily.Custom => "Custom",
        _ => throw Undefined(value),
    };

    public static string Of(EbsVolumeType value) => Enum.IsDefined(value) ? value.ToString().ToLowerInvariant() : throw Undefined(value);

    public static string Of(MetadataEndpointState value) => Enum.IsDefined(value) ? value.ToString().ToLowerInvariant() : throw Undefined(value);

    public static string Of(MetadataHttpTokens value) => Enum.IsDefined(value) ? value.ToString().ToLowerInvariant() : throw Undefined(value);

    /// <summary>A string map with its keys in ordinal order, so the manifest does not depend on insertion order.</summary>
    public static Dictionary<string, object> Sorted(IReadOnlyDictionary<string, string> map) =>
        map.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => (object)p.Value, StringComparer.Ordinal);

    public static object[] Strings(IEnumerable<string> values) => values.Cast<object>().ToArray();

    // Enums whose C# names are the CRD strings.
    private static string Named<T>(T value)
        where T : struct, Enum => Enum.IsDefined(value) ? value.ToString() : throw Undefined(value);

    private static ArgumentOutOfRangeException Undefined<T>(T value)
        where T : struct, Enum => new(nameof(value), value, $"{Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} is not a {typeof(T).Name}.");
}
