using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Infra.Components.Database;
using Infra.Components.Network;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Database;

[Collection(CdkCollection.Name)]
public sealed class WriterFlipTests
{
    // The properties CloudFormation replaces a cluster (or its global cluster) for when they change.
    private static readonly string[] ReplacingProperties =
        ["DBClusterIdentifier", "GlobalClusterIdentifier", "Engine", "MasterUsername", "DatabaseName", "KmsKeyId", "StorageEncrypted", "DBSubnetGroupName"];

    private static JsonObject Synthesize(string region, bool isHome, bool isWriter)
    {
        var stack = TestApp.Stack(region, $"{region}a", $"{region}b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = [$"{region}a", $"{region}b"], NatGateways = NatGatewayStrategy.Single });
        new AuroraPostgresCluster(stack, "Database", new AuroraPostgresProps
        {
            ClusterIdentifier = $"infra-test-{region}",
            EngineVersion = AuroraPostgresVersions.Default,
            Vpc = network.Vpc,
            Subnets = network.IsolatedSubnets,
            RotationSubnets = network.PrivateSubnets,
            Capacity = AuroraCapacity.ServerlessV2(0.5, 8),
            Global = new GlobalDatabaseMembership
            {
                GlobalClusterIdentifier = "infra-test",
                IsHome = isHome,
                IsWriter = isWriter,
                SecretReplicaRegions = isHome ? ["us-west-2"] : [],
                WriteForwarding = !isWriter,
            },
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        return Template.FromStack(stack).ToJsonObject();
    }

    [Fact]
    public void Flipping_the_writer_after_a_failover_replaces_nothing()
    {
        // Before: us-east-1 (home) writes. After a failover, config says us-west-2 writes.
        var homeBefore = Synthesize("us-east-1", isHome: true, isWriter: true);
        var homeAfter = Synthesize("us-east-1", isHome: true, isWriter: false);
        var otherBefore = Synthesize("us-west-2", isHome: false, isWriter: false);
        var otherAfter = Synthesize("us-west-2", isHome: false, isWriter: true);

        foreach (var (before, after) in new[] { (homeBefore, homeAfter), (otherBefore, otherAfter) })
        {
            Assert.Equal(LogicalIds(before), LogicalIds(after));
            var b = before.Single("AWS::RDS::DBCluster")["Properties"]!;
            var a = after.Single("AWS::RDS::DBCluster")["Properties"]!;
            foreach (var property in ReplacingProperties)
            {
                Assert.Equal(b[property]?.ToJsonString(), a[property]?.ToJsonString());
            }
        }

        // Only write forwarding moves, to whichever member is now the secondary.
        Assert.True((bool)homeAfter.Single("AWS::RDS::DBCluster")["Properties"]!["EnableGlobalWriteForwarding"]!);
        Assert.Null(otherAfter.Single("AWS::RDS::DBCluster")["Properties"]!["EnableGlobalWriteForwarding"]);
    }

    private static IEnumerable<string> LogicalIds(JsonObject template) =>
        template["Resources"]!.AsObject().Select(r => r.Key).Order();
}
