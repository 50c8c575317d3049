using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Eks;

/// <summary>A value of an EKS cluster: its path as a reader sees it, the value, and whether it is unknown at synth.</summary>
/// <param name="Path">The property path in the resource (<c>ResourcesVpcConfig.EndpointPublicAccess</c> or <c>Config.resourcesVpcConfig.endpointPublicAccess</c>).</param>
/// <param name="Value">The value, or <c>null</c> when absent.</param>
/// <param name="IsUnknown">Whether the value (or an object on its path) is an intrinsic.</param>
internal readonly record struct EksField(string Path, JsonNode? Value, bool IsUnknown);

/// <summary>
/// One view over the two ways a cluster appears in a template: <c>AWS::EKS::Cluster</c> (PascalCase properties) and
/// CDK's <c>Custom::AWSCDK-EKS-Cluster</c>, whose <c>Config</c> property holds the camelCase CreateCluster request.
/// </summary>
internal sealed class EksClusterConfig
{
    /// <summary>The CloudFormation cluster type.</summary>
    public const string CfnType = "AWS::EKS::Cluster";

    /// <summary>The custom resource the CDK <c>aws-eks</c> Cluster creates.</summary>
    public const string CdkType = "Custom::AWSCDK-EKS-Cluster";

    private readonly JsonNode _root;

    private EksClusterConfig(JsonNode root, bool isCdk)
    {
        _root = root;
        IsCdk = isCdk;
    }

    /// <summary>Both cluster types.</summary>
    public static IReadOnlySet<string> Types { get; } = RuleTypes.Of(CfnType, CdkType);

    /// <summary>Whether this is the CDK custom resource (camelCase names under <c>Config</c>).</summary>
    public bool IsCdk { get; }

    /// <summary>The view of <paramref name="resource"/>; <c>null</c> when the custom resource's whole Config is an intrinsic.</summary>
    public static EksClusterConfig? Of(TemplateResource resource)
    {
        if (resource.Type != CdkType)
        {
            return new EksClusterConfig(resource.Properties, isCdk: false);
        }

        var config = resource.Properties["Config"];
        return Cfn.IsIntrinsic(config) ? null : new EksClusterConfig(config as JsonObject ?? new JsonObject(), isCdk: true);
    }

    /// <summary>The name to use: <paramref name="cfnName"/> for the CloudFormation type, <paramref name="cdkName"/> for the custom resource.</summary>
    public string Name(string cfnName, string cdkName) => IsCdk ? cdkName : cfnName;

    /// <summary>The value at <paramref name="cfnPath"/> (or <paramref name="cdkPath"/> under Config).</summary>
    public EksField Field(string cfnPath, string cdkPath)
    {
        var path = Name(cfnPath, cdkPath);
        return new EksField(IsCdk ? $"Config.{path}" : path, Cfn.At(_root, path), IntrinsicPath.IsUnknown(_root, path));
    }
}
