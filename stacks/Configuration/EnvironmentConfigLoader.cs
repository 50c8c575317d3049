using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.CDK.AWS.EC2;
using Infra.Components.Network;
using Infra.Components.Storage;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Infra.Stacks.Configuration;

/// <summary>
/// Loads environment files into <see cref="EnvironmentConfig"/> records. Parsing and validation collect every problem
/// across every file and throw one <see cref="ConfigurationException"/>, so a bad file synthesizes nothing.
/// </summary>
public static class EnvironmentConfigLoader
{
    /// <summary>The environments the app deploys, in order; each has <c>&lt;name&gt;.yaml</c> in the config folder.</summary>
    public static IReadOnlyList<string> EnvironmentNames { get; } = ["dev", "staging", "prod"];

    internal static readonly IReadOnlyDictionary<string, EnvironmentTier> Tiers = new Dictionary<string, EnvironmentTier>
    {
        ["dev"] = EnvironmentTier.Dev, ["staging"] = EnvironmentTier.Staging, ["prod"] = EnvironmentTier.Prod,
    };

    internal static readonly IReadOnlyDictionary<string, NatGatewayStrategy> NatStrategies = new Dictionary<string, NatGatewayStrategy>
    {
        ["none"] = NatGatewayStrategy.None, ["single"] = NatGatewayStrategy.Single, ["perAz"] = NatGatewayStrategy.PerAvailabilityZone,
    };

    internal static readonly IReadOnlyDictionary<string, FlowLogTarget> FlowLogDestinations = new Dictionary<string, FlowLogTarget>
    {
        ["cloudWatchLogs"] = FlowLogTarget.CloudWatchLogs, ["s3"] = FlowLogTarget.S3,
    };

    internal static readonly IReadOnlyDictionary<string, FlowLogTrafficType> TrafficTypes = new Dictionary<string, FlowLogTrafficType>
    {
        ["all"] = FlowLogTrafficType.ALL, ["accept"] = FlowLogTrafficType.ACCEPT, ["reject"] = FlowLogTrafficType.REJECT,
    };

    internal static readonly IReadOnlyDictionary<string, int> AggregationIntervals = new Dictionary<string, int>
    {
        ["60"] = 60, ["600"] = 600,
    };

    internal static readonly IReadOnlyDictionary<string, TransitionStorageClass> StorageClasses = new Dictionary<string, TransitionStorageClass>
    {
        ["standardIa"] = TransitionStorageClass.StandardInfrequentAccess,
        ["intelligentTiering"] = TransitionStorageClass.IntelligentTiering,
        ["oneZoneIa"] = TransitionStorageClass.OneZoneInfrequentAccess,
        ["glacierInstantRetrieval"] = TransitionStorageClass.GlacierInstantRetrieval,
        ["glacierFlexibleRetrieval"] = TransitionStorageClass.GlacierFlexibleRetrieval,
        ["deepArchive"] = TransitionStorageClass.DeepArchive,
    };

    /// <summary>Loads <c>&lt;directory&gt;/&lt;name&gt;.yaml</c> for every environment, throwing once for all files' problems.</summary>
    public static IReadOnlyList<EnvironmentConfig> LoadAll(string directory, IEnumerable<string>? names = null)
    {
        var configs = new List<EnvironmentConfig>();
        var problems = new List<ConfigProblem>();
        foreach (var name in names ?? EnvironmentNames)
        {
            var file = Path.Combine(directory, $"{name}.yaml");
            if (!File.Exists(file))
            {
                problems.Add(new ConfigProblem(file, 0, "(file)", $"does not exist; every environment ({string.Join(", ", EnvironmentNames)}) needs its file in {directory}."));
                continue;
            }

            var (config, fileProblems) = Parse(File.ReadAllText(file), file, expectedName: name);
            problems.AddRange(fileProblems);
            if (config is not null)
            {
                configs.Add(config);
            }
        }

        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return configs;
    }

    /// <summary>Parses and validates one file's text; throws with every problem found.</summary>
    public static EnvironmentConfig Load(string yaml, string file)
    {
        var (config, problems) = Parse(yaml, file, expectedName: null);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : config!;
    }

    private static (EnvironmentConfig? Config, IReadOnlyList<ConfigProblem> Problems) Parse(string yaml, string file, string? expectedName)
    {
        var context = new ConfigContext(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            context.Problems.Add(new ConfigProblem(file, (int)e.Start.Line, "(syntax)", $"is not valid YAML: {e.Message}"));
            return (null, context.Problems);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            context.Problems.Add(new ConfigProblem(file, 0, "(document)", "must be exactly one YAML document holding a mapping of keys."));
            return (null, context.Problems);
        }

        var config = Read(new YamlMapReader(root, "", context));
        if (config is not null)
        {
            EnvironmentConfigValidator.Validate(config, context, expectedName);
        }

        var ordered = context.Problems.OrderBy(p => p.Line).ToList();
        return (ordered.Count == 0 ? config : null, ordered);
    }

    private static EnvironmentConfig? Read(YamlMapReader r)
    {
        var tier = r.Enum("environment", Tiers);
        var account = r.String("account");
        var primary = ReadRegion(r.Map("primaryRegion"));
        var secondaryMap = r.Map("secondaryRegion", required: false);
        var secondary = secondaryMap is null ? null : ReadRegion(secondaryMap);
        var tags = ReadTags(r.Map("tags"));
        var network = ReadNetwork(r.Map("network"));
        var storage = ReadStorage(r.Map("storage"));
        var protection = ReadProtection(r.Map("protection"));
        r.Done();

        if (tier is null || account is null || primary is null || tags is null || network is null || storage is null || protection is null
            || (secondaryMap is not null && secondary is null))
        {
            return null;
        }

        return new EnvironmentConfig
        {
            SourceFile = r.Context.File,
            Environment = tier.Value,
            Account = account,
            PrimaryRegion = primary,
            SecondaryRegion = secondary,
            Tags = tags,
            Network = network,
            Storage = storage,
            Protection = protection,
        };
    }

    private static RegionConfig? ReadRegion(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var name = r.String("name");
        var azs = r.StringList("availabilityZones");
        var cidr = r.String("vpcCidr");
        r.Done();
        return name is null || azs is null || cidr is null ? null : new RegionConfig { Name = name, AvailabilityZones = azs, VpcCidr = cidr };
    }

    private static TagsConfig? ReadTags(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var owner = r.String("owner");
        var costCenter = r.String("costCenter");
        var additional = r.StringMap("additional", required: false) ?? new Dictionary<string, string>();
        r.Done();
        return owner is null || costCenter is null ? null : new TagsConfig { Owner = owner, CostCenter = costCenter, Additional = additional };
    }

    private static NetworkConfig? ReadNetwork(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var nat = r.Enum("natGateways", NatStrategies);
        var masks = ReadMasks(r.Map("subnetMasks", required: false));
        var flowLogs = ReadFlowLogs(r.Map("flowLogs"));
        var endpoints = r.StringList("interfaceEndpoints", required: false) ?? [];
        r.Done();
        return nat is null || masks is null || flowLogs is null ? null : new NetworkConfig
        {
            NatGateways = nat.Value,
            SubnetMasks = masks,
            FlowLogs = flowLogs,
            InterfaceEndpoints = endpoints.Select(InterfaceEndpointService.Of).ToArray(),
        };
    }

    private static IReadOnlyDictionary<SubnetTier, int>? ReadMasks(YamlMapReader? r)
    {
        var defaults = new VpcNetworkProps { Cidr = "", AvailabilityZones = [] }.SubnetMasks;
        if (r is null)
        {
            return defaults;
        }

        var masks = new Dictionary<SubnetTier, int>();
        foreach (var tier in Enum.GetValues<SubnetTier>())
        {
            masks[tier] = r.Int(char.ToLowerInvariant(tier.ToString()[0]) + tier.ToString()[1..], required: false) ?? defaults[tier];
        }

        r.Done();
        return masks;
    }

    private static FlowLogConfig? ReadFlowLogs(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var destination = r.Enum("destination", FlowLogDestinations);
        var traffic = r.Enum("trafficType", TrafficTypes);
        var retention = r.Int("retentionDays");
        var interval = r.Enum("maxAggregationIntervalSeconds", AggregationIntervals, required: false) ?? 600;
        r.Done();
        return destination is null || traffic is null || retention is null ? null : new FlowLogConfig
        {
            Destination = destination.Value,
            TrafficType = traffic.Value,
            RetentionDays = retention.Value,
            MaxAggregationInterval = interval == 60 ? FlowLogMaxAggregationInterval.ONE_MINUTE : FlowLogMaxAggregationInterval.TEN_MINUTES,
        };
    }

    private static StorageConfig? ReadStorage(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var data = r.Map("dataBucket");
        var rules = data?.MapList("lifecycleRules", required: false)?.Select(ReadRule).ToList() ?? [];
        var abort = data?.Int("abortIncompleteMultipartUploadDays", required: false) ?? 7;
        data?.Done();
        var logs = r.Map("accessLogs");
        var logRetention = logs?.Int("retentionDays");
        logs?.Done();
        var replicate = r.Bool("replicateToSecondaryRegion", required: false) ?? false;
        r.Done();
        return data is null || logRetention is null || rules.Any(x => x is null) ? null : new StorageConfig
        {
            DataLifecycleRules = rules!,
            AbortIncompleteMultipartUploadDays = abort,
            AccessLogRetentionDays = logRetention.Value,
            ReplicateToSecondaryRegion = replicate,
        };
    }

    private static BucketLifecycleRule? ReadRule(YamlMapReader r)
    {
        var id = r.String("id");
        var rule = new BucketLifecycleRule
        {
            Id = id ?? "",
            Prefix = r.String("prefix", required: false),
            TagFilters = r.StringMap("tagFilters", required: false),
            ObjectSizeGreaterThanBytes = r.Long("objectSizeGreaterThanBytes", required: false),
            ObjectSizeLessThanBytes = r.Long("objectSizeLessThanBytes", required: false),
            Transitions = ReadTransitions(r.MapList("transitions", required: false)),
            ExpireAfterDays = r.Int("expireAfterDays", required: false),
            NoncurrentVersionTransitions = ReadTransitions(r.MapList("noncurrentVersionTransitions", required: false)),
            NoncurrentVersionExpireAfterDays = r.Int("noncurrentVersionExpireAfterDays", required: false),
            NoncurrentVersionsToRetain = r.Int("noncurrentVersionsToRetain", required: false),
            AbortIncompleteMultipartUploadAfterDays = r.Int("abortIncompleteMultipartUploadDays", required: false),
            ExpiredObjectDeleteMarker = r.Bool("expiredObjectDeleteMarker", required: false) ?? false,
        };
        r.Done();
        return id is null ? null : rule;
    }

    private static LifecycleTransition[] ReadTransitions(IReadOnlyList<YamlMapReader>? items)
    {
        var transitions = new List<LifecycleTransition>();
        foreach (var t in items ?? [])
        {
            var storageClass = t.Enum("storageClass", StorageClasses);
            var days = t.Int("afterDays");
            t.Done();
            if (storageClass is not null && days is not null)
            {
                transitions.Add(new LifecycleTransition(storageClass.Value, days.Value));
            }
        }

        return transitions.ToArray();
    }

    private static ProtectionConfig? ReadProtection(YamlMapReader? r)
    {
        if (r is null)
        {
            return null;
        }

        var retain = r.Bool("retainStatefulResources");
        var termination = r.Bool("terminationProtection");
        r.Done();
        return retain is null || termination is null ? null : new ProtectionConfig { RetainStatefulResources = retain.Value, TerminationProtection = termination.Value };
    }
}
