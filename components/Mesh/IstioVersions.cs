using System.Collections.Generic;

namespace Infra.Components.Mesh;

/// <summary>
/// Istio versions this component installs. Each supports Kubernetes 1.35 (the cluster's version); check the support
/// matrix at https://istio.io/latest/docs/releases/supported-releases/ before adding one.
/// </summary>
public static class IstioVersions
{
    /// <summary>The charts' repository.</summary>
    public const string Repository = "https://istio-release.storage.googleapis.com/charts";

    /// <summary>The version installed unless another is given.</summary>
    public const string Default = "1.31.1";

    /// <summary>The versions accepted.</summary>
    public static IReadOnlySet<string> Supported { get; } = new HashSet<string> { "1.31.1" };

    /// <summary>istiod's CPU request in the istiod chart's values.yaml (1.31) when none is set.</summary>
    public const string IstiodDefaultCpu = "500m";

    /// <summary>istiod's memory request in the istiod chart's values.yaml (1.31) when none is set.</summary>
    public const string IstiodDefaultMemory = "2048Mi";

    /// <summary>The gateway's CPU request in the gateway chart's values.yaml (1.31) when none is set.</summary>
    public const string GatewayDefaultCpu = "100m";

    /// <summary>The gateway's memory request in the gateway chart's values.yaml (1.31) when none is set.</summary>
    public const string GatewayDefaultMemory = "128Mi";

    /// <summary>The revision name of a version: dots become dashes (<c>1.31.1</c> is <c>1-31-1</c>).</summary>
    public static string Revision(string version) => version.Replace('.', '-');
}
