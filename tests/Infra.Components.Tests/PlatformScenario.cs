using System;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Infra.Components.Kubernetes;
using Infra.Components.Mesh;
using Infra.Components.Network;
using Infra.Components.Observability;
using Infra.Components.Tests.Kubernetes;
using Infra.TestKit;

namespace Infra.Components.Tests;

/// <summary>
/// The platform on a cluster, synthesized once per test run for every platform test: prod's shape (monitoring with
/// two replicas and retained key and secret, a revisioned mesh scraped by it, the load balancer controller and the
/// gateway) and dev's (a plain mesh alone).
/// </summary>
public sealed class PlatformScenario
{
    public PlatformScenario()
    {
        var stack = NewClusterStack(out var cluster);
        Cluster = cluster;
        Monitoring = new KubePrometheusStack(stack, "Monitoring", new KubePrometheusStackProps
        {
            Cluster = cluster,
            PrometheusReplicas = 2,
            Retention = "15d",
            StorageGiB = 100,
            PrometheusMemory = "4Gi",
            AlertmanagerReplicas = 2,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        RevisionedMesh = new IstioMesh(stack, "Mesh", new IstioMeshProps
        {
            Cluster = cluster,
            Revisioned = true,
            IstiodReplicas = 2,
            Monitoring = Monitoring,
            Gateway = new IstioGatewayProps { LoadBalancerController = new AwsLoadBalancerController(stack, "Lbc", new AwsLoadBalancerControllerProps { Cluster = cluster }), MinReplicas = 2, MaxReplicas = 6 },
        });
        Revisioned = Template.FromStack(stack).ToJsonObject();

        var plain = NewClusterStack(out var plainCluster);
        PlainMesh = new IstioMesh(plain, "Mesh", new IstioMeshProps { Cluster = plainCluster });
        Plain = Template.FromStack(plain).ToJsonObject();
    }

    public EksCluster Cluster { get; }

    public KubePrometheusStack Monitoring { get; }

    /// <summary>Prod's shape: monitoring, revisioned mesh, controller and gateway.</summary>
    public JsonObject Revisioned { get; }

    public IstioMesh RevisionedMesh { get; }

    /// <summary>Dev's shape: an unrevisioned mesh without monitoring or gateway.</summary>
    public JsonObject Plain { get; }

    public IstioMesh PlainMesh { get; }

    public JsonObject Resource(string type, string idPrefix) => Revisioned.Resources(type).Single(r => r.Key.StartsWith(idPrefix, StringComparison.Ordinal)).Value;

    public string LogicalId(string type, string idPrefix) => Revisioned.Resources(type).Keys.Single(k => k.StartsWith(idPrefix, StringComparison.Ordinal));

    public JsonObject Chart(string release) =>
        Revisioned.Resources("Custom::AWSCDK-EKS-HelmChart").Values.Single(c => (string?)c["Properties"]!["Release"] == release);

    /// <summary>A chart's values, with each CloudFormation reference rendered as <c>${LogicalId}</c>.</summary>
    public JsonNode Values(string release) => JsonNode.Parse(Chart(release)["Properties"]!["Values"]!.TextWithRefs())!;

    private static TestStack NewClusterStack(out EksCluster cluster)
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var network = new VpcNetwork(stack, "Network", new VpcNetworkProps { Cidr = "10.0.0.0/16", AvailabilityZones = ["us-east-1a", "us-east-1b"], NatGateways = NatGatewayStrategy.Single });
        cluster = new EksCluster(stack, "Eks", ClusterScenario.Props(network));
        return stack;
    }
}
