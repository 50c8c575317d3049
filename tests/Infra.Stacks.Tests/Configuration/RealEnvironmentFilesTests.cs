using System.IO;
using System.Linq;
using Amazon.CDK.AWS.EC2;
using Infra.Components.Network;
using Infra.Components.Storage;
using Infra.Stacks.Configuration;
using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

/// <summary>The checked-in files under <c>stacks/config</c> load and map to the intended settings.</summary>
public sealed class RealEnvironmentFilesTests
{
    [Fact]
    public void Loads_all_three_files_in_deployment_order()
    {
        var configs = EnvironmentConfigLoader.LoadAll(ConfigDirectory);

        Assert.Equal(["dev", "staging", "prod"], configs.Select(c => c.Name));
    }

    [Fact]
    public void Dev_is_a_single_region_environment()
    {
        var dev = Load("dev");

        Assert.Equal("111111111111", dev.Account);
        Assert.Equal("us-east-1", dev.PrimaryRegion.Name);
        Assert.Equal(["us-east-1a", "us-east-1b"], dev.PrimaryRegion.AvailabilityZones);
        Assert.Equal("10.10.0.0/16", dev.PrimaryRegion.VpcCidr);
        Assert.Null(dev.SecondaryRegion);
        Assert.Equal("infra-dev", dev.ClusterName);
    }

    [Fact]
    public void Dev_uses_a_single_nat_gateway_and_rejected_traffic_flow_logs_in_cloudwatch()
    {
        var network = Load("dev").Network;

        Assert.Equal(NatGatewayStrategy.Single, network.NatGateways);
        Assert.Equal(FlowLogTarget.CloudWatchLogs, network.FlowLogs.Destination);
        Assert.Equal(FlowLogTrafficType.REJECT, network.FlowLogs.TrafficType);
        Assert.Equal(14, network.FlowLogs.RetentionDays);
        Assert.Equal(FlowLogMaxAggregationInterval.TEN_MINUTES, network.FlowLogs.MaxAggregationInterval);
        Assert.Empty(network.InterfaceEndpoints);
    }

    [Fact]
    public void Dev_takes_the_default_subnet_masks()
    {
        var masks = Load("dev").Network.SubnetMasks;

        Assert.Equal(20, masks[SubnetTier.Private]);
        Assert.Equal(24, masks[SubnetTier.Public]);
        Assert.Equal(24, masks[SubnetTier.Isolated]);
    }

    [Fact]
    public void Dev_is_disposable_and_not_replicated()
    {
        var dev = Load("dev");

        Assert.False(dev.Protection.RetainStatefulResources);
        Assert.False(dev.Protection.TerminationProtection);
        Assert.False(dev.Storage.ReplicateToSecondaryRegion);
        Assert.Equal(1, dev.Storage.AbortIncompleteMultipartUploadDays);
        Assert.Equal(30, dev.Storage.AccessLogRetentionDays);
        var rule = Assert.Single(dev.Storage.DataLifecycleRules);
        Assert.Equal("expire-old-versions", rule.Id);
        Assert.Equal(7, rule.NoncurrentVersionExpireAfterDays);
        Assert.Equal(1, rule.NoncurrentVersionsToRetain);
    }

    [Fact]
    public void Staging_has_a_secondary_region_and_replication_but_a_single_nat_gateway()
    {
        var staging = Load("staging");

        Assert.Equal("us-west-2", staging.SecondaryRegion?.Name);
        Assert.Equal("10.21.0.0/16", staging.SecondaryRegion?.VpcCidr);
        Assert.Equal(NatGatewayStrategy.Single, staging.Network.NatGateways);
        Assert.Equal(FlowLogTarget.S3, staging.Network.FlowLogs.Destination);
        Assert.Equal(FlowLogTrafficType.ALL, staging.Network.FlowLogs.TrafficType);
        Assert.Equal(90, staging.Network.FlowLogs.RetentionDays);
        Assert.Equal(["sts", "ecr.api", "ecr.dkr"], staging.Network.InterfaceEndpoints.Select(e => e.Name));
        Assert.True(staging.Storage.ReplicateToSecondaryRegion);
        Assert.True(staging.Protection.RetainStatefulResources);
        Assert.False(staging.Protection.TerminationProtection);
    }

    [Fact]
    public void Prod_spans_two_regions_of_three_zones()
    {
        var prod = Load("prod");

        Assert.Equal("333333333333", prod.Account);
        Assert.Equal(["us-east-1a", "us-east-1b", "us-east-1c"], prod.PrimaryRegion.AvailabilityZones);
        Assert.Equal("10.30.0.0/16", prod.PrimaryRegion.VpcCidr);
        Assert.Equal("us-west-2", prod.SecondaryRegion?.Name);
        Assert.Equal(["us-west-2a", "us-west-2b", "us-west-2c"], prod.SecondaryRegion?.AvailabilityZones);
        Assert.Equal("10.31.0.0/16", prod.SecondaryRegion?.VpcCidr);
        Assert.Equal(["us-east-1", "us-west-2"], prod.Regions.Select(r => r.Name));
    }

    [Fact]
    public void Prod_uses_a_nat_gateway_per_zone_and_all_traffic_flow_logs_in_s3()
    {
        var network = Load("prod").Network;

        Assert.Equal(NatGatewayStrategy.PerAvailabilityZone, network.NatGateways);
        Assert.Equal(FlowLogTarget.S3, network.FlowLogs.Destination);
        Assert.Equal(FlowLogTrafficType.ALL, network.FlowLogs.TrafficType);
        Assert.Equal(365, network.FlowLogs.RetentionDays);
        Assert.Equal(FlowLogMaxAggregationInterval.TEN_MINUTES, network.FlowLogs.MaxAggregationInterval);
        Assert.Equal(
            ["sts", "ecr.api", "ecr.dkr", "eks-auth"],   // the endpoints that carry volume or pod credentials (docs/cost.md)
            network.InterfaceEndpoints.Select(e => e.Name));
    }

    [Fact]
    public void Prod_retains_protects_and_replicates_its_data()
    {
        var prod = Load("prod");

        Assert.True(prod.Protection.RetainStatefulResources);
        Assert.True(prod.Protection.TerminationProtection);
        Assert.True(prod.Storage.ReplicateToSecondaryRegion);
        Assert.Equal(365, prod.Storage.AccessLogRetentionDays);
        Assert.Equal("confidential", prod.Tags.Additional["data-classification"]);
    }

    [Fact]
    public void Prod_tiers_current_versions_down_the_storage_classes()
    {
        var rules = Load("prod").Storage.DataLifecycleRules;

        Assert.Equal(["tier-current-versions", "noncurrent-versions"], rules.Select(r => r.Id));
        Assert.Equal(131072, rules[0].ObjectSizeGreaterThanBytes);
        Assert.Equal(
            [
                new LifecycleTransition(TransitionStorageClass.StandardInfrequentAccess, 30),
                new LifecycleTransition(TransitionStorageClass.GlacierInstantRetrieval, 90),
                new LifecycleTransition(TransitionStorageClass.DeepArchive, 180),
            ],
            rules[0].Transitions);
        Assert.Equal([new LifecycleTransition(TransitionStorageClass.GlacierInstantRetrieval, 30)], rules[1].NoncurrentVersionTransitions);
        Assert.Equal(90, rules[1].NoncurrentVersionExpireAfterDays);
        Assert.Equal(3, rules[1].NoncurrentVersionsToRetain);
    }

    private static EnvironmentConfig Load(string name)
    {
        var file = Path.Combine(ConfigDirectory, $"{name}.yaml");
        var config = EnvironmentConfigLoader.Load(File.ReadAllText(file), file);
        Assert.Equal(file, config.SourceFile);
        return config;
    }
}
