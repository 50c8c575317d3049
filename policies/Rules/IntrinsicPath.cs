using System.Text.Json.Nodes;

namespace Infra.Policies.Rules;

/// <summary>Tells whether a value reached by a dotted path is unknown at synth.</summary>
internal static class IntrinsicPath
{
    /// <summary>
    /// Whether the value at <paramref name="path"/> under <paramref name="node"/> is unknown at synth: it, or an
    /// object on the way to it, is an intrinsic function (<see cref="Cfn.At"/> would then report a missing value).
    /// </summary>
    public static bool IsUnknown(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (Cfn.IsIntrinsic(node))
            {
                return true;
            }

            node = node is JsonObject o ? o[part] : null;
        }

        return Cfn.IsIntrinsic(node);
    }
}
