using System;
using System.Collections.Generic;

namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>A Karpenter release, with the Kubernetes versions it supports (the upstream compatibility matrix).</summary>
public sealed record KarpenterVersion
{
    private KarpenterVersion(string version) => Version = version;

    /// <summary>The chart and controller version, for example <c>1.14.1</c>.</summary>
    public string Version { get; }

    /// <summary>Karpenter 1.14.1 (August 2026): supports Kubernetes up to 1.36.</summary>
    public static KarpenterVersion V1_14_1 { get; } = new("1.14.1");

    /// <summary>Any other version; checked against the compatibility matrix.</summary>
    public static KarpenterVersion Of(string version) => new(version);

    /// <summary>The minimum Karpenter version per Kubernetes minor (upstream <c>upgrading/compatibility.md</c>).</summary>
    public static IReadOnlyDictionary<string, string> MinimumForKubernetes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1.33"] = "1.5.0",
        ["1.34"] = "1.6.0",
        ["1.35"] = "1.9.0",
        ["1.36"] = "1.13.0",
    };

    /// <summary>The problem with running this version on Kubernetes <paramref name="kubernetesVersion"/>, or <c>null</c> when compatible.</summary>
    public string? CompatibilityProblem(string kubernetesVersion)
    {
        if (!System.Version.TryParse(Version, out var version) || version.Major != 1 || version.Build < 0 || version.Revision >= 0)
        {
            return $"'{Version}' is not a Karpenter 1.x version (for example 1.14.1).";
        }

        if (!MinimumForKubernetes.TryGetValue(kubernetesVersion, out var minimum))
        {
            return $"Kubernetes {kubernetesVersion} is not in Karpenter's compatibility matrix here ({string.Join(", ", MinimumForKubernetes.Keys)}).";
        }

        return version < System.Version.Parse(minimum)
            ? $"Karpenter {Version} does not support Kubernetes {kubernetesVersion}; use {minimum} or later."
            : null;
    }

    /// <inheritdoc />
    public override string ToString() => Version;
}
