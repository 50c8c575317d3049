using System.Linq;
using Infra.Components.Database;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Mesh;
using Infra.Components.Network;
using Infra.Components.Observability;
using Infra.Components.Storage;
using Xunit;

namespace Infra.Components.Tests;

/// <summary>
/// Every component's static Validate judges settings only, never the constructs it is wired to, so a configuration
/// layer can check a whole environment before any construct exists. Each test passes null for every construct and
/// one bad setting, and expects that setting's problem at its property path (not a NullReferenceException).
/// </summary>
public sealed class ValidateReadsSettingsOnlyTests
{
    [Fact]
    public void Backup() =>
        Assert.Equal(["Rules[0].RetentionDays"], Infra.Components.Backup.BackupProtection.Validate(new Infra.Components.Backup.BackupProtectionProps
        {
            PlanName = "plan",
            Vault = new Infra.Components.Backup.RecoveryVaultProps { VaultName = "vault" },
            Rules = [new Infra.Components.Backup.BackupRuleOptions { Name = "daily", Frequency = Infra.Components.Backup.BackupFrequency.Daily, RetentionDays = 0 }],
            Selections = [new Infra.Components.Backup.BackupResourceSelection { Name = "data", ResourceArns = ["*"] }],
            AlertTopic = null,
        }).Select(p => p.Property));

    [Fact]
    public void Experiment() =>
        Assert.Equal(["Actions[0].DurationMinutes"], Infra.Components.Resilience.FaultInjectionExperiment.Validate(new Infra.Components.Resilience.FaultInjectionExperimentProps
        {
            ExperimentName = "dev-zone",
            Hypothesis = "h",
            StopConditions = [null!],
            Actions =
            [
                new Infra.Components.Resilience.DisruptConnectivityAction
                {
                    Name = "cut", DurationMinutes = 0, Vpc = null,
                    Subnets = new Infra.Components.Resilience.ExperimentTarget { Name = "s", ResourceType = Infra.Components.Resilience.ExperimentTargetType.Ec2Subnet, ResourceArns = ["arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1"] },
                },
            ],
        }).Select(p => p.Property));

    [Fact]
    public void Monitoring() =>
        Assert.Equal(["Retention"], KubePrometheusStack.Validate(new KubePrometheusStackProps { Cluster = null!, Retention = "0d" }).Select(p => p.Property));

    [Fact]
    public void Mesh() =>
        Assert.Equal(["Gateway.MinReplicas", "Gateway.MaxReplicas"], IstioMesh.Validate(new IstioMeshProps
        {
            Cluster = null!,
            Gateway = new IstioGatewayProps { LoadBalancerController = null!, MinReplicas = 0, MaxReplicas = 60 },
        }).Select(p => p.Property));

    [Fact]
    public void Load_balancer_controller() =>
        Assert.Equal(["Cluster", "Replicas"], AwsLoadBalancerController.Validate(new AwsLoadBalancerControllerProps { Cluster = null!, Replicas = 0 }).Select(p => p.Property));

    [Fact]
    public void Cluster() =>
        Assert.Equal(["AdminRoleArns[0]"], EksCluster.Validate(new EksClusterProps
        {
            ClusterName = "c",
            Version = "1.35",
            Vpc = null!,
            Subnets = null!,
            KubectlLayerZip = "layer.zip",
            KubectlLayerVersion = "1.35",
            AdminRoleArns = ["admin"],
        }).Select(p => p.Property));

    [Fact]
    public void Karpenter() =>
        Assert.Equal(["Replicas"], KarpenterAddOn.Validate(new KarpenterAddOnProps
        {
            Cluster = null!,
            NodeRole = null!,
            Replicas = 0,
            NodeClasses = [new Ec2NodeClassSpec
            {
                Name = "default",
                Role = "KarpenterNodeRole",
                AmiSelectorTerms = [AmiSelectorTerm.ByAlias("al2023@v20261020")],
                SubnetSelectorTerms = [SubnetSelectorTerm.ById("subnet-0123456789abcdef0")],
                SecurityGroupSelectorTerms = [SecurityGroupSelectorTerm.ById("sg-0123456789abcdef0")],
            }],
            NodePools = [new NodePoolSpec { Name = "default", NodeClassName = "default", CapacityTypes = [CapacityType.OnDemand], Architectures = [CpuArchitecture.Arm64] }],
        }, "1.35").Select(p => p.Property));

    [Fact]
    public void Database() =>
        Assert.Equal(["Capacity.Readers"], AuroraPostgresCluster.Validate(new AuroraPostgresProps
        {
            ClusterIdentifier = "db",
            EngineVersion = AuroraPostgresVersions.Supported.Keys.First(),
            Vpc = null!,
            Subnets = null!,
            RotationSubnets = null!,
            Capacity = AuroraCapacity.ServerlessV2(0.5, 4, readers: 16),
        }).Select(p => p.Property));

    [Fact]
    public void Network() =>
        Assert.Equal(["Cidr"], VpcNetwork.Validate(new VpcNetworkProps { Cidr = "10.0.0.0/33", AvailabilityZones = ["us-east-1a", "us-east-1b"] }).Select(p => p.Property));

    [Fact]
    public void Bucket() =>
        Assert.Equal(["AbortIncompleteMultipartUploadAfterDays"], LifecycleBucket.Validate(new LifecycleBucketProps { ServerAccessLogsBucket = null, AbortIncompleteMultipartUploadAfterDays = 0 }).Select(p => p.Property));
}
