using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Mesh;

/// <summary>
/// Every custom resource the platform applies, checked against the parts of its CRD's schema that the API server
/// would reject: the group version the pinned chart serves, the kind, the namespace scope, the required and enumerated
/// fields. The schemas themselves are not vendored (they come from the charts at deploy time); these are the rules
/// written out from the CRDs of Istio 1.31, prometheus-operator v0.94 and External Secrets 2.10.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class CustomResourceShapeTests
{
    private static readonly Dictionary<(string ApiVersion, string Kind), bool> Served = new()
    {
        [("security.istio.io/v1", "PeerAuthentication")] = true,
        [("telemetry.istio.io/v1", "Telemetry")] = true,
        [("monitoring.coreos.com/v1", "PodMonitor")] = true,
        [("monitoring.coreos.com/v1", "ServiceMonitor")] = true,
        [("external-secrets.io/v1", "ExternalSecret")] = true,
        [("external-secrets.io/v1", "ClusterSecretStore")] = false,
        [("v1", "Namespace")] = false,
    };

    private readonly IReadOnlyList<JsonObject> _documents;

    public CustomResourceShapeTests(PlatformScenario scenario) =>
        _documents = scenario.Revisioned.Resources("Custom::AWSCDK-EKS-KubernetesResource").Values
            .SelectMany(r => JsonNode.Parse(r["Properties"]!["Manifest"]!.TextWithRefs())!.AsArray())
            .Select(d => d!.AsObject())
            .Where(d => (string?)d["kind"] is not ("StorageClass" or "EC2NodeClass" or "NodePool"))
            .ToList();

    private IEnumerable<JsonObject> OfKind(string kind) => _documents.Where(d => (string?)d["kind"] == kind);

    [Fact]
    public void Uses_only_served_group_versions_and_the_right_namespace_scope()
    {
        Assert.NotEmpty(_documents);
        foreach (var d in _documents)
        {
            var key = ((string)d["apiVersion"]!, (string)d["kind"]!);
            Assert.True(Served.TryGetValue(key, out var namespaced), $"{key} is not served by the pinned CRDs");
            Assert.Equal(namespaced, d["metadata"]!["namespace"] is not null);
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", (string)d["metadata"]!["name"]!);
        }
    }

    [Fact]
    public void Gives_peer_authentication_a_mode_istio_accepts()
    {
        var modes = new[] { "UNSET", "DISABLE", "PERMISSIVE", "STRICT" };
        Assert.All(OfKind("PeerAuthentication"), p => Assert.Contains((string)p["spec"]!["mtls"]!["mode"]!, modes));
    }

    [Fact]
    public void Gives_monitors_the_fields_the_operator_requires()
    {
        foreach (var pod in OfKind("PodMonitor"))
        {
            Assert.NotNull(pod["spec"]!["selector"]);
            Assert.All(pod["spec"]!["podMetricsEndpoints"]!.AsArray(), e => Assert.Matches("^[0-9]+(s|m)$", (string)e!["interval"]!));
        }

        foreach (var service in OfKind("ServiceMonitor"))
        {
            Assert.NotNull(service["spec"]!["selector"]);
            Assert.All(service["spec"]!["endpoints"]!.AsArray(), e => Assert.NotNull(e!["port"]));
        }

        Assert.Single(OfKind("PodMonitor"));
        Assert.Single(OfKind("ServiceMonitor"));
    }

    [Fact]
    public void Gives_the_external_secret_a_store_reference_and_a_target()
    {
        var external = Assert.Single(OfKind("ExternalSecret"));
        Assert.Equal("ClusterSecretStore", (string?)external["spec"]!["secretStoreRef"]!["kind"]);
        Assert.Equal((string?)Assert.Single(OfKind("ClusterSecretStore"))["metadata"]!["name"], (string?)external["spec"]!["secretStoreRef"]!["name"]);
        Assert.NotNull(external["spec"]!["target"]!["name"]);
        Assert.Equal("SecretsManager", (string?)Assert.Single(OfKind("ClusterSecretStore"))["spec"]!["provider"]!["aws"]!["service"]);
    }
}
