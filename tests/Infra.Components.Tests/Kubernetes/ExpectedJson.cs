using System.Text.Json.Nodes;

namespace Infra.Components.Tests.Kubernetes;

/// <summary>Expected manifests are written indented for reading; this compacts them, keeping property order.</summary>
internal static class ExpectedJson
{
    public static string Compact(string json) => JsonNode.Parse(json)!.ToJsonString();
}
