using System.Text.RegularExpressions;

namespace Infra.Components.Observability.Internal;

/// <summary>The value formats kube-prometheus-stack's settings accept, checked before they reach the chart.</summary>
internal static partial class Quantities
{
    /// <summary>A Prometheus retention the chart passes to <c>--storage.tsdb.retention.time</c>: a positive whole number of h, d, w or y (0 would keep data forever).</summary>
    public static bool IsRetention(string value) => Retention().IsMatch(value);

    /// <summary>A Kubernetes CPU quantity: millicores (<c>250m</c>) or cores (<c>1</c>, <c>0.5</c>).</summary>
    public static bool IsCpu(string value) => Cpu().IsMatch(value);

    /// <summary>A Kubernetes memory quantity in Mi or Gi (<c>512Mi</c>, <c>1Gi</c>).</summary>
    public static bool IsMemory(string value) => Memory().IsMatch(value);

    [GeneratedRegex("^[1-9][0-9]*(h|d|w|y)$")]
    private static partial Regex Retention();

    [GeneratedRegex("^([1-9][0-9]*m|[0-9]+(\\.[0-9]+)?)$")]
    private static partial Regex Cpu();

    [GeneratedRegex("^[1-9][0-9]*(Mi|Gi)$")]
    private static partial Regex Memory();
}
