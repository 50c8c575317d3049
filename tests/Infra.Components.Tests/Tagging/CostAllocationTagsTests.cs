using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Infra.Components.Network;
using Infra.Components.Storage;
using Infra.Components.Tagging;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Tagging;

[Collection(CdkCollection.Name)]
public sealed class CostAllocationTagsTests
{
    private static readonly Dictionary<string, string> Tags = new() { ["owner"] = "platform", ["cost-center"] = "CC-1" };

    [Fact]
    public void Tags_what_cdk_2_160_leaves_bare_endpoints_and_provider_functions_and_roles()
    {
        var stack = TestApp.Stack();
        new VpcNetwork(stack, "Network", new VpcNetworkProps
        {
            Cidr = "10.0.0.0/16",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            InterfaceEndpoints = [InterfaceEndpointService.Sts],
        });
        new LifecycleBucket(stack, "Scratch", new LifecycleBucketProps { RemovalPolicy = RemovalPolicy.DESTROY, AutoDeleteObjects = true });
        CostAllocationTags.Apply(stack, Tags);

        var json = Template.FromStack(stack).ToJsonObject();
        foreach (var type in new[] { "AWS::EC2::VPCEndpoint", "AWS::Lambda::Function", "AWS::IAM::Role", "AWS::S3::Bucket", "AWS::EC2::Subnet" })
        {
            var resources = json.Resources(type);
            Assert.NotEmpty(resources);
            Assert.All(resources.Values, r =>
            {
                Assert.Equal("platform", r.Tags()["owner"]);
                Assert.Equal("CC-1", r.Tags()["cost-center"]);
            });
        }
    }

    [Fact]
    public void Writes_the_override_in_key_order_once_per_resource()
    {
        var stack = TestApp.Stack();
        new LifecycleBucket(stack, "Scratch", new LifecycleBucketProps { RemovalPolicy = RemovalPolicy.DESTROY, AutoDeleteObjects = true });
        CostAllocationTags.Apply(stack, Tags);
        var function = Template.FromStack(stack).ToJsonObject().Single("AWS::Lambda::Function");
        Assert.Equal(["cost-center", "owner"], function["Properties"]!["Tags"]!.AsArray().Select(t => (string)t!["Key"]!).ToArray());
    }
}
