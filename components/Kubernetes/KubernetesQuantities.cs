using System.Text.RegularExpressions;

namespace Infra.Components.Kubernetes;

/// <summary>What a container's CPU and memory requests may be: Kubernetes quantities as charts take them.</summary>
public static partial class KubernetesQuantities
{
    /// <summary>A CPU quantity: millicores (<c>250m</c>) or cores (<c>1</c>, <c>1.5</c>).</summary>
    public static bool IsCpu(string? value) => value is not null && Cpu().IsMatch(value);

    /// <summary>A memory quantity: a whole number with a binary or decimal unit (<c>512Mi</c>, <c>2Gi</c>, <c>1G</c>).</summary>
    public static bool IsMemory(string? value) => value is not null && Memory().IsMatch(value);

    [GeneratedRegex(@"^([0-9]+m|[0-9]+(\.[0-9]+)?)$")]
    private static partial Regex Cpu();

    [GeneratedRegex("^[0-9]+(Ki|Mi|Gi|Ti|k|M|G|T)?$")]
    private static partial Regex Memory();
}
