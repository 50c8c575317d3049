using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Infra.Components.Kubernetes.Internal;

/// <summary>
/// The EBS CSI driver add-on's configuration values (the aws-ebs-csi-driver chart's keys), as typed records: a
/// misspelled key does not compile.
/// </summary>
internal sealed record EbsCsiDriverValues
{
    /// <summary><c>controller</c>.</summary>
    [JsonPropertyName("controller")]
    public required ControllerValues Controller { get; init; }

    /// <summary><c>controller</c>: the driver's controller, which creates the volumes.</summary>
    internal sealed record ControllerValues
    {
        /// <summary><c>extraVolumeTags</c>: tags put on every volume the driver creates.</summary>
        [JsonPropertyName("extraVolumeTags")]
        public required IReadOnlyDictionary<string, string> ExtraVolumeTags { get; init; }
    }
}
