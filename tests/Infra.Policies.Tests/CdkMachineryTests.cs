using System;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.S3;
using Amazon.CDK.AWS.S3.Notifications;
using Amazon.CDK.CustomResources;
using Infra.TestKit;
using Xunit;
using CdkTemplate = Amazon.CDK.Assertions.Template;

namespace Infra.Policies.Tests;

/// <summary>
/// What the pack calls CDK machinery, by construct path: the ids the CDK library reserves for its own resources, and
/// the provider roles of an aws-eks cluster that the same template proves is one. A resource of ours whose path merely
/// contains a similar word is never CDK machinery.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class CdkMachineryTests
{
    // An EKS cluster as aws-eks writes it (the cluster's custom resource marks Dev/Cluster/Eks/Cluster as one), the
    // CDK's provider roles under it, and resources of ours with look-alike names.
    private static readonly TemplateDocument Eks = PolicyEngineTests.Template("""
        {
          "Cluster": { "Type": "Custom::AWSCDK-EKS-Cluster", "Metadata": { "aws:cdk:path": "Dev/Cluster/Eks/Cluster/Resource/Resource/Default" } }
        }
        """);

    [Theory]
    [InlineData("Dev/Cluster/@aws-cdk--aws-eks.ClusterResourceProvider/OnEventHandler/ServiceRole/Resource", "eks-cluster-provider")]
    [InlineData("Dev/Cluster/@aws-cdk--aws-eks.ClusterResourceProvider/Provider/waiter-state-machine/LogGroup/Resource", "eks-cluster-provider")]
    [InlineData("Dev/Cluster/@aws-cdk--aws-eks.ClusterResourceProvider.NestedStack/@aws-cdk--aws-eks.ClusterResourceProvider.NestedStackResource", "eks-cluster-provider")]
    [InlineData("Dev/Cluster/@aws-cdk--aws-eks.KubectlProvider/Provider/framework-onEvent/ServiceRole/Resource", "eks-kubectl-provider")]
    [InlineData("Dev/Cluster/@aws-cdk--aws-eks.KubectlProvider/Handler/Resource", "eks-kubectl-provider")]
    [InlineData("Dev/Cluster/Eks/Cluster/KubectlHandlerRole/Resource", "eks-cluster-roles")]
    [InlineData("Dev/Cluster/Eks/Cluster/KubectlHandlerRole/DefaultPolicy/Resource", "eks-cluster-roles")]
    [InlineData("Dev/Cluster/Eks/Cluster/Resource/CreationRole/DefaultPolicy/Resource", "eks-cluster-roles")]
    [InlineData("Dev/Network-us-east-1/Custom::VpcRestrictDefaultSGCustomResourceProvider/Role", "cdk-custom-resource-provider")]
    [InlineData("Dev/Storage/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler", "cdk-custom-resource-provider")]
    [InlineData("App/Stack/AWSCDKCfnUtilsProviderCustomResourceProvider/Role", "cdk-custom-resource-provider")]
    [InlineData("App/Stack/LogRetentionaae0aa3c5b4d4f87b02d85b201efdd8a/ServiceRole/Resource", "cdk-singleton-function")]
    [InlineData("App/Stack/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource", "cdk-singleton-function")]
    [InlineData("App/Stack/AWS679f53fac002430cb0da5b7982bd2287/ServiceRole/Resource", "cdk-singleton-function")]
    [InlineData("App/Stack/Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C512MiB/ServiceRole/Resource", "cdk-singleton-function")]
    [InlineData("App/Stack/Things/Provider/framework-onEvent/ServiceRole/Resource", "cdk-provider-framework")]
    [InlineData("App/Stack/Things/Provider/waiter-state-machine/Role/DefaultPolicy/Resource", "cdk-provider-framework")]
    public void Classifies_the_cdk_s_own_resources_by_the_ids_it_reserves(string path, string kind) =>
        Assert.Equal(kind, CdkMachinery.Classify(path, Eks)?.Id);

    [Theory]
    [InlineData("Dev/Cluster/Eks/Cluster/Resource/Resource/Default")] // the cluster itself: ours, whatever the CDK calls its parts
    [InlineData("Dev/Cluster/Eks/Cluster/Role/Resource")] // the cluster's service role: ours to acknowledge (ClusterStack does)
    [InlineData("Dev/Cluster/Eks/Cluster/NodegroupSystemNodes/NodeGroupRole/Resource")]
    [InlineData("Dev/Cluster/Eks/Cluster/chart-Karpenter/Resource/Default")]
    [InlineData("Dev/Cluster/Eks/KubectlHandlerRoleForReview/Resource")] // a look-alike id, not the aws-eks child
    [InlineData("Dev/Cluster/Review/KubectlHandlerRole/Resource")] // the id, but not under a cluster
    [InlineData("Dev/Cluster/Review/Resource/CreationRole/Resource")]
    [InlineData("Dev/Cluster/Karpenter/ControllerRole/Resource")]
    [InlineData("Dev/Platform/Provider/Handler/ServiceRole/Resource")] // our own Lambda named Provider
    [InlineData("Dev/Platform/MyProvider/framework/ServiceRole/Resource")]
    [InlineData("Dev/Platform/LogRetention/Resource")] // a look-alike of the singleton's purpose, without its UUID
    [InlineData("Dev/Platform/BucketNotificationsHandler/Role/Resource")]
    [InlineData("Dev/Platform/Custom::OurThingCustomResourceProvider/Role")] // a provider of ours (CustomResourceProvider.GetOrCreate)
    [InlineData("Dev/Network-us-east-1/Network/Vpc/RestrictDefaultSecurityGroupCustomResource/Default")] // the VPC's setting, ours
    [InlineData("framework-onEvent/ServiceRole/Resource")] // the framework's id as a root is no Provider's child
    [InlineData("KubectlHandlerRole")] // a logical id from a template that was never CDK
    [InlineData("(template)")]
    public void Never_mistakes_a_resource_of_ours_for_the_cdk_s(string path) =>
        Assert.Null(CdkMachinery.Classify(path, Eks));

    [Fact]
    public void Needs_the_cluster_in_the_same_template_to_call_its_children_the_cdk_s()
    {
        var noCluster = PolicyEngineTests.Template("""{ "R": { "Type": "AWS::IAM::Role", "Metadata": { "aws:cdk:path": "Dev/Cluster/Eks/Cluster/KubectlHandlerRole/Resource" } } }""");
        Assert.Null(CdkMachinery.Classify(Assert.Single(noCluster.Resources)));
    }

    [Fact]
    public void Every_kind_has_a_unique_id_a_name_and_a_one_line_reason()
    {
        Assert.Equal(CdkMachinery.Kinds.Count, CdkMachinery.Kinds.Select(k => k.Id).Distinct().Count());
        Assert.All(CdkMachinery.Kinds, k =>
        {
            Assert.Matches("^[a-z-]+$", k.Id);
            Assert.False(string.IsNullOrWhiteSpace(k.Name));
            Assert.InRange(k.Reason.Length, 60, 240);
            Assert.DoesNotContain('\n', k.Reason);
        });
    }

    /// <summary>
    /// A stack the CDK really synthesizes, with machinery of several kinds around resources of ours: the classification
    /// follows the paths CDK 2.160 writes, and a handler of ours inside a provider is ours.
    /// </summary>
    [Fact]
    public void Classifies_what_cdk_2_160_really_synthesizes()
    {
        var stack = TestApp.Stack();
        var handler = new Function(stack, "OnEvent", new FunctionProps
        {
            Runtime = Runtime.NODEJS_20_X, Handler = "index.handler", Code = Code.FromInline("exports.handler = async () => ({});"),
            LogRetention = RetentionDays.ONE_WEEK,
        });
        var provider = new Provider(stack, "Provider", new ProviderProps { OnEventHandler = handler, IsCompleteHandler = handler, TotalTimeout = Duration.Minutes(5) });
        new CustomResource(stack, "Thing", new CustomResourceProps { ServiceToken = provider.ServiceToken });
        var bucket = new Bucket(stack, "Data", new BucketProps { AutoDeleteObjects = true, RemovalPolicy = RemovalPolicy.DESTROY });
        bucket.AddObjectCreatedNotification(new LambdaDestination(handler));
        new Role(stack, "KubectlHandlerRole", new RoleProps { AssumedBy = new ServicePrincipal("lambda.amazonaws.com") });
        var template = new TemplateDocument(CdkTemplate.FromStack(stack).ToJsonObject(), "Test", "Test.template.json", "dev");

        var kinds = template.Resources.ToDictionary(r => r.Path, r => CdkMachinery.Classify(r)?.Id ?? "ours");

        Assert.Equal("ours", kinds["Test/OnEvent/Resource"]);
        Assert.Equal("ours", kinds["Test/OnEvent/ServiceRole/Resource"]);
        Assert.Equal("ours", kinds["Test/Thing/Default"]);
        Assert.Equal("ours", kinds["Test/Data/Resource"]);
        Assert.Equal("ours", kinds["Test/KubectlHandlerRole/Resource"]);
        Assert.Equal("cdk-provider-framework", kinds["Test/Provider/framework-onEvent/Resource"]);
        Assert.Equal("cdk-provider-framework", kinds["Test/Provider/framework-onEvent/ServiceRole/Resource"]);
        Assert.Equal("cdk-provider-framework", kinds["Test/Provider/waiter-state-machine/Resource"]);
        Assert.Equal("cdk-singleton-function", kinds.Single(k => k.Key.StartsWith("Test/LogRetention", StringComparison.Ordinal) && k.Key.EndsWith("/Resource", StringComparison.Ordinal) && !k.Key.Contains("ServiceRole", StringComparison.Ordinal)).Value);
        Assert.Equal("cdk-singleton-function", kinds.Single(k => k.Key.StartsWith("Test/BucketNotificationsHandler", StringComparison.Ordinal) && k.Key.EndsWith("Role/Resource", StringComparison.Ordinal)).Value);
        Assert.Equal("cdk-custom-resource-provider", kinds["Test/Custom::S3AutoDeleteObjectsCustomResourceProvider/Role"]);
        Assert.Equal("cdk-custom-resource-provider", kinds["Test/Custom::S3AutoDeleteObjectsCustomResourceProvider/Handler"]);
        // Every other resource of the stack too: the CDK's by its reserved ids, the rest ours.
        Assert.Equal(template.Resources.ToDictionary(r => r.Path, r => Expected(r.Path)), kinds);
    }

    // An oracle for this stack alone: which of its paths the CDK reserved.
    private static string Expected(string path) =>
        path.Contains("/Provider/framework-", StringComparison.Ordinal) || path.Contains("/Provider/waiter-state-machine/", StringComparison.Ordinal) || path.EndsWith("/Provider/waiter-state-machine", StringComparison.Ordinal) ? "cdk-provider-framework"
        : path.StartsWith("Test/LogRetentionaae0aa3c", StringComparison.Ordinal) || path.StartsWith("Test/BucketNotificationsHandler050a0587", StringComparison.Ordinal) ? "cdk-singleton-function"
        : path.StartsWith("Test/Custom::S3AutoDeleteObjectsCustomResourceProvider/", StringComparison.Ordinal) ? "cdk-custom-resource-provider"
        : "ours";
}
