using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Infra.Stacks.Cost;

/// <summary>How far a price was checked: against an AWS document or offer file, a second source, or not at all.</summary>
public enum PriceConfidence
{
    /// <summary>Read from an AWS price list offer, pricing page or AWS-authored code.</summary>
    Verified,

    /// <summary>From a second source that agrees with verified items (regional parity, a family's size scaling).</summary>
    Secondary,

    /// <summary>Stated without a source that could be checked; the report marks the lines that use it.</summary>
    Unverified,
}

/// <summary>One list price: US dollars per <see cref="Unit"/>, where it came from and how sure it is.</summary>
public sealed record Price
{
    /// <summary>US dollars per unit.</summary>
    [JsonPropertyName("usd")]
    public required decimal Usd { get; init; }

    /// <summary>What one unit is (<c>instance-hour</c>, <c>GB-month</c>).</summary>
    [JsonPropertyName("unit")]
    public required string Unit { get; init; }

    /// <summary>The key of the source in <see cref="PriceTable.Sources"/>.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    /// <summary>How far the figure was checked.</summary>
    [JsonPropertyName("confidence")]
    [JsonConverter(typeof(JsonStringEnumConverter<PriceConfidence>))]
    public required PriceConfidence Confidence { get; init; }

    /// <summary>How the figure was derived, when it was (<c>m7g.large x 2</c>).</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }
}

/// <summary>The size of an EC2 instance type, for fitting pods onto nodes.</summary>
public sealed record InstanceSpec
{
    /// <summary>Virtual CPUs.</summary>
    [JsonPropertyName("vcpus")]
    public required int VCpus { get; init; }

    /// <summary>Memory in GiB.</summary>
    [JsonPropertyName("memoryGiB")]
    public required double MemoryGiB { get; init; }

    /// <summary><c>arm64</c> or <c>amd64</c>, as Kubernetes labels it.</summary>
    [JsonPropertyName("architecture")]
    public required string Architecture { get; init; }
}

/// <summary>
/// The dated, versioned list prices the estimate uses (<c>stacks/Cost/aws-prices.json</c>, embedded in the app): every
/// region an environment uses, the size of every instance type it prices, and the resource types that cost nothing
/// at idle. Never fetched at run time, so an estimate only changes when the table or the templates do.
/// </summary>
public sealed record PriceTable
{
    /// <summary>The table's version (<c>2026-12-05.1</c>); bump it with every edit.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The day the prices were last checked (ISO 8601); the report prints it.</summary>
    [JsonPropertyName("date")]
    public required string Date { get; init; }

    /// <summary>The currency of every price.</summary>
    [JsonPropertyName("currency")]
    public required string Currency { get; init; }

    /// <summary>Hours in the month the estimate bills (730, AWS's own convention).</summary>
    [JsonPropertyName("hoursPerMonth")]
    public required decimal HoursPerMonth { get; init; }

    /// <summary>Where the figures come from, by key.</summary>
    [JsonPropertyName("sources")]
    public required IReadOnlyDictionary<string, string> Sources { get; init; }

    /// <summary>Instance sizes, by type.</summary>
    [JsonPropertyName("instanceTypes")]
    public required IReadOnlyDictionary<string, InstanceSpec> InstanceTypes { get; init; }

    /// <summary>Prices by region, then by price key (<see cref="PriceKeys"/>).</summary>
    [JsonPropertyName("regions")]
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, Price>> Regions { get; init; }

    /// <summary>Resource types that cost nothing while idle, with why; the report counts them, never drops them silently.</summary>
    [JsonPropertyName("noIdleCharge")]
    public required IReadOnlyDictionary<string, string> NoIdleCharge { get; init; }

    /// <summary>The file the app embeds, relative to the repository root.</summary>
    public const string RepositoryPath = "stacks/Cost/aws-prices.json";

    private static readonly JsonSerializerOptions ReadOptions = new() { ReadCommentHandling = JsonCommentHandling.Skip };

    private const string ResourceName = "Infra.Stacks.Cost.aws-prices.json";

    private static readonly Lazy<PriceTable> Embedded = new(() =>
    {
        using var stream = typeof(PriceTable).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The price table {ResourceName} is not embedded in {typeof(PriceTable).Assembly.GetName().Name}.");
        return Parse(stream);
    });

    /// <summary>The table built into the app.</summary>
    public static PriceTable Default => Embedded.Value;

    /// <summary>Reads a table from JSON; throws with what is wrong when it is not one.</summary>
    public static PriceTable Parse(Stream json)
    {
        var table = JsonSerializer.Deserialize<PriceTable>(json, ReadOptions)
            ?? throw new InvalidDataException("The price table is empty.");
        var missingSources = table.Regions.SelectMany(r => r.Value.Where(p => !table.Sources.ContainsKey(p.Value.Source)).Select(p => $"{r.Key} {p.Key}: source '{p.Value.Source}'"))
            .ToList();
        if (missingSources.Count > 0)
        {
            throw new InvalidDataException($"The price table names sources it does not list: {string.Join("; ", missingSources)}.");
        }

        return table;
    }

    /// <summary>The price of <paramref name="key"/> in <paramref name="region"/>, or <c>null</c> when the table has none.</summary>
    public Price? Find(string region, string key) =>
        Regions.TryGetValue(region, out var prices) && prices.TryGetValue(key, out var price) ? price : null;
}

/// <summary>The keys of <see cref="PriceTable.Regions"/>, in one place.</summary>
public static class PriceKeys
{
    /// <summary>EKS control plane, standard support, per cluster-hour.</summary>
    public const string EksStandard = "eks.cluster.standard";

    /// <summary>EKS control plane, extended support, per cluster-hour.</summary>
    public const string EksExtended = "eks.cluster.extended";

    /// <summary>An EBS gp3 volume per GB-month.</summary>
    public const string EbsGp3 = "ebs.gp3";

    /// <summary>A NAT gateway per hour.</summary>
    public const string NatGatewayHour = "vpc.natGateway.hour";

    /// <summary>Data a NAT gateway processes, per GB.</summary>
    public const string NatGatewayGb = "vpc.natGateway.gb";

    /// <summary>A public IPv4 address per hour (in use or idle).</summary>
    public const string PublicIpv4Hour = "vpc.publicIpv4.hour";

    /// <summary>An interface VPC endpoint per AZ-hour.</summary>
    public const string InterfaceEndpointHour = "vpc.interfaceEndpoint.hour";

    /// <summary>Data an interface endpoint processes, per GB.</summary>
    public const string InterfaceEndpointGb = "vpc.interfaceEndpoint.gb";

    /// <summary>A network load balancer per hour.</summary>
    public const string NlbHour = "elb.nlb.hour";

    /// <summary>A network load balancer capacity unit per hour.</summary>
    public const string NlbLcu = "elb.nlb.lcu";

    /// <summary>Aurora Serverless v2 per ACU-hour (Aurora Standard).</summary>
    public const string AuroraAcu = "rds.serverlessV2.acu";

    /// <summary>Aurora Standard storage per GB-month.</summary>
    public const string AuroraStorage = "rds.storage.standard";

    /// <summary>Aurora I/O-Optimized storage per GB-month.</summary>
    public const string AuroraStorageIoOptimized = "rds.storage.ioOptimized";

    /// <summary>Aurora Standard I/O per million requests.</summary>
    public const string AuroraIo = "rds.io.standard";

    /// <summary>A global database's replicated write I/O per million, billed in each secondary region.</summary>
    public const string AuroraReplicatedWrite = "rds.globalReplicatedWrite";

    /// <summary>A KMS key per month.</summary>
    public const string KmsKey = "kms.key";

    /// <summary>A Secrets Manager secret (or replica) per month.</summary>
    public const string Secret = "secretsmanager.secret";

    /// <summary>A standard-resolution CloudWatch alarm per metric-month.</summary>
    public const string Alarm = "cloudwatch.alarm";

    /// <summary>CloudWatch Logs ingestion per GB, Standard class.</summary>
    public const string LogsIngestStandard = "logs.ingest.standard";

    /// <summary>CloudWatch Logs ingestion per GB, Infrequent Access class.</summary>
    public const string LogsIngestInfrequentAccess = "logs.ingest.infrequentAccess";

    /// <summary>CloudWatch Logs storage per GB-month.</summary>
    public const string LogsStorage = "logs.storage";

    /// <summary>Vended logs (VPC flow logs) delivered to S3, per GB.</summary>
    public const string LogsVendedToS3 = "logs.vendedToS3";

    /// <summary>S3 Standard storage per GB-month.</summary>
    public const string S3Standard = "s3.standard";

    /// <summary>Data transfer between two US regions, per GB (S3 replication, global database replication).</summary>
    public const string InterRegionTransfer = "dataTransfer.interRegion";

    /// <summary>SQS requests per million.</summary>
    public const string SqsRequests = "sqs.requests";

    /// <summary>An EC2 instance of <paramref name="instanceType"/> per hour (Linux, on-demand).</summary>
    public static string Ec2(string instanceType) => $"ec2.{instanceType}";

    /// <summary>An Aurora provisioned instance of <paramref name="instanceClass"/> per hour (Aurora Standard).</summary>
    public static string AuroraInstance(string instanceClass) => $"rds.{instanceClass}";
}
