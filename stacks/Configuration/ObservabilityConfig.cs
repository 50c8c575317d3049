namespace Infra.Stacks.Configuration;

/// <summary>Prometheus, Alertmanager and Grafana on the environment's cluster (kube-prometheus-stack).</summary>
public sealed record ObservabilityConfig
{
    /// <summary>Prometheus replicas; two or more are spread over nodes.</summary>
    public required int PrometheusReplicas { get; init; }

    /// <summary>How long samples are kept (a Prometheus duration: <c>2d</c>, <c>15d</c>).</summary>
    public required string Retention { get; init; }

    /// <summary>Each Prometheus volume in GiB.</summary>
    public required int StorageGiB { get; init; }

    /// <summary>Prometheus CPU request.</summary>
    public required string Cpu { get; init; }

    /// <summary>Prometheus memory request and limit.</summary>
    public required string Memory { get; init; }

    /// <summary>Alertmanager replicas.</summary>
    public required int AlertmanagerReplicas { get; init; }
}
