using Xunit;
using static Infra.Stacks.Tests.Configuration.ConfigDocuments;

namespace Infra.Stacks.Tests.Configuration;

public sealed class DatabaseConfigTests
{
    [Theory]
    [InlineData("  engineVersion: \"17.7\"", "  engineVersion: \"16.3\"", "dev.yaml:52: database.engineVersion: '16.3' is not an Aurora PostgreSQL version RDS still allows for new clusters here; use one of 16.8, 17.7, 17.9.")]
    [InlineData("  writerRegion: us-east-1", "  writerRegion: us-west-2", "dev.yaml:53: database.writerRegion: 'us-west-2' is not a region of this environment; use one of us-east-1.")]
    [InlineData("    secondsUntilAutoPause: 600", "    secondsUntilAutoPause: 60", "dev.yaml:58: database.capacity.secondsUntilAutoPause: 60: with a minimum of 0 ACU, give 300 to 86400 seconds of idleness before the cluster pauses.")]
    [InlineData("    type: serverlessV2", "    type: aurora", "dev.yaml:55: database.capacity.type: 'aurora' is not allowed; use one of: serverlessV2, provisioned.")]
    [InlineData("  monitoringIntervalSeconds: 0", "  monitoringIntervalSeconds: 45", "dev.yaml:61: database.monitoringIntervalSeconds: 45 must be 0, 1, 5, 10, 15, 30 or 60.")]
    [InlineData("    minAcu: 0", "    minAcu: 1", "dev.yaml:58: database.capacity.secondsUntilAutoPause: only applies with a minimum of 0 ACU (got 1); AWS rejects it otherwise. Remove it or use a minimum of 0.")]
    [InlineData("    minAcu: 0", "    minAcu: 0.3", "dev.yaml:54: database.capacity: 0.3 to 4 ACU: Serverless v2 capacity goes in steps of 0.5.")]
    public void Rejects_a_bad_database_setting_at_its_key(string line, string replacement, string expected) =>
        Assert.Equal(expected, Assert.Single(Problems(Replace(Dev, line, replacement), "dev.yaml")));

    [Fact]
    public void Rejects_a_paused_member_of_a_global_database()
    {
        var yaml = Replace(Replace(Prod, "    type: provisioned", "    type: serverlessV2\n    minAcu: 0\n    maxAcu: 8"), "    instanceClass: db.r7g.large", "");
        Assert.Contains(Problems(yaml, "prod.yaml"), p => p.EndsWith("database.capacity.minAcu: 0 pauses the cluster, which a global database member cannot do; use 0.5 or more.", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Prod_requires_two_weeks_of_backups_and_a_standby_reader() =>
        Assert.Equal(
            [
                "prod.yaml:68: database.capacity.readers: 0 leaves a production environment's writer without a standby in another AZ; use at least 1.",
                "prod.yaml:70: database.backupRetentionDays: 7 is too short for production; keep 14 to 35 days.",
            ],
            Problems(Replace(Replace(Prod, "    readers: 1", "    readers: 0"), "  backupRetentionDays: 14", "  backupRetentionDays: 7"), "prod.yaml"));

    [Fact]
    public void Rejects_a_non_graviton_instance_class() =>
        Assert.Equal(
            "prod.yaml:67: database.capacity.instanceClass: 'db.r6i.large' is not a Graviton instance class such as db.r7g.large.",
            Assert.Single(Problems(Replace(Prod, "    instanceClass: db.r7g.large", "    instanceClass: db.r6i.large"), "prod.yaml")));

    [Fact]
    public void Loads_the_database_settings()
    {
        var db = Infra.Stacks.Configuration.EnvironmentConfigLoader.Load(Prod, "prod.yaml").Database;
        Assert.Equal("17.7", db.EngineVersion);
        Assert.Equal("us-east-1", db.WriterRegion);
        Assert.Equal(Infra.Stacks.Configuration.DatabaseCapacityType.Provisioned, db.CapacityType);
        Assert.Equal(1, db.Readers);
        Assert.Equal(1, db.SecondaryInstances);
    }
}
