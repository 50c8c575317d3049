using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Infra.Components.Database;
using Infra.Components.Network;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Database;

/// <summary>A global database: the home member in us-east-1 and a secondary in us-west-2, in one app, synthesized once.</summary>
public sealed class GlobalDatabaseScenario
{
    public GlobalDatabaseScenario()
    {
        var app = TestApp.Create();
        Home = Build(app, "Home", "us-east-1", "10.0.0.0/16", isHome: true, isWriter: true);
        Secondary = Build(app, "Secondary", "us-west-2", "10.1.0.0/16", isHome: false, isWriter: false);
        HomeJson = Template.FromStack(Stack.Of(Home)).ToJsonObject();
        SecondaryJson = Template.FromStack(Stack.Of(Secondary)).ToJsonObject();
    }

    public AuroraPostgresCluster Home { get; }

    public AuroraPostgresCluster Secondary { get; }

    public JsonObject HomeJson { get; }

    public JsonObject SecondaryJson { get; }

    private static AuroraPostgresCluster Build(App app, string id, string region, string cidr, bool isHome, bool isWriter)
    {
        var stack = new TestStack(app, id, region, [$"{region}a", $"{region}b"]);
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = cidr, AvailabilityZones = [$"{region}a", $"{region}b"], NatGateways = NatGatewayStrategy.Single });
        return new AuroraPostgresCluster(stack, "Database", new AuroraPostgresProps
        {
            ClusterIdentifier = $"infra-test-{region}",
            EngineVersion = AuroraPostgresVersions.Default,
            Vpc = network.Vpc,
            Subnets = network.IsolatedSubnets,
            RotationSubnets = network.PrivateSubnets,
            Capacity = AuroraCapacity.Provisioned("db.r7g.large", readers: 1),
            Global = new GlobalDatabaseMembership
            {
                GlobalClusterIdentifier = "infra-test",
                IsHome = isHome,
                IsWriter = isWriter,
                SecretReplicaRegions = isHome ? ["us-west-2"] : [],
                WriteForwarding = !isWriter,
            },
            BackupRetentionDays = 14,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
    }
}

[Collection(CdkCollection.Name)]
public sealed class AuroraGlobalDatabaseTests : IClassFixture<GlobalDatabaseScenario>
{
    private readonly GlobalDatabaseScenario _s;

    public AuroraGlobalDatabaseTests(GlobalDatabaseScenario scenario) => _s = scenario;

    private static JsonNode Cluster(JsonObject json) => json.Single("AWS::RDS::DBCluster")["Properties"]!;

    [Fact]
    public void The_home_member_creates_the_encrypted_protected_global_cluster_with_a_literal_id()
    {
        var global = _s.HomeJson.Single("AWS::RDS::GlobalCluster");
        Assert.Equal("infra-test", (string?)global["Properties"]!["GlobalClusterIdentifier"]);
        Assert.True((bool)global["Properties"]!["StorageEncrypted"]!);
        Assert.True((bool)global["Properties"]!["DeletionProtection"]!);
        Assert.Equal("Retain", (string?)global["DeletionPolicy"]);
        Assert.Equal("open-source-rds-extended-support-disabled", (string?)global["Properties"]!["EngineLifecycleSupport"]);
        Assert.Empty(_s.SecondaryJson.Resources("AWS::RDS::GlobalCluster"));
    }

    [Fact]
    public void Both_members_join_the_global_cluster_on_the_same_engine_version()
    {
        Assert.Equal("infra-test", (string?)Cluster(_s.HomeJson)["GlobalClusterIdentifier"]);
        Assert.Equal("infra-test", (string?)Cluster(_s.SecondaryJson)["GlobalClusterIdentifier"]);
        Assert.Equal((string?)Cluster(_s.HomeJson)["EngineVersion"], (string?)Cluster(_s.SecondaryJson)["EngineVersion"]);
        Assert.Equal(AuroraPostgresVersions.Default, (string?)Cluster(_s.SecondaryJson)["EngineVersion"]);
    }

    [Fact]
    public void The_secondary_has_no_master_credentials_and_no_secret()
    {
        var secondary = Cluster(_s.SecondaryJson).AsObject();
        Assert.False(secondary.ContainsKey("MasterUsername"));
        Assert.False(secondary.ContainsKey("MasterUserPassword"));
        Assert.False(secondary.ContainsKey("DatabaseName"));
        Assert.Empty(_s.SecondaryJson.Resources("AWS::SecretsManager::Secret"));
        Assert.Null(_s.Secondary.Secret);
    }

    [Fact]
    public void The_home_credentials_are_a_generated_replicated_secret_never_in_the_template()
    {
        var cluster = Cluster(_s.HomeJson);
        Assert.Contains("resolve:secretsmanager", cluster["MasterUserPassword"]!.ToJsonString(), System.StringComparison.Ordinal);
        var secret = _s.HomeJson.Single("AWS::SecretsManager::Secret")["Properties"]!;
        Assert.NotNull(secret["GenerateSecretString"]);
        Assert.Equal("us-west-2", (string?)secret["ReplicaRegions"]![0]!["Region"]);
        Assert.DoesNotContain("\"password\":", _s.HomeJson.ToJsonString(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Rotates_the_secret_with_the_hosted_single_user_function() =>
        Assert.Equal("PostgreSQLSingleUser", (string?)_s.HomeJson.Single("AWS::SecretsManager::RotationSchedule")["Properties"]!["HostedRotationLambda"]!["RotationType"]);

    [Fact]
    public void Forwards_writes_from_the_secondary_only() =>
        Assert.True((bool)Cluster(_s.SecondaryJson)["EnableGlobalWriteForwarding"]!);

    [Fact]
    public void Encrypts_each_region_with_its_own_customer_managed_key()
    {
        foreach (var json in new[] { _s.HomeJson, _s.SecondaryJson })
        {
            Assert.True((bool)Cluster(json)["StorageEncrypted"]!);
            Assert.Contains("DatabaseKey", Cluster(json)["KmsKeyId"]!.ToJsonString(), System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Forces_tls_through_the_cluster_parameter_group() =>
        Assert.Equal("1", (string?)_s.HomeJson.Single("AWS::RDS::DBClusterParameterGroup")["Properties"]!["Parameters"]!["rds.force_ssl"]);

    [Fact]
    public void Protects_retains_and_backs_up_the_clusters()
    {
        foreach (var json in new[] { _s.HomeJson, _s.SecondaryJson })
        {
            var cluster = json.Single("AWS::RDS::DBCluster");
            Assert.True((bool)cluster["Properties"]!["DeletionProtection"]!);
            Assert.Equal("Retain", (string?)cluster["DeletionPolicy"]);
            Assert.Equal(14, (int)cluster["Properties"]!["BackupRetentionPeriod"]!);
            Assert.True((bool)cluster["Properties"]!["CopyTagsToSnapshot"]!);
            Assert.True((bool)cluster["Properties"]!["EnableIAMDatabaseAuthentication"]!);
            Assert.Equal("open-source-rds-extended-support-disabled", (string?)cluster["Properties"]!["EngineLifecycleSupport"]);
        }
    }

    [Fact]
    public void Puts_a_graviton_reader_in_tier_1_in_another_az_with_free_performance_insights()
    {
        var instances = _s.HomeJson.Resources("AWS::RDS::DBInstance").Values.Select(i => i["Properties"]!).ToList();
        Assert.Equal(2, instances.Count);
        Assert.Equal([0, 1], instances.Select(i => (int)i["PromotionTier"]!).Order().ToArray());
        Assert.Equal(2, instances.Select(i => (string?)i["AvailabilityZone"]).Distinct().Count());
        Assert.All(instances, i =>
        {
            Assert.Equal("db.r7g.large", (string?)i["DBInstanceClass"]);
            Assert.True((bool)i["EnablePerformanceInsights"]!);
            Assert.Equal(7, (int)i["PerformanceInsightsRetentionPeriod"]!);
            Assert.Equal(60, (int)i["MonitoringInterval"]!);
            Assert.False((bool)i["PubliclyAccessible"]!);
            Assert.False((bool)i["AutoMinorVersionUpgrade"]!);
        });
    }

    [Fact]
    public void Alarms_on_replication_and_rpo_lag_cpu_and_memory_to_the_topic()
    {
        var alarms = _s.SecondaryJson.Resources("AWS::CloudWatch::Alarm").Values.Select(a => (string)a["Properties"]!["MetricName"]!).Order().ToArray();
        Assert.Equal(["AuroraGlobalDBRPOLag", "AuroraGlobalDBReplicationLag", "CPUUtilization", "FreeableMemory"], alarms);
        Assert.All(_s.SecondaryJson.Resources("AWS::CloudWatch::Alarm").Values, a =>
            Assert.Contains("DatabaseAlarmTopic", a["Properties"]!["AlarmActions"]!.ToJsonString(), System.StringComparison.Ordinal));
        Assert.NotNull(_s.SecondaryJson.Single("AWS::SNS::Topic")["Properties"]!["KmsMasterKeyId"]);
    }

    [Fact]
    public void Exports_postgresql_logs_to_a_precreated_group_with_retention()
    {
        var group = _s.HomeJson.Resources("AWS::Logs::LogGroup").Single(g => g.Key.StartsWith("DatabasePostgresqlLogs", System.StringComparison.Ordinal)).Value["Properties"]!;
        Assert.Equal("/aws/rds/cluster/infra-test-us-east-1/postgresql", (string?)group["LogGroupName"]);
        Assert.Equal(30, (int)group["RetentionInDays"]!);
        Assert.Equal(["postgresql"], Cluster(_s.HomeJson)["EnableCloudwatchLogsExports"]!.AsArray().Select(x => (string)x!).ToArray());
    }
}

/// <summary>A single-region dev cluster, an app role granted IAM authentication to it, synthesized once.</summary>
public sealed class SingleRegionScenario
{
    public SingleRegionScenario()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"], NatGateways = NatGatewayStrategy.Single });
        Cluster = new AuroraPostgresCluster(stack, "Database", AuroraSingleRegionTests.Props(network));
        var role = new Amazon.CDK.AWS.IAM.Role(stack, "App", new Amazon.CDK.AWS.IAM.RoleProps { AssumedBy = new Amazon.CDK.AWS.IAM.ServicePrincipal("ec2.amazonaws.com") });
        Cluster.GrantConnect(role, "app_user");
        Json = Template.FromStack(stack).ToJsonObject();
    }

    public AuroraPostgresCluster Cluster { get; }

    public JsonObject Json { get; }
}

[Collection(CdkCollection.Name)]
public sealed class AuroraSingleRegionTests : IClassFixture<SingleRegionScenario>
{
    private readonly SingleRegionScenario _s;

    public AuroraSingleRegionTests(SingleRegionScenario scenario) => _s = scenario;

    internal static AuroraPostgresProps Props(VpcNetwork network) => new()
    {
        ClusterIdentifier = "infra-dev",
        EngineVersion = AuroraPostgresVersions.Default,
        Vpc = network.Vpc,
        Subnets = network.IsolatedSubnets,
        RotationSubnets = network.PrivateSubnets,
        Capacity = AuroraCapacity.ServerlessV2(0, 4, secondsUntilAutoPause: 600),
        RemovalPolicy = RemovalPolicy.DESTROY,
    };

    [Fact]
    public void Scales_a_dev_cluster_to_zero_with_auto_pause_through_the_l1_override()
    {
        var json = _s.Json;
        var scaling = json.Single("AWS::RDS::DBCluster")["Properties"]!["ServerlessV2ScalingConfiguration"]!;
        Assert.Equal(0, (double)scaling["MinCapacity"]!);
        Assert.Equal(4, (double)scaling["MaxCapacity"]!);
        Assert.Equal(600, (int)scaling["SecondsUntilAutoPause"]!);
        Assert.Equal("db.serverless", (string?)json.Single("AWS::RDS::DBInstance")["Properties"]!["DBInstanceClass"]);
        Assert.Empty(json.Resources("AWS::RDS::GlobalCluster"));
    }

    [Fact]
    public void A_disposable_cluster_is_deleted_without_protection_but_its_credentials_are_still_generated()
    {
        var resource = _s.Json.Single("AWS::RDS::DBCluster");
        Assert.Equal("Delete", (string?)resource["DeletionPolicy"]);
        Assert.False((bool)resource["Properties"]!["DeletionProtection"]!);
        Assert.NotNull(_s.Cluster.Secret);
        Assert.Equal("app", (string?)resource["Properties"]!["DatabaseName"]);
    }

    [Fact]
    public void Grants_iam_database_authentication_for_one_user()
    {
        var statement = _s.Json.Resources("AWS::IAM::Policy").Single(p => p.Key.StartsWith("AppDefaultPolicy", System.StringComparison.Ordinal)).Value["Properties"]!["PolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("rds-db:connect", (string?)statement["Action"]);
        Assert.EndsWith("/app_user", statement["Resource"]!.Text(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_rds_managed_password_on_a_global_database_and_lists_every_problem()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"] });
        var e = Assert.Throws<ConstructValidationException>(() => new AuroraPostgresCluster(stack, "Database", Props(network) with
        {
            EngineVersion = "16.3",
            RdsManagedMasterPassword = true,
            Capacity = AuroraCapacity.ServerlessV2(0, 4),
            Global = new GlobalDatabaseMembership { GlobalClusterIdentifier = "infra-dev", IsHome = true, IsWriter = true },
        }));
        Assert.Equal(
            [
                $"EngineVersion: '16.3' is not an Aurora PostgreSQL version RDS still allows for new clusters here; use one of {string.Join(", ", AuroraPostgresVersions.Supported.Keys)}.",
                "RdsManagedMasterPassword: AWS does not support RDS-managed master passwords for Aurora global databases; leave it false (a generated secret, replicated and rotated, is used).",
                "Global.SecretReplicaRegions: the home member must replicate the master secret to the other members' regions, or applications there cannot connect after a failover.",
                "Capacity.MinAcu: 0 pauses the cluster, which a global database member cannot do; use 0.5 or more.",
            ],
            e.Problems);
    }
}

public sealed class InstanceFamiliesTests
{
    [Theory]
    [InlineData("m7g.large", true)]
    [InlineData("db.r7g.large", true)]
    [InlineData("r7gd.xlarge", true)]
    [InlineData("t4g.medium", true)]
    [InlineData("db.r6i.large", false)]
    [InlineData("m7i.large", false)]
    [InlineData("db.serverless", false)]
    public void Recognizes_graviton_families_by_the_letter_after_the_generation(string type, bool graviton) =>
        Assert.Equal(graviton, InstanceFamilies.IsGraviton(type));
}
