using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.CDK.AWS.EC2;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Network;
using Infra.Components.Storage;

namespace Infra.Stacks.Configuration;

/// <summary>
/// Loads environment files into <see cref="EnvironmentConfig"/> records. Parsing and validation collect every problem
/// across every file and throw one <see cref="ConfigurationException"/>, so a bad file synthesizes nothing.
/// </summary>
public static class EnvironmentConfigLoader
{
    /// <summary>
    /// What an environment's name (its file's name) may be: 2 to 16 lower-case letters and digits, starting with a letter,
    /// with single hyphens between parts. It names the stage, every stack (<c>infra-&lt;name&gt;-network-us-east-1</c>),
    /// the cluster and the replica bucket (<c>infra-&lt;name&gt;-data-replica-&lt;account&gt;-&lt;region&gt;</c>, which
    /// must fit S3's 63 characters).
    /// </summary>
    public const string NamePattern = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";

    /// <summary>The longest environment name.</summary>
    public const int MaxNameLength = 16;

    internal static readonly IReadOnlyDictionary<string, EnvironmentProfile> Profiles = new Dictionary<string, EnvironmentProfile>
    {
        ["development"] = EnvironmentProfile.Development, ["preproduction"] = EnvironmentProfile.Preproduction, ["production"] = EnvironmentProfile.Production,
    };

    /// <summary>
    /// Where an environment of <paramref name="profile"/> sorts in plans, previews and pictures: development, then
    /// preproduction, then production, then environments that declare none.
    /// </summary>
    public static int ProfileRank(string? profile) => profile is not null && Profiles.TryGetValue(profile, out var p) ? (int)p : Profiles.Count;

    /// <summary>The environments of <paramref name="stacks"/> in plan order: by <see cref="ProfileRank"/>, then by name.</summary>
    public static IReadOnlyList<string> OrderEnvironments(IEnumerable<Infra.Policies.AssemblyStack> stacks) =>
        stacks.GroupBy(s => s.Environment)
            .OrderBy(g => ProfileRank(g.First().Profile)).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();

    /// <summary>The file's word for <paramref name="profile"/> (<c>production</c>).</summary>
    public static string ProfileName(EnvironmentProfile profile) => Profiles.Single(p => p.Value == profile).Key;

    /// <summary>The environment files of <paramref name="directory"/>: every <c>*.yaml</c> directly in it, by name.</summary>
    public static IReadOnlyList<string> EnvironmentFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.yaml", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The environment names of <paramref name="directory"/> (its files' names), by name.</summary>
    public static IReadOnlyList<string> EnvironmentNames(string directory) =>
        EnvironmentFiles(directory).Select(f => Path.GetFileNameWithoutExtension(f)).ToList();

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

    internal static readonly IReadOnlyDictionary<string, EndpointExposure> Endpoints = new Dictionary<string, EndpointExposure>
    {
        ["private"] = EndpointExposure.Private, ["publicAndPrivate"] = EndpointExposure.PublicAndPrivate,
    };

    internal static readonly IReadOnlyDictionary<string, EksSupportType> SupportTypes = new Dictionary<string, EksSupportType>
    {
        ["standard"] = EksSupportType.Standard, ["extended"] = EksSupportType.Extended,
    };

    internal static readonly IReadOnlyDictionary<string, SystemNodeAmi> SystemAmis = new Dictionary<string, SystemNodeAmi>
    {
        ["al2023Arm64"] = SystemNodeAmi.AmazonLinux2023Arm64, ["al2023X86"] = SystemNodeAmi.AmazonLinux2023X86,
        ["bottlerocketArm64"] = SystemNodeAmi.BottlerocketArm64, ["bottlerocketX86"] = SystemNodeAmi.BottlerocketX86,
    };

    /// <summary>The database capacity types, as the YAML spells them.</summary>
    internal static readonly IReadOnlyDictionary<string, DatabaseCapacityType> DatabaseCapacityTypes = new Dictionary<string, DatabaseCapacityType>
    {
        ["serverlessV2"] = DatabaseCapacityType.ServerlessV2,
        ["provisioned"] = DatabaseCapacityType.Provisioned,
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

    /// <summary>
    /// Loads every environment file of <paramref name="directory"/> (or only <paramref name="names"/>), throwing once for
    /// all files' problems. The result is ordered by profile (development, preproduction, production), then by name.
    /// </summary>
    public static IReadOnlyList<EnvironmentConfig> LoadAll(string directory, IEnumerable<string>? names = null)
    {
        var configs = new List<EnvironmentConfig>();
        var problems = new List<ConfigProblem>();
        var available = EnvironmentNames(directory);
        var wanted = names?.ToList() ?? available.ToList();
        if (available.Count == 0)
        {
            problems.Add(new ConfigProblem(directory, 0, "(folder)", "holds no environment file; add <name>.yaml (see README, Add an environment)."));
        }

        foreach (var name in wanted)
        {
            var file = Path.Combine(directory, $"{name}.yaml");
            if (!File.Exists(file))
            {
                problems.Add(new ConfigProblem(file, 0, "(file)", $"does not exist; the environments are {string.Join(", ", available)} (one file each in {directory})."));
                continue;
            }

            var (config, fileProblems) = Parse(File.ReadAllText(file), file, name, directory);
            problems.AddRange(fileProblems);
            if (config is not null)
            {
                configs.Add(config);
            }
        }

        if (problems.Count > 0)
        {
            // A problem in a file several environments build on is reported once.
            throw new ConfigurationException(problems.Distinct().ToList());
        }

        return configs.OrderBy(c => c.Profile).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Parses and validates one environment file's text (<paramref name="file"/> names it, and its folder is where an <c>extends</c> is looked up); throws with every problem found.</summary>
    public static EnvironmentConfig Load(string yaml, string file)
    {
        // The file's folder is its config folder: what an extends names is looked up there.
        var folder = Path.GetDirectoryName(file);
        var (config, problems) = Parse(yaml, file, Path.GetFileNameWithoutExtension(file), string.IsNullOrEmpty(folder) ? null : folder);
        return problems.Count > 0 ? throw new ConfigurationException(problems) : config!;
    }

    /// <summary>
    /// The effective configuration of <paramref name="name"/> (its file merged over every file it builds on) as YAML,
    /// each value followed by the file and line that set it (<c>make config ENV=&lt;name&gt;</c>). Validates the file
    /// first, throwing with every problem.
    /// </summary>
    public static string Effective(string directory, string name, string relativeTo)
    {
        LoadAll(directory, [name]);
        var file = Path.Combine(directory, $"{name}.yaml");
        var sources = new ConfigSources();
        var root = ConfigDocument.Load(File.ReadAllText(file), file, directory, sources, [])!;
        return ConfigDocument.Render(root, sources, relativeTo);
    }

    private static (EnvironmentConfig? Config, IReadOnlyList<ConfigProblem> Problems) Parse(string yaml, string file, string name, string? configDirectory = null)
    {
        var sources = new ConfigSources();
        var context = new ConfigContext(file, sources);
        var root = ConfigDocument.Load(yaml, file, configDirectory, sources, context.Problems);
        if (root is null)
        {
            return (null, context.Problems);
        }

        if (name.Length is < 2 or > MaxNameLength || !System.Text.RegularExpressions.Regex.IsMatch(name, NamePattern))
        {
            context.Add("(file name)", $"'{name}' is not an environment name: use 2 to {MaxNameLength} lower-case letters and digits, starting with a letter, with single hyphens between parts (it names the stage, the stacks, the cluster and the replica bucket).");
        }

        var config = Read(new YamlMapReader(root, "", context), name);

        // The rules run even when some values could not be read, so one run lists every problem; the context drops
        // what they would say about a key (or list item) that already has a reading problem, since it holds a stand-in.
        context.BeginRules();
        EnvironmentConfigValidator.Validate(config, context);
        PlatformSizing.Check(config, context);
        RecoveryRules.Validate(config, context);

        var ordered = context.Problems.OrderBy(p => p.File == file ? 1 : 0).ThenBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        return (ordered.Count == 0 ? config : null, ordered);
    }

    // Every reader returns a complete record: a missing or invalid value is reported where it is read and replaced by
    // its type's default (0, empty, the enum's first member), so the rules still run over everything else. A default
    // never reaches a template (the file has a problem, so nothing is synthesized), and the context keeps the rules
    // quiet about it. Optional keys have documented defaults; required keys have none.
    private static EnvironmentConfig Read(YamlMapReader r, string name)
    {
        var profile = r.Enum("profile", Profiles) ?? default;
        var account = r.String("account") ?? "";
        var primary = ReadRegion(r.Map("primaryRegion"));
        var secondaryMap = r.Map("secondaryRegion", required: false);
        var secondary = secondaryMap is null ? null : ReadRegion(secondaryMap);
        var tags = ReadTags(r.Map("tags"));
        var network = ReadNetwork(r.Map("network"));
        var storage = ReadStorage(r.Map("storage"));
        var protection = ReadProtection(r.Map("protection"));
        var kubernetes = ReadKubernetes(r.Map("kubernetes"));
        var database = ReadDatabase(r.Map("database"));
        var observability = ReadObservability(r.Map("observability"));
        var mesh = ReadMesh(r.Map("mesh"));
        var deployment = ReadDeployment(r.Map("deployment"));
        var cost = CostConfigReader.Read(r.Map("cost"));
        var recovery = RecoveryConfigReader.ReadRecovery(r.Map("recovery", required: false));
        var chaos = RecoveryConfigReader.ReadChaos(r.Map("chaos", required: false));
        r.Done();

        return new EnvironmentConfig
        {
            SourceFile = r.Context.File,
            Name = name,
            Profile = profile,
            Account = account,
            PrimaryRegion = primary,
            SecondaryRegion = secondary,
            Tags = tags,
            Network = network,
            Storage = storage,
            Protection = protection,
            Kubernetes = kubernetes,
            Database = database,
            Observability = observability,
            Mesh = mesh,
            Deployment = deployment,
            Cost = cost,
            Recovery = recovery,
            Chaos = chaos,
        };
    }

    private static RegionConfig ReadRegion(YamlMapReader? r)
    {
        var region = new RegionConfig
        {
            Name = r?.String("name") ?? "",
            AvailabilityZones = r?.StringList("availabilityZones") ?? [],
            VpcCidr = r?.String("vpcCidr") ?? "",
        };
        r?.Done();
        return region;
    }

    private static TagsConfig ReadTags(YamlMapReader? r)
    {
        var tags = new TagsConfig
        {
            Owner = r?.String("owner") ?? "",
            CostCenter = r?.String("costCenter") ?? "",
            Additional = r?.StringMap("additional", required: false) ?? new Dictionary<string, string>(),
        };
        r?.Done();
        return tags;
    }

    private static NetworkConfig ReadNetwork(YamlMapReader? r)
    {
        var nat = r?.Enum("natGateways", NatStrategies) ?? default;
        var masks = ReadMasks(r?.Map("subnetMasks", required: false));
        var flowLogs = ReadFlowLogs(r?.Map("flowLogs"));
        var endpoints = r?.StringList("interfaceEndpoints", required: false) ?? [];
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(endpoints[i]))
            {
                r!.Context.Add($"{r.At("interfaceEndpoints")}[{i}]", "is empty; give the endpoint's short name, for example sts.");
            }
        }

        r?.Done();
        return new NetworkConfig
        {
            NatGateways = nat,
            SubnetMasks = masks,
            FlowLogs = flowLogs,
            InterfaceEndpoints = endpoints.Where(e => !string.IsNullOrWhiteSpace(e)).Select(InterfaceEndpointService.Of).ToArray(),
        };
    }

    private static IReadOnlyDictionary<SubnetTier, int> ReadMasks(YamlMapReader? r)
    {
        var defaults = new VpcNetworkProps { Cidr = "", AvailabilityZones = [] }.SubnetMasks;
        if (r is null)
        {
            return defaults;
        }

        var masks = new Dictionary<SubnetTier, int>();
        foreach (var tier in Enum.GetValues<SubnetTier>())
        {
            // Checked here, once, rather than by the subnet plan, which would report it against every region's vpcCidr.
            var key = char.ToLowerInvariant(tier.ToString()[0]) + tier.ToString()[1..];
            var mask = r.Int(key, required: false);
            if (mask is < 16 or > 28)
            {
                r.Context.Add(r.At(key), $"{mask} must be between 16 and 28 (AWS's subnet limits).");
            }

            masks[tier] = mask is >= 16 and <= 28 ? mask.Value : defaults[tier];
        }

        r.Done();
        return masks;
    }

    private static FlowLogConfig ReadFlowLogs(YamlMapReader? r)
    {
        var config = new FlowLogConfig
        {
            Destination = r?.Enum("destination", FlowLogDestinations) ?? FlowLogTarget.CloudWatchLogs,
            TrafficType = r?.Enum("trafficType", TrafficTypes) ?? FlowLogTrafficType.ALL,
            RetentionDays = r?.Int("retentionDays") ?? 0,
            MaxAggregationInterval = r?.Enum("maxAggregationIntervalSeconds", AggregationIntervals, required: false) == 60
                ? FlowLogMaxAggregationInterval.ONE_MINUTE
                : FlowLogMaxAggregationInterval.TEN_MINUTES,
        };
        r?.Done();
        return config;
    }

    private static StorageConfig ReadStorage(YamlMapReader? r)
    {
        var data = r?.Map("dataBucket");
        var rules = data?.MapList("lifecycleRules", required: false)?.Select(ReadRule).ToArray() ?? [];
        var abort = data?.Int("abortIncompleteMultipartUploadDays", required: false) ?? 7;
        data?.Done();
        var logs = r?.Map("accessLogs");
        var logRetention = logs?.Int("retentionDays") ?? 0;
        logs?.Done();
        var replicate = r?.Bool("replicateToSecondaryRegion", required: false) ?? false;
        r?.Done();
        return new StorageConfig
        {
            DataLifecycleRules = rules,
            AbortIncompleteMultipartUploadDays = abort,
            AccessLogRetentionDays = logRetention,
            ReplicateToSecondaryRegion = replicate,
        };
    }

    private static BucketLifecycleRule ReadRule(YamlMapReader r)
    {
        var rule = new BucketLifecycleRule
        {
            Id = r.String("id") ?? "",
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
        return rule;
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

    private static DeploymentConfig ReadDeployment(YamlMapReader? r)
    {
        var deployment = new DeploymentConfig { RoleArn = r?.String("roleArn") ?? "" };
        r?.Done();
        return deployment;
    }

    private static ProtectionConfig ReadProtection(YamlMapReader? r)
    {
        var protection = new ProtectionConfig
        {
            RetainStatefulResources = r?.Bool("retainStatefulResources") ?? default,
            TerminationProtection = r?.Bool("terminationProtection") ?? default,
        };
        r?.Done();
        return protection;
    }

    private static KubernetesConfig ReadKubernetes(YamlMapReader? r)
    {
        var config = new KubernetesConfig
        {
            Version = r?.String("version") ?? "",
            SupportType = r?.Enum("supportType", SupportTypes, required: false) ?? EksSupportType.Standard,
            Endpoint = r?.Enum("endpoint", Endpoints) ?? EndpointExposure.Private,
            PublicAccessCidrs = r?.StringList("publicAccessCidrs", required: false) ?? [],
            AdminRoleArns = r?.StringList("adminRoleArns") ?? [],
            ControlPlaneLogRetentionDays = r?.Int("controlPlaneLogRetentionDays") ?? 0,
            SystemNodes = ReadSystemNodes(r?.Map("systemNodes")),
            Karpenter = ReadKarpenter(r?.Map("karpenter")),
            PlatformPlacement = r?.Enum("platformPlacement", PlatformSizing.Placements, required: false) ?? PlatformPlacement.OnDemand,
        };
        r?.Done();
        return config;
    }

    private static SystemNodeGroupOptions ReadSystemNodes(YamlMapReader? r)
    {
        var defaults = new SystemNodeGroupOptions();
        var nodes = new SystemNodeGroupOptions
        {
            InstanceTypes = r?.StringList("instanceTypes") ?? [],
            Ami = r?.Enum("ami", SystemAmis) ?? default,
            MinSize = r?.Int("minSize") ?? 0,
            MaxSize = r?.Int("maxSize") ?? 0,
            DesiredSize = r?.Int("desiredSize", required: false),
            RootVolumeGiB = r?.Int("rootVolumeGiB", required: false) ?? defaults.RootVolumeGiB,
            CapacityType = r?.Enum("capacityType", PlatformSizing.SystemCapacityTypes, required: false) ?? defaults.CapacityType,
            AvailabilityZones = r?.Int("availabilityZones", required: false),
        };
        r?.Done();
        return nodes;
    }

    private static KarpenterConfig ReadKarpenter(YamlMapReader? r)
    {
        var config = new KarpenterConfig
        {
            Version = r?.String("version") ?? "",
            Replicas = r?.Int("replicas") ?? 0,
            AmiAlias = r?.String("amiAlias") ?? "",
            NodePools = r?.MapList("nodePools")?.Select(ReadNodePool).ToArray() ?? [],
        };
        r?.Done();
        return config;
    }

    private static NodePoolConfig ReadNodePool(YamlMapReader r)
    {
        var pool = new NodePoolConfig
        {
            Name = r.String("name") ?? "",
            CapacityTypes = r.EnumList("capacityTypes", KarpenterConfigMapping.CapacityTypes) ?? [],
            Architectures = r.EnumList("architectures", KarpenterConfigMapping.Architectures) ?? [],
            InstanceCategories = r.StringList("instanceCategories") ?? [],
            InstanceGenerationGreaterThan = r.Int("instanceGenerationGreaterThan") ?? 0,
            CpuLimit = r.String("cpuLimit") ?? "",
            MemoryLimit = r.String("memoryLimit") ?? "",
            ConsolidationPolicy = r.Enum("consolidationPolicy", KarpenterConfigMapping.ConsolidationPolicies) ?? ConsolidationPolicy.WhenEmptyOrUnderutilized,
            ConsolidateAfter = r.String("consolidateAfter") ?? "",
            ExpireAfter = r.String("expireAfter") ?? "",
            Budgets = r.MapList("budgets", required: false)?.Select(b =>
            {
                var budget = new BudgetConfig
                {
                    Nodes = b.String("nodes") ?? "",
                    Schedule = b.String("schedule", required: false),
                    Duration = b.String("duration", required: false),
                    Reasons = b.EnumList("reasons", KarpenterConfigMapping.Reasons, required: false) ?? [],
                };
                b.Done();
                return budget;
            }).ToArray() ?? [],
            Weight = r.Int("weight", required: false),
            Labels = r.StringMap("labels", required: false) ?? new Dictionary<string, string>(),
        };
        r.Done();
        return pool;
    }

    private static DatabaseConfig ReadDatabase(YamlMapReader? r)
    {
        var capacity = r?.Map("capacity");
        var config = new DatabaseConfig
        {
            EngineVersion = r?.String("engineVersion") ?? "",
            WriterRegion = r?.String("writerRegion") ?? "",
            CapacityType = capacity?.Enum("type", DatabaseCapacityTypes) ?? default,
            MinAcu = capacity?.Double("minAcu", required: false) ?? 0,
            MaxAcu = capacity?.Double("maxAcu", required: false) ?? 0,
            SecondsUntilAutoPause = capacity?.Int("secondsUntilAutoPause", required: false),
            InstanceClass = capacity?.String("instanceClass", required: false),
            Readers = capacity?.Int("readers", required: false) ?? 0,
            SecondaryInstances = r?.Int("secondaryInstances", required: false) ?? 1,
            BackupRetentionDays = r?.Int("backupRetentionDays") ?? 0,
            LogRetentionDays = r?.Int("logRetentionDays") ?? 0,
            MonitoringIntervalSeconds = r?.Int("monitoringIntervalSeconds") ?? 0,
            WriteForwarding = r?.Bool("writeForwarding", required: false) ?? false,
        };
        capacity?.Done();
        r?.Done();
        return config;
    }

    private static ObservabilityConfig ReadObservability(YamlMapReader? r)
    {
        var prometheus = r?.Map("prometheus");
        var alertmanager = r?.Map("alertmanager");
        var config = new ObservabilityConfig
        {
            PrometheusReplicas = prometheus?.Int("replicas") ?? 0,
            Retention = prometheus?.String("retention") ?? "",
            StorageGiB = prometheus?.Int("storageGiB") ?? 0,
            Cpu = prometheus?.String("cpu") ?? "",
            Memory = prometheus?.String("memory") ?? "",
            AlertmanagerReplicas = alertmanager?.Int("replicas") ?? 0,
        };
        prometheus?.Done();
        alertmanager?.Done();
        r?.Done();
        return config;
    }

    private static MeshConfig ReadMesh(YamlMapReader? r)
    {
        var gateway = r?.Map("gateway");
        var config = new MeshConfig
        {
            IstioVersion = r?.String("istioVersion") ?? "",
            Revisioned = r?.Bool("revisioned") ?? false,
            IstiodReplicas = r?.Int("istiodReplicas") ?? 0,
            IstiodCpu = r?.String("istiodCpu", required: false),
            IstiodMemory = r?.String("istiodMemory", required: false),
            GatewayInternetFacing = gateway?.Bool("internetFacing") ?? false,
            GatewayMinReplicas = gateway?.Int("minReplicas") ?? 0,
            GatewayMaxReplicas = gateway?.Int("maxReplicas") ?? 0,
            GatewayCpu = gateway?.String("cpu", required: false),
            GatewayMemory = gateway?.String("memory", required: false),
        };
        gateway?.Done();
        r?.Done();
        return config;
    }
}
