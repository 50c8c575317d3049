using System.Collections.Generic;
using System.Text.Json.Serialization;
using Infra.Components.Internal;

namespace Infra.Components.Observability.Internal;

/// <summary>
/// The External Secrets chart's values this component sets, with the chart's key names (deploy/charts/external-secrets/
/// values.yaml). The chart renders three pods, each reading its placement as <c>&lt;component&gt;.&lt;key&gt; | default
/// global.&lt;key&gt;</c>: the controller from the top level, the webhook from <c>webhook.*</c>, the cert controller from
/// <c>certController.*</c>. It renders no job.
/// </summary>
internal sealed record ExternalSecretsValues
{
    /// <summary><c>global</c>: the placement of any pod that sets none of its own.</summary>
    [JsonPropertyName("global")]
    public required HelmPlacement Global { get; init; }

    /// <summary><c>serviceAccount</c>: the controller's service account.</summary>
    [JsonPropertyName("serviceAccount")]
    public required HelmServiceAccount ServiceAccount { get; init; }

    /// <summary><c>nodeSelector</c>: the controller's.</summary>
    [JsonPropertyName("nodeSelector")]
    public required IReadOnlyDictionary<string, string> NodeSelector { get; init; }

    /// <summary><c>tolerations</c>: the controller's.</summary>
    [JsonPropertyName("tolerations")]
    public required IReadOnlyList<HelmToleration> Tolerations { get; init; }

    /// <summary><c>webhook</c>: the validating webhook's placement.</summary>
    [JsonPropertyName("webhook")]
    public required HelmPlacement Webhook { get; init; }

    /// <summary><c>certController</c>: the webhook certificate controller's placement.</summary>
    [JsonPropertyName("certController")]
    public required HelmPlacement CertController { get; init; }

    /// <summary>Every pod of the chart on <paramref name="placement"/>, the controller with the service account <paramref name="serviceAccount"/>.</summary>
    public static ExternalSecretsValues On(HelmPlacement placement, string serviceAccount) => new()
    {
        Global = placement,
        ServiceAccount = new HelmServiceAccount { Name = serviceAccount },
        NodeSelector = placement.NodeSelector,
        Tolerations = placement.Tolerations,
        Webhook = placement,
        CertController = placement,
    };
}
