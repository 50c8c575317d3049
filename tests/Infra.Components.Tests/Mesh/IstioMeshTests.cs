using System;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Mesh;
using Infra.Components.Mesh.Internal;
using Infra.Components.Observability;
using Infra.Components.Tests.Internal;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Mesh;

[Collection(CdkCollection.Name)]
public sealed class IstioMeshTests
{
    private readonly PlatformScenario _s;

    public IstioMeshTests(PlatformScenario scenario) => _s = scenario;

    private static (string Id, JsonObject Resource) Chart(JsonObject template, string chart) =>
        template.Resources("Custom::AWSCDK-EKS-HelmChart").Select(kv => (kv.Key, kv.Value)).Single(c => (string?)c.Value["Properties"]!["Chart"] == chart && ((string?)c.Value["Properties"]!["Repository"])!.Contains("istio", StringComparison.Ordinal));

    private static JsonNode Values(JsonObject template, string chart) => JsonNode.Parse(Chart(template, chart).Resource["Properties"]!["Values"]!.TextWithRefs())!;

    private static (string Id, JsonObject Resource) Manifest(JsonObject template, string idPrefix) =>
        template.Resources("Custom::AWSCDK-EKS-KubernetesResource").Select(kv => (kv.Key, kv.Value)).Single(kv => kv.Key.StartsWith(idPrefix, StringComparison.Ordinal));

    private static JsonArray Documents(JsonObject template, string idPrefix) => JsonNode.Parse(Manifest(template, idPrefix).Resource["Properties"]!["Manifest"]!.TextWithRefs())!.AsArray();

    private static string[] DependsOn(JsonObject resource) => resource["DependsOn"]?.AsArray().Select(d => (string)d!).ToArray() ?? [];

    [Fact]
    public void Installs_base_and_istiod_at_the_pinned_version_from_istios_repository()
    {
        foreach (var chart in new[] { "base", "istiod" })
        {
            var p = Chart(_s.Plain, chart).Resource["Properties"]!;
            Assert.Equal(("1.31.1", "https://istio-release.storage.googleapis.com/charts", "istio-system"), ((string)p["Version"]!, (string)p["Repository"]!, (string)p["Namespace"]!));
        }
    }

    [Fact]
    public void Orders_the_crds_before_istiod_and_istiods_webhook_before_the_policies()
    {
        foreach (var template in new[] { _s.Plain, _s.Revisioned })
        {
            Assert.Contains(Chart(template, "base").Id, DependsOn(Chart(template, "istiod").Resource));
            Assert.Contains(Chart(template, "istiod").Id, DependsOn(Manifest(template, "MeshPolicies").Resource));
        }
    }

    [Fact]
    public void Enforces_strict_mutual_tls_across_the_mesh_from_the_root_namespace()
    {
        var peer = Documents(_s.Plain, "MeshPolicies").Single(d => (string?)d!["kind"] == "PeerAuthentication")!;
        Assert.Equal(("default", "istio-system", "STRICT"), ((string)peer["metadata"]!["name"]!, (string)peer["metadata"]!["namespace"]!, (string)peer["spec"]!["mtls"]!["mode"]!));
        Assert.Equal("security.istio.io/v1", (string?)peer["apiVersion"]);
        var telemetry = Documents(_s.Plain, "MeshPolicies").Single(d => (string?)d!["kind"] == "Telemetry")!;
        Assert.Equal("envoy", (string?)telemetry["spec"]!["accessLogging"]![0]!["providers"]![0]!["name"]);
    }

    [Fact]
    public void Runs_an_unrevisioned_istiod_with_namespace_injection_by_default()
    {
        Assert.Equal("istiod", (string?)Chart(_s.Plain, "istiod").Resource["Properties"]!["Release"]);
        Assert.Null(Values(_s.Plain, "istiod")["revision"]);
        Assert.Equal("default", TypedJson.Read<IstioBaseValues>(Values(_s.Plain, "base")).DefaultRevision);
        Assert.Equal(("istio-injection", "enabled"), (_s.PlainMesh.InjectionLabel.Key, _s.PlainMesh.InjectionLabel.Value));
        Assert.DoesNotContain(_s.Plain.Resources("Custom::AWSCDK-EKS-KubernetesResource").Keys, k => k.StartsWith("MeshMonitors", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_a_revisioned_istiod_behind_the_stable_tag_for_canary_upgrades()
    {
        Assert.Equal("istiod-1-31-1", (string?)Chart(_s.Revisioned, "istiod").Resource["Properties"]!["Release"]);
        var values = Values(_s.Revisioned, "istiod");
        Assert.Equal("1-31-1", (string?)values["revision"]);
        Assert.Equal(["stable"], values["revisionTags"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.Equal("1-31-1", TypedJson.Read<IstioBaseValues>(Values(_s.Revisioned, "base")).DefaultRevision);
        Assert.Equal(("istio.io/rev", "stable"), (_s.RevisionedMesh.InjectionLabel.Key, _s.RevisionedMesh.InjectionLabel.Value));
    }

    [Fact]
    public void Keeps_istiod_available_through_node_drains_on_on_demand_nodes()
    {
        var values = Values(_s.Revisioned, "istiod");
        Assert.Equal(2, (int)values["replicaCount"]!);
        Assert.Equal(2, (int)values["autoscaleMin"]!);
        Assert.Equal(5, (int)values["autoscaleMax"]!);
        Assert.True((bool)values["global"]!["defaultPodDisruptionBudget"]!["enabled"]!);
        Assert.Equal("on-demand", (string?)values["nodeSelector"]!["karpenter.sh/capacity-type"]);
        Assert.Equal("/dev/stdout", (string?)values["meshConfig"]!["accessLogFile"]);
    }

    [Fact]
    public void Configures_istiod_through_its_top_level_keys_not_the_legacy_pilot_block()
    {
        // Since Istio 1.24 the istiod chart reads `pilot.*` only through a compatibility template (zzy_descope_legacy.yaml).
        foreach (var template in new[] { _s.Plain, _s.Revisioned })
        {
            var values = Values(template, "istiod").AsObject();
            Assert.DoesNotContain("pilot", values.Select(p => p.Key));
            Assert.Equal(1, (int)Values(_s.Plain, "istiod")["replicaCount"]!);
            Assert.Equal(["autoscaleMax", "autoscaleMin", "global", "meshConfig", "nodeSelector", "replicaCount"],
                values.Select(p => p.Key).Where(k => k is not "revision" and not "revisionTags").Order(StringComparer.Ordinal).ToArray());
        }
    }

    [Fact]
    public void Scrapes_sidecars_and_istiod_once_the_prometheus_operators_crds_exist()
    {
        var monitors = Manifest(_s.Revisioned, "MeshMonitors");
        var kps = _s.Revisioned.Resources("Custom::AWSCDK-EKS-HelmChart").Single(c => (string?)c.Value["Properties"]!["Release"] == KubePrometheusStack.Release).Key;
        Assert.Contains(kps, DependsOn(monitors.Resource));
        Assert.Contains(Chart(_s.Revisioned, "istiod").Id, DependsOn(monitors.Resource));

        var documents = Documents(_s.Revisioned, "MeshMonitors");
        var pod = documents.Single(d => (string?)d!["kind"] == "PodMonitor")!;
        Assert.True((bool)pod["spec"]!["namespaceSelector"]!["any"]!);
        Assert.Equal(("http-envoy-prom", "/stats/prometheus"), ((string)pod["spec"]!["podMetricsEndpoints"]![0]!["port"]!, (string)pod["spec"]!["podMetricsEndpoints"]![0]!["path"]!));
        var service = documents.Single(d => (string?)d!["kind"] == "ServiceMonitor")!;
        Assert.Equal("pilot", (string?)service["spec"]!["selector"]!["matchLabels"]!["istio"]);
        Assert.Equal("http-monitoring", (string?)service["spec"]!["endpoints"]![0]!["port"]);
    }

    [Fact]
    public void Rejects_every_bad_prop_at_once()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var e = Assert.Throws<ConstructValidationException>(() => new IstioMesh(stack, "Mesh", new IstioMeshProps
        {
            Cluster = _s.Cluster, Version = "1.24.0", IstiodReplicas = 0, IstiodCpu = "half", IstiodMemory = "2 GB",
        }));
        Assert.Contains("Version: '1.24.0' is not an Istio version this component installs; use one of 1.31.1.", e.Message, StringComparison.Ordinal);
        Assert.Contains("IstiodReplicas: 0 must be 1 to 5.", e.Message, StringComparison.Ordinal);
        Assert.Contains("IstiodCpu: 'half' is not a CPU quantity such as 100m or 1.", e.Message, StringComparison.Ordinal);
        Assert.Contains("IstiodMemory: '2 GB' is not a memory quantity such as 512Mi or 2Gi.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Puts_the_gateway_behind_an_internal_nlb_with_ip_targets_after_the_policies_and_the_controller()
    {
        var gateway = Chart(_s.Revisioned, "gateway");
        var p = gateway.Resource["Properties"]!;
        Assert.Equal(("1.31.1", "istio-ingress", "istio-ingressgateway"), ((string)p["Version"]!, (string)p["Namespace"]!, (string)p["Release"]!));
        var annotations = Values(_s.Revisioned, "gateway")["service"]!["annotations"]!;
        Assert.Equal("external", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-type"]);
        Assert.Equal("ip", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-nlb-target-type"]);
        Assert.Equal("internal", (string?)annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"]);
        Assert.Equal("LoadBalancer", (string?)Values(_s.Revisioned, "gateway")["service"]!["type"]);

        var lbc = _s.Revisioned.Resources("Custom::AWSCDK-EKS-HelmChart").Single(c => (string?)c.Value["Properties"]!["Chart"] == "aws-load-balancer-controller").Key;
        Assert.Contains(lbc, DependsOn(gateway.Resource));
        Assert.Contains(Manifest(_s.Revisioned, "MeshPolicies").Id, DependsOn(gateway.Resource));
        Assert.DoesNotContain(_s.Plain.Resources("Custom::AWSCDK-EKS-HelmChart").Values, c => (string?)c["Properties"]!["Chart"] == "gateway");
    }

    [Fact]
    public void Scales_the_gateway_and_keeps_one_serving_through_drains_on_the_stable_revision()
    {
        var values = Values(_s.Revisioned, "gateway");
        Assert.Equal((true, 2, 6, 80), ((bool)values["autoscaling"]!["enabled"]!, (int)values["autoscaling"]!["minReplicas"]!, (int)values["autoscaling"]!["maxReplicas"]!, (int)values["autoscaling"]!["targetCPUUtilizationPercentage"]!));
        Assert.Equal(1, (int)values["podDisruptionBudget"]!["minAvailable"]!);
        Assert.Equal("stable", (string?)values["revision"]);
        Assert.Equal("on-demand", (string?)values["nodeSelector"]!["karpenter.sh/capacity-type"]);
    }

    [Fact]
    public void Rejects_a_gateway_whose_maximum_is_below_its_minimum()
    {
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var e = Assert.Throws<ConstructValidationException>(() => new IstioMesh(stack, "Mesh", new IstioMeshProps
        {
            Cluster = _s.Cluster,
            Gateway = new IstioGatewayProps { LoadBalancerController = null!, MinReplicas = 3, MaxReplicas = 2, Cpu = "0.1.2", Memory = "lots" },
        }));
        Assert.Contains("Gateway.MaxReplicas: 2 must be at least the minimum (3) and at most 50.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway.Cpu: '0.1.2' is not a CPU quantity such as 100m or 1.", e.Message, StringComparison.Ordinal);
        Assert.Contains("Gateway.Memory: 'lots' is not a memory quantity such as 128Mi or 1Gi.", e.Message, StringComparison.Ordinal);
    }
}
