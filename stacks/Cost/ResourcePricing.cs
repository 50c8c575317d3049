using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies;

namespace Infra.Stacks.Cost;

/// <summary>What pricing one resource came to: priced (its lines added), or not, with why when it costs nothing idle.</summary>
internal readonly record struct PricingOutcome(bool Priced, string? Why = null)
{
    public static PricingOutcome Done => new(true);

    public static PricingOutcome Free(string why) => new(false, why);

    public static PricingOutcome NotPriced => new(false);
}

/// <summary>
/// The idle monthly cost of each CloudFormation resource type the templates use: quantities from the template
/// (hours, node counts, subnets, classes), volumes from the usage assumptions, prices from the table. One method per
/// type; a type without one is counted as free at idle when the table says so, else listed as unpriced.
/// </summary>
internal static class ResourcePricing
{
    private static readonly Dictionary<string, Func<PricingContext, string, JsonObject, PricingOutcome>> Pricers = new(StringComparer.Ordinal)
    {
        ["Custom::AWSCDK-EKS-Cluster"] = EksControlPlane,
        ["AWS::EKS::Cluster"] = EksControlPlane,
        ["AWS::EKS::Nodegroup"] = NodeGroup,
        ["AWS::EC2::NatGateway"] = NatGateway,
        ["AWS::EC2::EIP"] = ElasticIp,
        ["AWS::EC2::VPCEndpoint"] = VpcEndpoint,
        ["AWS::EC2::FlowLog"] = FlowLog,
        ["AWS::RDS::DBCluster"] = AuroraCluster,
        ["AWS::RDS::DBInstance"] = AuroraInstance,
        ["AWS::KMS::Key"] = KmsKey,
        ["AWS::SecretsManager::Secret"] = Secret,
        ["AWS::CloudWatch::Alarm"] = Alarm,
        ["AWS::Logs::LogGroup"] = LogGroup,
        ["AWS::S3::Bucket"] = Bucket,
        ["AWS::SQS::Queue"] = Queue,
    };

    /// <summary>The types this class prices (a test checks the table has their prices in every region).</summary>
    public static IReadOnlyCollection<string> PricedTypes => Pricers.Keys;

    public static PricingOutcome Price(PricingContext context, string logicalId, string type, JsonObject resource) =>
        Pricers.TryGetValue(type, out var price) ? price(context, logicalId, resource) : PricingOutcome.NotPriced;

    private static JsonNode? Property(JsonObject resource, string path) => Cfn.At(resource["Properties"], path);

    private static decimal Hours(PricingContext c) => c.Prices.HoursPerMonth;

    private static PricingOutcome EksControlPlane(PricingContext c, string id, JsonObject resource)
    {
        // The CDK's provider passes the upgrade policy inside Config; the L1 has it at the top.
        var support = Cfn.AsString(Property(resource, "Config.upgradePolicy.supportType")) ?? Cfn.AsString(Property(resource, "UpgradePolicy.SupportType"));
        var extended = !string.Equals(support, "STANDARD", StringComparison.OrdinalIgnoreCase);
        c.Add(id, extended ? "EKS control plane, extended support (EKS's default when no upgrade policy says STANDARD)" : "EKS control plane, standard support",
            Hours(c), extended ? PriceKeys.EksExtended : PriceKeys.EksStandard, CostBasis.Template);
        return PricingOutcome.Done;
    }

    private static PricingOutcome NodeGroup(PricingContext c, string id, JsonObject resource)
    {
        var count = Cfn.AsLong(Property(resource, "ScalingConfig.DesiredSize")) ?? Cfn.AsLong(Property(resource, "ScalingConfig.MinSize")) ?? 1;
        var types = Cfn.Strings(Property(resource, "InstanceTypes")).ToList();
        var type = types.FirstOrDefault() ?? "t3.medium";
        var spot = Cfn.AsString(Property(resource, "CapacityType")) == "SPOT";
        var spotFactor = 1 - (c.Usage.SpotDiscountPercent / 100);
        var capacity = spot ? $"spot, {UsageAssumptions.Number(c.Usage.SpotDiscountPercent)}% below on-demand" : "on-demand";
        var others = types.Count > 1 ? $"; priced as the first of {string.Join(", ", types)}" : "";
        c.Add(id, $"{count} x {type} node ({capacity}){others}", count * Hours(c), PriceKeys.Ec2(type), CostBasis.Template, spot ? spotFactor : 1);

        // The root volume: the launch template's block device, else the node group's disk size (EKS's default 20 GiB).
        var template = c.Referenced(Property(resource, "LaunchTemplate.Id"));
        var ebs = (Cfn.At(template?["Properties"], "LaunchTemplateData.BlockDeviceMappings") as JsonArray)?.FirstOrDefault()?["Ebs"];
        var size = Cfn.AsLong(ebs?["VolumeSize"]) ?? Cfn.AsLong(Property(resource, "DiskSize")) ?? 20;
        var volumeType = Cfn.AsString(ebs?["VolumeType"]) ?? "gp3";
        c.Add(id, $"{count} x {size} GiB {volumeType} root volume", count * size, $"ebs.{volumeType}", CostBasis.Template);
        return PricingOutcome.Done;
    }

    private static PricingOutcome NatGateway(PricingContext c, string id, JsonObject resource)
    {
        c.Add(id, "NAT gateway", Hours(c), PriceKeys.NatGatewayHour, CostBasis.Template);
        c.Add(id, "NAT gateway data processed", c.Usage.NatGatewayGbPerMonth, PriceKeys.NatGatewayGb, CostBasis.Usage);
        return PricingOutcome.Done;
    }

    private static PricingOutcome ElasticIp(PricingContext c, string id, JsonObject resource)
    {
        var nat = c.Resources.Any(r => Cfn.AsString(r.Value?["Type"]) == "AWS::EC2::NatGateway" && Cfn.RefersTo(r.Value?["Properties"]?["AllocationId"], id));
        c.Add(id, nat ? "public IPv4 address (NAT gateway)" : "public IPv4 address (Elastic IP)", Hours(c), PriceKeys.PublicIpv4Hour, CostBasis.Template);
        return PricingOutcome.Done;
    }

    private static PricingOutcome VpcEndpoint(PricingContext c, string id, JsonObject resource)
    {
        var type = Cfn.AsString(Property(resource, "VpcEndpointType")) ?? "Gateway";
        if (type != "Interface")
        {
            return PricingOutcome.Free($"{type} endpoints (S3, DynamoDB) are free");
        }

        var service = Cfn.AsString(Property(resource, "ServiceName"))?.Split('.').Skip(3) is { } parts ? string.Join('.', parts) : id;
        var zones = Math.Max(1, Cfn.Items(Property(resource, "SubnetIds")).Count());
        c.Add(id, $"interface endpoint {service} in {zones} AZs", zones * Hours(c), PriceKeys.InterfaceEndpointHour, CostBasis.Template);
        c.Add(id, $"interface endpoint {service} data processed", c.Usage.InterfaceEndpointGbPerMonth, PriceKeys.InterfaceEndpointGb, CostBasis.Usage);
        return PricingOutcome.Done;
    }

    private static PricingOutcome FlowLog(PricingContext c, string id, JsonObject resource)
    {
        if (Cfn.AsString(Property(resource, "LogDestinationType")) != "s3")
        {
            return PricingOutcome.Free("delivered to a CloudWatch Logs group, which is priced");
        }

        c.Add(id, "flow logs delivered to S3", c.Usage.FlowLogGbPerMonth, PriceKeys.LogsVendedToS3, CostBasis.Usage);
        return PricingOutcome.Done;
    }

    private static PricingOutcome AuroraCluster(PricingContext c, string id, JsonObject resource)
    {
        var ioOptimized = Cfn.AsString(Property(resource, "StorageType")) == "aurora-iopt1";
        c.Add(id, ioOptimized ? "Aurora I/O-Optimized storage" : "Aurora storage", c.Usage.AuroraStorageGb,
            ioOptimized ? PriceKeys.AuroraStorageIoOptimized : PriceKeys.AuroraStorage, CostBasis.Usage);
        if (!ioOptimized)
        {
            c.Add(id, "Aurora I/O requests", c.Usage.AuroraIoMillionsPerMonth, PriceKeys.AuroraIo, CostBasis.Usage);
        }

        // A secondary member of a global database joins with no credentials of its own and is billed the writes it replicates.
        if (Property(resource, "GlobalClusterIdentifier") is not null && Property(resource, "MasterUsername") is null && Property(resource, "SnapshotIdentifier") is null)
        {
            c.Add(id, "global database replicated writes", c.Usage.AuroraReplicatedWriteMillionsPerMonth, PriceKeys.AuroraReplicatedWrite, CostBasis.Usage);
        }

        return PricingOutcome.Done;
    }

    private static PricingOutcome AuroraInstance(PricingContext c, string id, JsonObject resource)
    {
        var instanceClass = Cfn.AsString(Property(resource, "DBInstanceClass")) ?? "?";
        if (instanceClass != "db.serverless")
        {
            c.Add(id, $"Aurora {instanceClass} instance", Hours(c), PriceKeys.AuroraInstance(instanceClass), CostBasis.Template);
            return PricingOutcome.Done;
        }

        // Each Serverless v2 instance bills its own ACUs: the assumption, else the cluster's minimum (0 pauses).
        var cluster = c.Referenced(Property(resource, "DBClusterIdentifier"));
        var minimum = (decimal?)Cfn.At(cluster?["Properties"], "ServerlessV2ScalingConfiguration.MinCapacity")?.GetValue<double>() ?? 0.5m;
        var acu = c.Usage.AuroraAverageAcu ?? minimum;
        var item = c.Usage.AuroraAverageAcu is null
            ? minimum == 0 ? "Aurora Serverless v2 instance at 0 ACU (paused while idle)" : $"Aurora Serverless v2 instance at its minimum {UsageAssumptions.Number(minimum)} ACU"
            : $"Aurora Serverless v2 instance at {UsageAssumptions.Number(acu)} ACU (assumed)";
        c.Add(id, item, acu * Hours(c), PriceKeys.AuroraAcu, c.Usage.AuroraAverageAcu is null ? CostBasis.Template : CostBasis.Usage);
        return PricingOutcome.Done;
    }

    private static PricingOutcome KmsKey(PricingContext c, string id, JsonObject resource)
    {
        c.Add(id, "KMS key", 1, PriceKeys.KmsKey, CostBasis.Template);
        return PricingOutcome.Done;
    }

    private static PricingOutcome Secret(PricingContext c, string id, JsonObject resource)
    {
        var replicas = Cfn.Items(Property(resource, "ReplicaRegions")).Count();
        c.Add(id, replicas == 0 ? "secret" : $"secret and {replicas} replica{(replicas == 1 ? "" : "s")}", 1 + replicas, PriceKeys.Secret, CostBasis.Template);
        return PricingOutcome.Done;
    }

    private static PricingOutcome Alarm(PricingContext c, string id, JsonObject resource)
    {
        // Metric math alarms pay for each metric they read.
        var metrics = Cfn.Items(Property(resource, "Metrics")).Count(m => m?["MetricStat"] is not null);
        c.Add(id, metrics > 1 ? $"alarm on {metrics} metrics" : "alarm", Math.Max(1, metrics), PriceKeys.Alarm, CostBasis.Template);
        return PricingOutcome.Done;
    }

    private static PricingOutcome LogGroup(PricingContext c, string id, JsonObject resource)
    {
        var name = Cfn.AsString(Property(resource, "LogGroupName")) ?? "";
        var flowLogs = c.Resources.Any(r => Cfn.AsString(r.Value?["Type"]) == "AWS::EC2::FlowLog" && Cfn.RefersTo(r.Value?["Properties"], id));
        var (what, gb) = name switch
        {
            _ when name.StartsWith("/aws/eks/", StringComparison.Ordinal) => ("EKS control-plane logs", c.Usage.ControlPlaneLogGbPerMonth),
            _ when name.StartsWith("/aws/rds/", StringComparison.Ordinal) => ("database logs", c.Usage.DatabaseLogGbPerMonth),
            _ when flowLogs => ("flow logs", c.Usage.FlowLogGbPerMonth),
            _ => ("logs", c.Usage.OtherLogGbPerMonth),
        };
        var infrequent = Cfn.AsString(Property(resource, "LogGroupClass")) == "INFREQUENT_ACCESS";
        c.Add(id, $"{what} ingested{(infrequent ? " (Infrequent Access class)" : "")}", gb,
            infrequent ? PriceKeys.LogsIngestInfrequentAccess : PriceKeys.LogsIngestStandard, CostBasis.Usage);

        // Steady state: a month's volume for each month kept (a log group with no retention is counted as one year).
        var months = (Cfn.AsLong(Property(resource, "RetentionInDays")) ?? 365) / 30m;
        c.Add(id, $"{what} stored ({UsageAssumptions.Number(Math.Round(months, 1))} months kept)", Math.Round(gb * months, 2), PriceKeys.LogsStorage, CostBasis.Usage);
        return PricingOutcome.Done;
    }

    private static PricingOutcome Bucket(PricingContext c, string id, JsonObject resource)
    {
        // The data bucket and its replica are the LifecycleBucket constructs named Data and DataReplica.
        var data = id.StartsWith("Data", StringComparison.Ordinal);
        c.Add(id, data ? "S3 Standard storage (data)" : "S3 Standard storage", data ? c.Usage.DataBucketGb : c.Usage.OtherBucketGb, PriceKeys.S3Standard, CostBasis.Usage);
        if (Property(resource, "ReplicationConfiguration") is not null)
        {
            c.Add(id, "S3 replication to another region", c.Usage.ReplicatedGbPerMonth, PriceKeys.InterRegionTransfer, CostBasis.Usage);
        }

        return PricingOutcome.Done;
    }

    private static PricingOutcome Queue(PricingContext c, string id, JsonObject resource)
    {
        c.Add(id, "SQS requests", c.Usage.SqsMillionRequestsPerMonth, PriceKeys.SqsRequests, CostBasis.Usage);
        return PricingOutcome.Done;
    }
}
