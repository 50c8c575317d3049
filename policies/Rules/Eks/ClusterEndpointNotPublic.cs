using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Eks;

/// <summary>The cluster's Kubernetes API endpoint is not open to the internet.</summary>
public sealed class ClusterEndpointNotPublic : IPolicyRule
{
    private static readonly string[] Anywhere = ["0.0.0.0/0", "::/0"];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-1",
        PolicyLevel.Error,
        "EKS",
        "EKS API endpoints are not public to the internet",
        "A public endpoint open to 0.0.0.0/0 (the EKS default when EndpointPublicAccess and PublicAccessCidrs are omitted) lets anyone probe the Kubernetes API, try stolen tokens and exploit API-server vulnerabilities; only authentication stands in the way.",
        "Turn public access off (ResourcesVpcConfig.EndpointPublicAccess = false with EndpointPrivateAccess = true; in CDK, EndpointAccess = EndpointAccess.PRIVATE) or limit it to known ranges (PublicAccessCidrs; in CDK, EndpointAccess.PUBLIC_AND_PRIVATE.OnlyFrom(\"203.0.113.0/24\")).",
        CdkNag: "AwsSolutions-EKS1");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = EksClusterConfig.Types;

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var config = EksClusterConfig.Of(resource);
        if (config is null)
        {
            yield break;
        }

        var publicAccess = config.Field("ResourcesVpcConfig.EndpointPublicAccess", "resourcesVpcConfig.endpointPublicAccess");
        var cidrs = config.Field("ResourcesVpcConfig.PublicAccessCidrs", "resourcesVpcConfig.publicAccessCidrs");
        var isPublic = Cfn.AsBool(publicAccess.Value);
        if (publicAccess.IsUnknown || isPublic == false || (publicAccess.Value is not null && isPublic is null) || cidrs.IsUnknown)
        {
            yield break;
        }

        var publicText = publicAccess.Value is null ? "not set (EKS defaults it to true)" : "true";
        var open = Cfn.Strings(cidrs.Value).Where(c => Anywhere.Contains(c)).ToList();
        var cidrText = Cfn.Items(cidrs.Value).Any()
            ? open.Count > 0 ? $"includes {string.Join(", ", open)}" : null
            : $"is {(cidrs.Value is null ? "not set" : "empty")} (EKS defaults it to 0.0.0.0/0)";
        if (cidrText is not null)
        {
            yield return new Violation(
                $"{publicAccess.Path} is {publicText} and {cidrs.Path} {cidrText}, so the API endpoint is open to the internet; set {publicAccess.Path} to false or {cidrs.Path} to known ranges.");
        }
    }
}
