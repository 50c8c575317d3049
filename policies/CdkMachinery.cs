using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies;

/// <summary>
/// A kind of resource the AWS CDK creates for its own machinery (the Lambda functions, roles and state machines behind
/// its custom resources), which the code that uses the CDK neither writes nor can change through the construct's
/// options.
/// </summary>
/// <param name="Id">A stable id (<c>eks-cluster-provider</c>) the JSON report carries.</param>
/// <param name="Name">What it is, as reports show it.</param>
/// <param name="Reason">One line: why a warning on it is not actionable in this code, so it is demoted.</param>
public sealed record CdkMachineryKind(string Id, string Name, string Reason);

/// <summary>
/// Tells the resources the CDK creates for its own machinery apart from those the code defines, by construct path
/// (<c>aws:cdk:path</c>) alone: each kind is a construct id the CDK library reserves for itself (a singleton id with
/// a fixed UUID or a <c>Custom::</c> prefix, the nested stacks of aws-eks, the ids the provider framework gives its
/// functions) or, for the roles of an EKS cluster, a child id of a path that the same template proves is an aws-eks
/// cluster (it holds that cluster's <c>Custom::AWSCDK-EKS-Cluster</c>). Ids are matched as whole path segments, never
/// as substrings, so a construct of ours named <c>KubectlHandlerRoleForReview</c> or <c>LogRetention</c> stays ours.
/// </summary>
/// <remarks>
/// Warnings on CDK machinery are demoted (<see cref="PolicyFinding.IsDemoted"/>): they leave the warning count and
/// are listed as their own group, with the kind's reason, in every report. Errors on CDK machinery still block: an
/// error is something AWS refuses or a risk too large to pass, whoever wrote the resource; acknowledge one with a
/// suppression on the CDK's construct, with its reason, as <c>ClusterStack</c> does.
/// </remarks>
public static class CdkMachinery
{
    /// <summary>The aws-eks nested stack that creates and updates clusters.</summary>
    public static CdkMachineryKind EksClusterProvider { get; } = new(
        "eks-cluster-provider",
        "aws-eks cluster-resource provider",
        "the nested stack whose Lambdas and state machine create and update the cluster; aws-eks 2.160 has no option for their roles, policies or log group.");

    /// <summary>The aws-eks nested stack that applies manifests and Helm charts.</summary>
    public static CdkMachineryKind EksKubectlProvider { get; } = new(
        "eks-kubectl-provider",
        "aws-eks kubectl provider",
        "the nested stack whose Lambda applies the cluster's manifests and charts; aws-eks 2.160 has no option for its provider framework's role.");

    /// <summary>The roles an aws-eks cluster creates for its own providers.</summary>
    public static CdkMachineryKind EksClusterRoles { get; } = new(
        "eks-cluster-roles",
        "aws-eks cluster roles",
        "the roles aws-eks creates for its kubectl handler (AWS-managed policies) and for creating the cluster (EKS and IAM calls on *); only its providers use them.");

    /// <summary>The stack-wide custom-resource providers of the CDK's core (<c>CustomResourceProvider</c>).</summary>
    public static CdkMachineryKind CustomResourceProvider { get; } = new(
        "cdk-custom-resource-provider",
        "CDK custom-resource provider",
        "the stack-wide Lambda and role behind a construct option (restrictDefaultSecurityGroup, autoDeleteObjects, ...); their code and policies are the CDK's.");

    /// <summary>The CDK's singleton Lambda functions (log retention, bucket notifications, AwsCustomResource, bucket deployment).</summary>
    public static CdkMachineryKind SingletonFunction { get; } = new(
        "cdk-singleton-function",
        "CDK singleton Lambda",
        "the Lambda the CDK shares across a stack for log retention, bucket notifications, AwsCustomResource or BucketDeployment; its code and role are the CDK's.");

    /// <summary>The functions and state machine <c>custom_resources.Provider</c> wraps around a handler.</summary>
    public static CdkMachineryKind ProviderFramework { get; } = new(
        "cdk-provider-framework",
        "CDK provider framework",
        "the functions and state machine custom_resources.Provider puts around a handler; their code and roles are the CDK's (the handler is judged by its own path).");

    /// <summary>Every kind, in the order they are tried.</summary>
    public static IReadOnlyList<CdkMachineryKind> Kinds { get; } =
        [EksClusterProvider, EksKubectlProvider, EksClusterRoles, CustomResourceProvider, SingletonFunction, ProviderFramework];

    /// <summary>The CloudFormation type of the resource that marks a construct path as an aws-eks cluster.</summary>
    public const string EksClusterResourceType = "Custom::AWSCDK-EKS-Cluster";

    // The nested stacks of aws-eks: "@aws-cdk/aws-eks.ClusterResourceProvider" with "/" written "--"; the nested stack
    // resource in the parent is "<id>.NestedStack/<id>.NestedStackResource".
    private const string EksClusterProviderId = "@aws-cdk--aws-eks.ClusterResourceProvider";
    private const string EksKubectlProviderId = "@aws-cdk--aws-eks.KubectlProvider";

    // The ids CustomResourceProvider.getOrCreateProvider gives the CDK's own providers: "<unique id>CustomResourceProvider",
    // directly under the stack (aws-cdk-lib 2.160: ec2, s3, ecr, synthetics, core's cross-region references, ssm,
    // route53, iam's OIDC provider, CfnJson/CfnUtils and triggers). A provider a user creates has a unique id of its own.
    private static readonly HashSet<string> CustomResourceProviderIds = new(
        new[]
        {
            "Custom::VpcRestrictDefaultSG", "Custom::S3AutoDeleteObjects", "Custom::ECRAutoDeleteImages",
            "Custom::SyntheticsAutoDeleteUnderlyingResources", "Custom::CrossRegionExportWriter", "Custom::CrossRegionExportReader",
            "Custom::CrossRegionStringParameterReader", "Custom::DeleteExistingRecordSet", "Custom::CrossAccountZoneDelegation",
            "Custom::AWSCDKOpenIdConnectProvider", "AWSCDKCfnUtilsProvider", "AWSCDK.TriggerCustomResourceProvider",
        }.Select(id => id + "CustomResourceProvider"),
        StringComparer.Ordinal);

    // SingletonFunction ids: the purpose and the fixed UUID the CDK library passes (the bucket deployment appends its
    // memory, storage and VPC settings, hence a prefix).
    private static readonly string[] SingletonFunctionIds =
    [
        "LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a",
        "BucketNotificationsHandler050a0587b7544547bf325f094a3db834",
        "AWS679f53fac002430cb0da5b7982bd2287",
        "Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C",
    ];

    // What custom_resources.Provider names its own functions and state machine, under the Provider construct.
    private static readonly HashSet<string> ProviderFrameworkIds = new(
        ["framework-onEvent", "framework-isComplete", "framework-onTimeout", "waiter-state-machine"], StringComparer.Ordinal);

    // Children of an aws-eks cluster construct that exist only for the CDK's providers (relative to the cluster's path).
    private static readonly string[][] EksClusterRoleChildren = [["KubectlHandlerRole"], ["Resource", "CreationRole"]];

    /// <summary>The kind of CDK machinery <paramref name="resource"/> belongs to, or <c>null</c> when the code defines it.</summary>
    public static CdkMachineryKind? Classify(TemplateResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return Classify(resource.Path, resource.Template);
    }

    /// <summary>
    /// The kind of CDK machinery at construct path <paramref name="path"/> in <paramref name="template"/>, or <c>null</c>
    /// when the code defines it (also for a template's own scope and for resources without a construct path).
    /// </summary>
    public static CdkMachineryKind? Classify(string path, TemplateDocument template)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(template);
        var segments = path.Split('/');
        if (segments.Length < 2)
        {
            return null; // a logical id (no aws:cdk:path) or the template itself
        }

        if (segments.Any(s => s.StartsWith(EksClusterProviderId, StringComparison.Ordinal)))
        {
            return EksClusterProvider;
        }

        if (segments.Any(s => s.StartsWith(EksKubectlProviderId, StringComparison.Ordinal)))
        {
            return EksKubectlProvider;
        }

        if (IsEksClusterRole(path, template))
        {
            return EksClusterRoles;
        }

        if (segments.Any(CustomResourceProviderIds.Contains))
        {
            return CustomResourceProvider;
        }

        if (segments.Any(s => SingletonFunctionIds.Any(id => s.StartsWith(id, StringComparison.Ordinal))))
        {
            return SingletonFunction;
        }

        // Not the first segment: the framework's ids are children of the Provider construct.
        return segments.Skip(1).Any(ProviderFrameworkIds.Contains) ? ProviderFramework : null;
    }

    // Whether the path lies under <cluster>/KubectlHandlerRole or <cluster>/Resource/CreationRole, where <cluster> is the
    // construct path of a Custom::AWSCDK-EKS-Cluster of the same template (its resource is <cluster>/Resource/Resource/Default).
    private static bool IsEksClusterRole(string path, TemplateDocument template) =>
        template.Memo("cdk-machinery:eks-clusters", EksClusterPaths)
            .Any(cluster => EksClusterRoleChildren.Any(child => path.StartsWith(cluster + "/" + string.Join('/', child) + "/", StringComparison.Ordinal)));

    private static List<string> EksClusterPaths(TemplateDocument template)
    {
        const string Suffix = "/Resource/Resource/Default";
        return template.OfType(EksClusterResourceType)
            .Select(r => r.Path)
            .Where(p => p.EndsWith(Suffix, StringComparison.Ordinal))
            .Select(p => p[..^Suffix.Length])
            .ToList();
    }
}
