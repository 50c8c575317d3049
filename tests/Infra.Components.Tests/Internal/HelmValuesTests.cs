using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Infra.Components.Internal;
using Xunit;

namespace Infra.Components.Tests.Internal;

public sealed class HelmValuesTests
{
    private sealed record Sample
    {
        [JsonPropertyName("replicaCount")]
        public required int Replicas { get; init; }

        [JsonPropertyName("kube-state-metrics")]
        public required HelmPlacement Placement { get; init; }

        [JsonPropertyName("revision")]
        public string? Revision { get; init; }

        [JsonPropertyName("extra")]
        public IReadOnlyDictionary<string, object>? Extra { get; init; }
    }

    [Fact]
    public void Writes_the_charts_key_names_keeps_types_and_leaves_out_unset_keys()
    {
        var values = HelmValues.From(new Sample
        {
            Replicas = 2,
            Placement = HelmPlacement.SystemNodes,
            Extra = new Dictionary<string, object> { ["enabled"] = true, ["list"] = new object[] { "a" } },
        });

        Assert.Equal(["replicaCount", "kube-state-metrics", "extra"], values.Keys);
        Assert.IsType<int>(values["replicaCount"]);
        var placement = Assert.IsType<Dictionary<string, object>>(values["kube-state-metrics"]);
        Assert.Equal("system", Assert.IsType<Dictionary<string, object>>(placement["nodeSelector"])["node.infra/role"]);
        var toleration = Assert.IsType<Dictionary<string, object>>(Assert.Single(Assert.IsType<object[]>(placement["tolerations"])));
        Assert.Equal(["key", "operator", "effect"], toleration.Keys);
        var extra = Assert.IsType<Dictionary<string, object>>(values["extra"]);
        Assert.Equal(true, extra["enabled"]);
        Assert.Equal(["a"], Assert.IsType<object[]>(extra["list"]));
    }

    [Fact]
    public void Tolerates_every_taint_with_only_the_exists_operator()
    {
        var toleration = Assert.Single(HelmPlacement.EveryTaint);
        Assert.Equal((null, "Exists", null, null), (toleration.Key, toleration.Operator, toleration.Effect, toleration.Value));
    }

    [Fact]
    public void Reads_values_back_strictly_refusing_unknown_and_missing_keys()
    {
        var written = HelmValues.From(new Sample { Replicas = 2, Placement = HelmPlacement.SystemNodes, Revision = "1-31-1" });
        var read = TypedJson.Read<Sample>(JsonSerializer.SerializeToNode(written)!);
        Assert.Equal((2, "1-31-1", "system"), (read.Replicas, read.Revision, read.Placement.NodeSelector["node.infra/role"]));

        var unknown = Assert.Throws<JsonException>(() => TypedJson.Read<Sample>(JsonNode.Parse("""{"replicaCount":1,"kube-state-metrics":{"nodeSelector":{},"tolerations":[]},"replicas":2}""")!));
        Assert.Contains("replicas", unknown.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<JsonException>(() => TypedJson.Read<Sample>(JsonNode.Parse("""{"replicaCount":1}""")!));
        Assert.Contains("kube-state-metrics", missing.Message, StringComparison.Ordinal);
    }
}
