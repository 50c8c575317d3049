namespace Infra.Components.Kubernetes.Karpenter;

/// <summary>
/// The values the Karpenter builders use when a prop is omitted. Where Karpenter's v1 CRDs have a default, these match it,
/// so an omitted prop means the same thing whether the builder writes it or the API server fills it in.
/// </summary>
internal static class KarpenterDefaults
{
    /// <summary>Requirement on <c>kubernetes.io/os</c>: EKS-optimized AL2023 and Bottlerocket nodes are Linux.</summary>
    public const NodeOperatingSystem OperatingSystem = NodeOperatingSystem.Linux;

    /// <summary>CRD default of <c>spec.disruption.consolidationPolicy</c>.</summary>
    public const ConsolidationPolicy ConsolidationPolicy = Karpenter.ConsolidationPolicy.WhenEmptyOrUnderutilized;

    /// <summary>CRD default of <c>spec.disruption.consolidateAfter</c>, a required field once <c>disruption</c> is written.</summary>
    public const string ConsolidateAfter = "0s";

    /// <summary>The root device of AL2023 and Bottlerocket AMIs.</summary>
    public const string DeviceName = "/dev/xvda";

    /// <summary>Karpenter's AL2023 root volume size.</summary>
    public const string VolumeSize = "20Gi";

    /// <summary>Karpenter's default volume type for every AMI family.</summary>
    public const EbsVolumeType VolumeType = EbsVolumeType.Gp3;

    /// <summary>Volumes are encrypted; this project does not allow otherwise.</summary>
    public const bool Encrypted = true;

    /// <summary>Node volumes go with the node.</summary>
    public const bool DeleteOnTermination = true;

    /// <summary>CRD default of <c>metadataOptions.httpEndpoint</c>.</summary>
    public const MetadataEndpointState HttpEndpoint = MetadataEndpointState.Enabled;

    /// <summary>CRD default of <c>metadataOptions.httpProtocolIPv6</c>.</summary>
    public const MetadataEndpointState HttpProtocolIpv6 = MetadataEndpointState.Disabled;

    /// <summary>CRD default of <c>metadataOptions.httpPutResponseHopLimit</c>: pods on the pod network cannot reach IMDS.</summary>
    public const int HttpPutResponseHopLimit = 1;

    /// <summary>CRD default of <c>metadataOptions.httpTokens</c>: IMDSv2 only.</summary>
    public const MetadataHttpTokens HttpTokens = MetadataHttpTokens.Required;
}
