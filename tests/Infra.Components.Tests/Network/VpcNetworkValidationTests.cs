using Amazon.CDK.AWS.S3;
using Infra.Components.Network;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Network;

[Collection(CdkCollection.Name)]
public sealed class VpcNetworkValidationTests
{
    private static ConstructValidationException Invalid(VpcNetworkProps props, string region = "us-east-1")
    {
        var stack = TestApp.Stack(region);
        return Assert.Throws<ConstructValidationException>(() => new VpcNetwork(stack, "Network", props));
    }

    [Fact]
    public void Names_the_construct_and_lists_every_problem_at_once()
    {
        var e = Invalid(new VpcNetworkProps
        {
            Cidr = "10.0.0.0/33",
            AvailabilityZones = ["us-west-2a"],
            FlowLogs = new VpcFlowLogOptions { RetentionDays = 10 },
        });
        Assert.Equal("Test/Network", e.ConstructPath);
        Assert.Equal(
            [
                "AvailabilityZones: has 1 zone (us-west-2a); give 2 to 4 (load balancers and database subnet groups need two).",
                "AvailabilityZones: 'us-west-2a' is not in the stack's region us-east-1; use names like us-east-1a.",
                "Cidr: '10.0.0.0/33' is not an IPv4 CIDR block in canonical form (for example 10.20.0.0/16).",
                "FlowLogs.RetentionDays: 10 is not a CloudWatch Logs retention; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653.",
            ],
            e.Problems);
        Assert.StartsWith("Invalid VpcNetworkProps for 'Test/Network' (4 problems):", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_zone_listed_twice() =>
        Assert.Contains("AvailabilityZones: lists 'us-east-1a' 2 times; each zone once.",
            Invalid(new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1a"] }).Problems);

    [Fact]
    public void Rejects_more_zones_than_the_plan_has_slots() =>
        Assert.Contains("AvailabilityZones: has 5 zones (us-east-1a, us-east-1b, us-east-1c, us-east-1d, us-east-1e); give 2 to 4 (load balancers and database subnet groups need two).",
            Invalid(new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e"] }).Problems);

    [Fact]
    public void Rejects_a_flow_log_bucket_without_the_s3_destination()
    {
        var stack = TestApp.Stack();
        var bucket = new Bucket(stack, "Elsewhere");
        var e = Assert.Throws<ConstructValidationException>(() => new VpcNetwork(stack, "Network", new VpcNetworkProps
        {
            Cidr = "10.0.0.0/16",
            AvailabilityZones = ["us-east-1a", "us-east-1b"],
            FlowLogs = new VpcFlowLogOptions { Bucket = bucket },
        }));
        Assert.Equal("FlowLogs.Bucket: a bucket was given but the destination is CloudWatchLogs; remove it or use Destination = S3.", Assert.Single(e.Problems));
    }

    [Fact]
    public void Rejects_a_flow_log_retention_below_one_day() =>
        Assert.Contains("FlowLogs.RetentionDays: 0 must be at least 1; flow logs always expire.",
            Invalid(new VpcNetworkProps
            {
                Cidr = "10.0.0.0/16",
                AvailabilityZones = ["us-east-1a", "us-east-1b"],
                FlowLogs = new VpcFlowLogOptions { Destination = FlowLogTarget.S3, RetentionDays = 0 },
            }).Problems);

    [Fact]
    public void Rejects_an_interface_endpoint_listed_twice() =>
        Assert.Equal("InterfaceEndpoints: lists 'sts' 2 times; each endpoint once.",
            Assert.Single(Invalid(new VpcNetworkProps
            {
                Cidr = "10.0.0.0/16",
                AvailabilityZones = ["us-east-1a", "us-east-1b"],
                InterfaceEndpoints = [InterfaceEndpointService.Sts, InterfaceEndpointService.Of("sts")],
            }).Problems));
}
