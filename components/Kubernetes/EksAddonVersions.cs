using System;
using System.Collections.Generic;

namespace Infra.Components.Kubernetes;

/// <summary>
/// Pinned versions of the EKS managed add-ons the cluster installs. Pinned rather than "latest" so that a deploy
/// never upgrades an add-on nobody reviewed; bump them together with the Kubernetes version.
/// </summary>
public sealed record EksAddonVersions
{
    /// <summary>Amazon VPC CNI.</summary>
    public required string VpcCni { get; init; }

    /// <summary>CoreDNS.</summary>
    public required string CoreDns { get; init; }

    /// <summary>kube-proxy.</summary>
    public required string KubeProxy { get; init; }

    /// <summary>EKS Pod Identity agent.</summary>
    public required string PodIdentityAgent { get; init; }

    /// <summary>Amazon EBS CSI driver.</summary>
    public required string EbsCsiDriver { get; init; }

    private static readonly Dictionary<string, EksAddonVersions> Known = new(StringComparer.Ordinal)
    {
        // The EKS defaults for 1.35 reported by describe-addon-versions in early October 2026 (several independent
        // outputs agree). Re-checked 2026-12-05 from public sources only (no AWS access): nothing newer verifiable as a
        // 1.35 default, so unchanged. Re-check with `aws eks describe-addon-versions --kubernetes-version 1.35` before bumping.
        ["1.35"] = new()
        {
            VpcCni = "v1.22.4-eksbuild.3",
            CoreDns = "v1.13.2-eksbuild.31",
            KubeProxy = "v1.35.3-eksbuild.29",
            PodIdentityAgent = "v1.3.10-eksbuild.3",
            EbsCsiDriver = "v1.66.0-eksbuild.1",
        },
    };

    /// <summary>The Kubernetes versions with a reviewed add-on set.</summary>
    public static IReadOnlyCollection<string> KubernetesVersions => Known.Keys;

    /// <summary>The reviewed add-on versions for a Kubernetes minor version, or <c>null</c> when none is reviewed.</summary>
    public static EksAddonVersions? ForKubernetes(string version) => Known.GetValueOrDefault(version);
}
