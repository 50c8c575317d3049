using System.Linq;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

/// <summary>
/// A changed logical id makes CloudFormation replace the resource: a new, empty bucket, a new VPC. These ids are a
/// contract; a failing test here means a refactor would destroy data. Change them only with a migration note.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class StatefulLogicalIdTests
{
    private static readonly string[] Subnets =
    [
        "NetworkVpcPublicSubnet1Subnet36933139", "NetworkVpcPublicSubnet2SubnetC427CCE0",
        "NetworkVpcPrivateSubnet1Subnet6DD86AE6", "NetworkVpcPrivateSubnet2Subnet1BDBE877",
        "NetworkVpcIsolatedSubnet1Subnet0400477E", "NetworkVpcIsolatedSubnet2SubnetF65B365A",
    ];

    private static readonly string[] ThirdZoneSubnets =
    [
        "NetworkVpcPublicSubnet3Subnet4BBF7F47", "NetworkVpcPrivateSubnet3Subnet8ABFAF5C", "NetworkVpcIsolatedSubnet3Subnet8C12D961",
    ];

    private readonly SynthesizedEnvironments _env;

    public StatefulLogicalIdTests(SynthesizedEnvironments environments) => _env = environments;

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Keeps_the_vpc_and_subnet_ids(string tier)
    {
        foreach (var stack in _env.Stages[tier].NetworkStacks.Values)
        {
            var json = _env.Json(stack);
            Assert.Equal(["NetworkVpc7FB7348F"], json.Resources("AWS::EC2::VPC").Keys.ToArray());
            var expected = stack.TargetRegion.AvailabilityZones.Count == 3 ? Subnets.Concat(ThirdZoneSubnets) : Subnets;
            Assert.Equal(expected.Order().ToArray(), json.Resources("AWS::EC2::Subnet").Keys.Order().ToArray());
        }
    }

    [Fact]
    public void Keeps_the_flow_log_storage_ids()
    {
        Assert.Equal(["NetworkFlowLogGroup4F8CEEEF"], _env.Json(_env.Stages["dev"].NetworkStacks["us-east-1"]).Resources("AWS::Logs::LogGroup").Keys.ToArray());
        foreach (var tier in new[] { "staging", "prod" })
        {
            foreach (var stack in _env.Stages[tier].NetworkStacks.Values)
            {
                var json = _env.Json(stack);
                Assert.Equal(["NetworkFlowLogBucket03CEB36F"], json.Resources("AWS::S3::Bucket").Keys.ToArray());
                Assert.Equal(["NetworkFlowLogBucketKey136F330E"], json.Resources("AWS::KMS::Key").Keys.ToArray());
            }
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Keeps_the_storage_ids(string tier)
    {
        var json = _env.Json(_env.Stages[tier].Storage);
        Assert.Equal(["AccessLogs247031D9", "Data2D4B752F"], json.Resources("AWS::S3::Bucket").Keys.Order().ToArray());
        Assert.Equal(["DataKey5F086070"], json.Resources("AWS::KMS::Key").Keys.ToArray());
    }

    [Theory]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Keeps_the_replica_ids(string tier)
    {
        var json = _env.Json(_env.Stages[tier].StorageReplica!);
        Assert.Equal(["AccessLogs247031D9", "DataReplicaC1CBDA13"], json.Resources("AWS::S3::Bucket").Keys.Order().ToArray());
        Assert.Equal(["DataReplicaKey36E4E20F"], json.Resources("AWS::KMS::Key").Keys.ToArray());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Keeps_the_backup_vault_and_key_ids(string tier)
    {
        var stage = _env.Stages[tier];
        var primary = _env.Json(stage.BackupStacks[stage.Config.PrimaryRegion.Name]);
        Assert.Equal(["BackupVault368E0ECE"], primary.Resources("AWS::Backup::BackupVault").Keys.ToArray());
        Assert.Equal(["BackupVaultKeyA286A54F"], primary.Resources("AWS::KMS::Key").Keys.ToArray());
        if (stage.Config.SecondaryRegion is { } secondary)
        {
            var copy = _env.Json(stage.BackupStacks[secondary.Name]);
            Assert.Equal(["CopyVault87F9E5EC"], copy.Resources("AWS::Backup::BackupVault").Keys.ToArray());
            Assert.Equal(["CopyVaultKeyD618E163"], copy.Resources("AWS::KMS::Key").Keys.ToArray());
        }
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Keeps_the_experiment_log_ids(string tier)
    {
        foreach (var stack in _env.Stages[tier].ResilienceStacks.Values)
        {
            var json = _env.Json(stack);
            Assert.Equal(["ExperimentLogs98E3CD5B"], json.Resources("AWS::Logs::LogGroup").Keys.ToArray());
            Assert.Equal(["LogKeyE83D0C1B"], json.Resources("AWS::KMS::Key").Keys.ToArray());
        }
    }

    [Fact]
    public void Keeps_the_stack_artifact_ids_and_names()
    {
        var names = _env.AllStacks.Select(s => $"{s.Node.Path} => {s.StackName}").Order().ToArray();
        Assert.Equal(
            [
                "Dev/Backup-us-east-1 => infra-dev-backup-us-east-1",
                "Dev/Cluster => infra-dev-cluster",
                "Dev/Database-us-east-1 => infra-dev-database-us-east-1",
                "Dev/Network-us-east-1 => infra-dev-network-us-east-1",
                "Dev/Platform => infra-dev-platform",
                "Dev/Resilience-us-east-1 => infra-dev-resilience-us-east-1",
                "Dev/Storage => infra-dev-storage",
                "Prod/Backup-us-east-1 => infra-prod-backup-us-east-1",
                "Prod/Backup-us-west-2 => infra-prod-backup-us-west-2",
                "Prod/Cluster => infra-prod-cluster",
                "Prod/Database-us-east-1 => infra-prod-database-us-east-1",
                "Prod/Database-us-west-2 => infra-prod-database-us-west-2",
                "Prod/Network-us-east-1 => infra-prod-network-us-east-1",
                "Prod/Network-us-west-2 => infra-prod-network-us-west-2",
                "Prod/Platform => infra-prod-platform",
                "Prod/Resilience-us-east-1 => infra-prod-resilience-us-east-1",
                "Prod/Resilience-us-west-2 => infra-prod-resilience-us-west-2",
                "Prod/Storage => infra-prod-storage",
                "Prod/StorageReplica => infra-prod-storage-replica",
                "Staging/Backup-us-east-1 => infra-staging-backup-us-east-1",
                "Staging/Backup-us-west-2 => infra-staging-backup-us-west-2",
                "Staging/Cluster => infra-staging-cluster",
                "Staging/Database-us-east-1 => infra-staging-database-us-east-1",
                "Staging/Database-us-west-2 => infra-staging-database-us-west-2",
                "Staging/Network-us-east-1 => infra-staging-network-us-east-1",
                "Staging/Network-us-west-2 => infra-staging-network-us-west-2",
                "Staging/Platform => infra-staging-platform",
                "Staging/Resilience-us-east-1 => infra-staging-resilience-us-east-1",
                "Staging/Resilience-us-west-2 => infra-staging-resilience-us-west-2",
                "Staging/Storage => infra-staging-storage",
                "Staging/StorageReplica => infra-staging-storage-replica",
            ],
            names);
    }
}
