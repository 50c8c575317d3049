using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Network;
using Infra.Stacks.Stages;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

[Collection(EnvironmentsCollection.Name)]
public sealed class EnvironmentInvariantTests
{
    private readonly SynthesizedEnvironments _env;

    public EnvironmentInvariantTests(SynthesizedEnvironments environments) => _env = environments;

    private EnvironmentStage Dev => _env.Stages["dev"];

    private EnvironmentStage Staging => _env.Stages["staging"];

    private EnvironmentStage Prod => _env.Stages["prod"];

    [Fact]
    public void Synthesizes_every_environment_without_any_lookup()
    {
        var (stacks, missing) = PlanSummary.Read(_env.OutDir);
        Assert.Empty(missing);
        Assert.Equal(31, stacks.Count);
        foreach (var stack in _env.AllStacks)
        {
            Assert.DoesNotContain("dummy1", _env.Json(stack).ToJsonString(), System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Gives_every_stack_the_explicit_account_region_and_name_of_its_environment()
    {
        foreach (var stack in _env.AllStacks)
        {
            Assert.Equal(stack.Config.Account, stack.Account);
            Assert.Equal(stack.TargetRegion.Name, stack.Region);
            Assert.StartsWith($"infra-{stack.Config.Name}-", stack.StackName, System.StringComparison.Ordinal);
            Assert.Equal(stack.TargetRegion.AvailabilityZones, stack.AvailabilityZones);
        }
    }

    [Fact]
    public void Dev_runs_in_one_region_while_staging_and_prod_add_the_secondary()
    {
        Assert.Equal(["us-east-1"], Dev.NetworkStacks.Keys.ToArray());
        Assert.Equal(["us-east-1", "us-west-2"], Staging.NetworkStacks.Keys.Order().ToArray());
        Assert.Equal(["us-east-1", "us-west-2"], Prod.NetworkStacks.Keys.Order().ToArray());
    }

    [Theory]
    [InlineData("dev", 1)]
    [InlineData("staging", 1)]
    [InlineData("prod", 3)]
    public void Pays_for_one_nat_gateway_outside_prod_and_one_per_zone_in_prod(string tier, int natGateways)
    {
        // In the primary region, where the cluster runs; the secondary's standby needs none.
        var stage = _env.Stages[tier];
        Assert.Equal(natGateways, _env.Json(stage.NetworkStacks[stage.Config.PrimaryRegion.Name]).Resources("AWS::EC2::NatGateway").Count);
    }

    [Fact]
    public void Dev_keeps_two_weeks_of_rejected_flows_in_cloudwatch_logs()
    {
        var json = _env.Json(Dev.NetworkStacks["us-east-1"]);
        var flowLog = json.Single("AWS::EC2::FlowLog")["Properties"]!;
        Assert.Equal("cloud-watch-logs", (string?)flowLog["LogDestinationType"]);
        Assert.Equal("REJECT", (string?)flowLog["TrafficType"]);
        Assert.Equal(14, (int)json.Single("AWS::Logs::LogGroup")["Properties"]!["RetentionInDays"]!);
    }

    [Fact]
    public void Prod_keeps_a_year_of_all_flows_in_s3_in_every_region()
    {
        foreach (var stack in Prod.NetworkStacks.Values)
        {
            var json = _env.Json(stack);
            var flowLog = json.Single("AWS::EC2::FlowLog")["Properties"]!;
            Assert.Equal("s3", (string?)flowLog["LogDestinationType"]);
            Assert.Equal("ALL", (string?)flowLog["TrafficType"]);
            var expiry = json.Single("AWS::S3::Bucket")["Properties"]!["LifecycleConfiguration"]!["Rules"]!.AsArray()
                .Single(r => (string?)r!["Id"] == "expire-flow-logs")!;
            Assert.Equal(365, (int)expiry["ExpirationInDays"]!);
        }
    }

    [Fact]
    public void Prod_reaches_aws_apis_through_interface_endpoints_and_dev_through_nat()
    {
        Assert.Empty(Dev.NetworkStacks["us-east-1"].Network.InterfaceEndpoints);
        var prodEndpoints = Prod.NetworkStacks["us-east-1"].Network.InterfaceEndpoints.Keys.Order().ToArray();
        // Only what carries volume (ECR) or pod credentials (STS, EKS Auth); the rest go through NAT (docs/cost.md).
        Assert.Equal(["ecr.api", "ecr.dkr", "eks-auth", "sts"], prodEndpoints);
    }

    [Fact]
    public void The_secondary_region_holds_only_the_database_standby_so_it_has_no_nat_and_no_interface_endpoints()
    {
        foreach (var stage in new[] { Staging, Prod })
        {
            var secondary = stage.NetworkStacks["us-west-2"];
            var json = _env.Json(secondary);
            Assert.True(secondary.HoldsOnlyStandby);
            Assert.Empty(json.Resources("AWS::EC2::NatGateway"));
            Assert.Empty(json.Resources("AWS::EC2::EIP"));
            Assert.DoesNotContain(json.Resources("AWS::EC2::VPCEndpoint").Values, e => (string?)e["Properties"]!["VpcEndpointType"] == "Interface");
            // No route leaves the VPC from the private tier, and the free S3 and DynamoDB gateway endpoints stay.
            Assert.DoesNotContain(json.Resources("AWS::EC2::Route").Values, r => r["Properties"]!["NatGatewayId"] is not null);
            Assert.Equal(2, json.Resources("AWS::EC2::VPCEndpoint").Count);
            // The flow logs stay: the standby's traffic is recorded like the primary's.
            Assert.Single(json.Resources("AWS::EC2::FlowLog"));
            Assert.False(stage.NetworkStacks["us-east-1"].HoldsOnlyStandby);
        }
    }

    [Fact]
    public void Tags_private_subnets_with_the_environments_cluster_for_karpenter()
    {
        foreach (var stage in _env.Stages.Values)
        {
            foreach (var stack in stage.NetworkStacks.Values)
            {
                var tagged = _env.Json(stack).Resources("AWS::EC2::Subnet").Values
                    .Where(s => s.Tags().GetValueOrDefault(VpcNetwork.KarpenterDiscoveryTagKey) == $"infra-{stage.Config.Name}")
                    .ToList();
                Assert.Equal(stack.TargetRegion.AvailabilityZones.Count, tagged.Count);
            }
        }
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Retains_every_stateful_resource_outside_dev(string tier)
    {
        foreach (var stack in _env.Stages[tier].Stacks)
        {
            foreach (var (id, resource) in StatefulResources(_env.Json(stack)))
            {
                Assert.True((string?)resource["DeletionPolicy"] == "Retain", $"{stack.StackName}/{id} is not retained on deletion");
                Assert.True((string?)resource["UpdateReplacePolicy"] == "Retain", $"{stack.StackName}/{id} is not retained on replacement");
            }

            Assert.Empty(_env.Json(stack).Resources("Custom::S3AutoDeleteObjects"));
        }
    }

    [Fact]
    public void Dev_empties_and_deletes_its_buckets_with_the_stack()
    {
        var json = _env.Json(Dev.Storage);
        Assert.All(json.Resources("AWS::S3::Bucket").Values, b => Assert.Equal("Delete", (string?)b["DeletionPolicy"]));
        Assert.Equal(2, json.Resources("Custom::S3AutoDeleteObjects").Count);
    }

    [Fact]
    public void Protects_only_prods_stateful_stacks_from_termination()
    {
        foreach (var stack in _env.AllStacks)
        {
            var expected = stack.Config.Name == "prod" && stack.StatefulResources.Count > 0;
            Assert.True(expected == stack.TerminationProtection, $"{stack.StackName}: termination protection should be {expected}");
        }

        // Prod's network stacks hold the flow-log bucket and its key (retained): they were left unprotected while every
        // other stateful prod stack was protected. What a stack holds now decides, so no stack can drift again.
        foreach (var network in Prod.NetworkStacks.Values)
        {
            Assert.Contains(network.StatefulResources, p => p.Contains("/FlowLogBucket/", System.StringComparison.Ordinal));
            Assert.True(network.TerminationProtection, network.StackName);
        }

        Assert.True(Prod.Storage.TerminationProtection);
        Assert.True(Prod.StorageReplica!.TerminationProtection);
        Assert.DoesNotContain(Dev.Stacks, s => s.TerminationProtection);
    }

    [Theory]
    [InlineData("staging", "infra-staging-data-replica-222222222222-us-west-2")]
    [InlineData("prod", "infra-prod-data-replica-333333333333-us-west-2")]
    public void Replicates_the_data_bucket_to_the_secondary_region(string tier, string replicaName)
    {
        var stage = _env.Stages[tier];
        var replica = stage.StorageReplica!;
        Assert.Equal("us-west-2", replica.Region);
        var replicaBucket = _env.Json(replica).Resources("AWS::S3::Bucket").Values.Single(b => (string?)b["Properties"]!["BucketName"] == replicaName);
        Assert.Equal("Enabled", (string?)replicaBucket["Properties"]!["VersioningConfiguration"]!["Status"]);

        var data = _env.Json(stage.Storage).Resources("AWS::S3::Bucket").Values.Single(b => b["Properties"]!["ReplicationConfiguration"] is not null);
        var destination = data["Properties"]!["ReplicationConfiguration"]!["Rules"]![0]!["Destination"]!;
        Assert.Equal($"arn:aws:s3:::{replicaName}", (string?)destination["Bucket"]);
        Assert.Equal($"arn:aws:kms:us-west-2:{stage.Config.Account}:alias/infra/{stage.Config.Name}/data-replica", (string?)destination["EncryptionConfiguration"]!["ReplicaKmsKeyID"]);
        Assert.Contains(replica, stage.Storage.Dependencies);
    }

    [Fact]
    public void Dev_does_not_replicate()
    {
        Assert.Null(Dev.StorageReplica);
        Assert.All(_env.Json(Dev.Storage).Resources("AWS::S3::Bucket").Values, b => Assert.Null(b["Properties"]!["ReplicationConfiguration"]));
    }

    [Fact]
    public void Logs_data_bucket_access_to_an_s3_managed_log_bucket_in_every_environment()
    {
        foreach (var stage in _env.Stages.Values)
        {
            var buckets = _env.Json(stage.Storage).Resources("AWS::S3::Bucket");
            var data = buckets.Single(b => b.Key.StartsWith("Data", System.StringComparison.Ordinal)).Value["Properties"]!;
            var logs = buckets.Single(b => b.Key.StartsWith("AccessLogs", System.StringComparison.Ordinal)).Value["Properties"]!;
            Assert.Equal("data/", (string?)data["LoggingConfiguration"]!["LogFilePrefix"]);
            Assert.Equal("AES256", (string?)logs["BucketEncryption"]!["ServerSideEncryptionConfiguration"]![0]!["ServerSideEncryptionByDefault"]!["SSEAlgorithm"]);
        }
    }

    [Fact]
    public void Tags_every_taggable_resource_with_owner_cost_center_environment_and_manager()
    {
        foreach (var stack in _env.AllStacks)
        {
            foreach (var (id, resource) in _env.Json(stack)["Resources"]!.AsObject())
            {
                if (resource!["Properties"]?["Tags"] is not JsonArray)
                {
                    continue;
                }

                var tags = resource.AsObject().Tags();
                foreach (var key in EnvironmentStage.RequiredTagKeys)
                {
                    Assert.True(tags.ContainsKey(key), $"{stack.StackName}/{id} lacks the '{key}' tag");
                }

                Assert.Equal(stack.Config.Name, tags["environment"]);
                Assert.Equal(stack.Config.Tags.CostCenter, tags["cost-center"]);
            }
        }
    }

    [Fact]
    public void Adds_the_configured_extra_tags_in_prod_only() =>
        Assert.Equal("confidential", _env.Json(Prod.Storage).Resources("AWS::S3::Bucket").Values.First().Tags()["data-classification"]);

    internal static IEnumerable<(string Id, JsonObject Resource)> StatefulResources(JsonObject template) =>
        template["Resources"]!.AsObject()
            .Where(r => (string?)r.Value!["Type"] is "AWS::S3::Bucket" or "AWS::KMS::Key" or "AWS::Logs::LogGroup")
            .Select(r => (r.Key, r.Value!.AsObject()));
}
