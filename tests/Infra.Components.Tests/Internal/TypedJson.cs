using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Infra.Components.Tests.Internal;

/// <summary>
/// Reads synthesized chart values or manifests back into the components' typed records, strictly: a key the record
/// does not declare, a required key missing or a null where the record allows none fails the read. So a test that reads
/// through the types also proves the template holds exactly what the records describe.
/// </summary>
internal static class TypedJson
{
    private const string CdkPruneLabelPrefix = "aws.cdk.eks/prune-";

    private static readonly JsonSerializerOptions Strict = new()
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    public static T Read<T>(JsonNode node)
        where T : class =>
        node.Deserialize<T>(Strict) ?? throw new InvalidOperationException($"The JSON is null, not a {typeof(T).Name}.");

    /// <summary>
    /// As <see cref="Read{T}"/>, for one document of a synthesized <c>KubernetesManifest</c>: without the
    /// <c>aws.cdk.eks/prune-*</c> label the CDK adds to every object's metadata (it finds the objects to prune by it),
    /// which is the CDK's, not the component's.
    /// </summary>
    public static T ReadManifest<T>(JsonNode document)
        where T : class
    {
        var copy = document.DeepClone();
        if (copy["metadata"]?["labels"] is JsonObject labels)
        {
            foreach (var key in labels.Select(l => l.Key).Where(k => k.StartsWith(CdkPruneLabelPrefix, StringComparison.Ordinal)).ToArray())
            {
                labels.Remove(key);
            }

            if (labels.Count == 0)
            {
                copy["metadata"]!.AsObject().Remove("labels");
            }
        }

        return Read<T>(copy);
    }
}
