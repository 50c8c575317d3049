using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Infra.Components.Observability.Internal;

/// <summary>
/// Alertmanager's configuration file (the chart's <c>alertmanager.config</c>, rendered into alertmanager.yaml), with
/// Alertmanager's own snake_case key names (docs/configuration.md of prometheus/alertmanager): the routing tree and
/// the receivers.
/// </summary>
internal sealed record AlertmanagerConfig
{
    /// <summary><c>route</c>: the root of the routing tree.</summary>
    [JsonPropertyName("route")]
    public required AlertmanagerRoute Route { get; init; }

    /// <summary><c>receivers</c>: every receiver a route names.</summary>
    [JsonPropertyName("receivers")]
    public required IReadOnlyList<AlertmanagerReceiver> Receivers { get; init; }
}

/// <summary>A <c>route</c>: where matching alerts go, grouped how, and its child routes.</summary>
internal sealed record AlertmanagerRoute
{
    /// <summary><c>receiver</c>: a receiver's name.</summary>
    [JsonPropertyName("receiver")]
    public required string Receiver { get; init; }

    /// <summary><c>group_by</c>: the labels alerts are grouped by; <c>null</c> inherits the parent's.</summary>
    [JsonPropertyName("group_by")]
    public IReadOnlyList<string>? GroupBy { get; init; }

    /// <summary><c>matchers</c>: label matchers (<c>alertname = "Watchdog"</c>) an alert must satisfy; <c>null</c> on the root, which takes every alert.</summary>
    [JsonPropertyName("matchers")]
    public IReadOnlyList<string>? Matchers { get; init; }

    /// <summary><c>routes</c>: child routes, tried in order; an alert no child matches stays with this route.</summary>
    [JsonPropertyName("routes")]
    public IReadOnlyList<AlertmanagerRoute>? Routes { get; init; }
}

/// <summary>A <c>receivers</c> entry: a name, and the integrations notified; none is a null receiver that drops the alert.</summary>
internal sealed record AlertmanagerReceiver
{
    /// <summary><c>name</c>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary><c>sns_configs</c>: Amazon SNS topics to publish to.</summary>
    [JsonPropertyName("sns_configs")]
    public IReadOnlyList<SnsConfig>? SnsConfigs { get; init; }
}

/// <summary>An <c>sns_configs</c> entry.</summary>
internal sealed record SnsConfig
{
    /// <summary><c>topic_arn</c>.</summary>
    [JsonPropertyName("topic_arn")]
    public required string TopicArn { get; init; }

    /// <summary><c>sigv4</c>: how requests are signed; without keys, the pod's AWS credentials (its Pod Identity role).</summary>
    [JsonPropertyName("sigv4")]
    public required SigV4Config SigV4 { get; init; }

    /// <summary><c>subject</c>: the message subject (a Go template over the alert group).</summary>
    [JsonPropertyName("subject")]
    public required string Subject { get; init; }
}

/// <summary><c>sigv4</c>.</summary>
internal sealed record SigV4Config
{
    /// <summary><c>region</c>: the topic's region.</summary>
    [JsonPropertyName("region")]
    public required string Region { get; init; }
}
