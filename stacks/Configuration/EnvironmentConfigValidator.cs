using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Amazon.CDK.AWS.EC2;
using Infra.Components;
using Infra.Components.Database;
using Infra.Components.Kubernetes;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Mesh;
using Infra.Components.Network;
using Infra.Components.Storage;

namespace Infra.Stacks.Configuration;

/// <summary>The rules a parsed environment must follow, beyond types: AWS facts, cross-key rules and what the production profile requires.</summary>
internal static partial class EnvironmentConfigValidator
{
    // Lifecycle member names and storage classes as the YAML spells them, for the component's messages.
    private static readonly Dictionary<string, string> YamlNames = typeof(BucketLifecycleRule).GetProperties()
        .Concat(typeof(LifecycleTransition).GetProperties())
        .Select(p => KeyValuePair.Create(p.Name, YamlKey(p.Name)))
        .Concat(EnvironmentConfigLoader.StorageClasses.Select(kv => KeyValuePair.Create(kv.Value.ToString(), kv.Key)))
        .DistinctBy(kv => kv.Key)
        .ToDictionary(StringComparer.Ordinal);

    public static void Validate(EnvironmentConfig config, ConfigContext context)
    {
        if (!AccountId().IsMatch(config.Account))
        {
            context.Add("account", $"'{config.Account}' is not an AWS account id; use the 12 digits, quoted (\"123456789012\").");
        }

        ValidateRegion(config.PrimaryRegion, "primaryRegion", config, context);
        if (config.SecondaryRegion is { } secondary)
        {
            ValidateRegion(secondary, "secondaryRegion", config, context);
            if (secondary.Name == config.PrimaryRegion.Name)
            {
                context.Add("secondaryRegion.name", $"'{secondary.Name}' is also the primary region; the secondary must be another region.");
            }

            if (StableSubnetLayout.Overlaps(config.PrimaryRegion.VpcCidr, secondary.VpcCidr))
            {
                context.Add("secondaryRegion.vpcCidr", $"'{secondary.VpcCidr}' overlaps primaryRegion.vpcCidr '{config.PrimaryRegion.VpcCidr}'; regions must not overlap, so they can be peered or routed later.");
            }
        }
        else if (config.Profile != EnvironmentProfile.Development)
        {
            context.Add("secondaryRegion", $"is missing; {config.Name} needs a secondary region for disaster recovery (the replicated bucket, the global database).");
        }

        ValidateTags(config.Tags, context);
        ValidateNetwork(config.Network, context);
        ValidateStorage(config, context);
        ValidateKubernetes(config.Kubernetes, config.Profile, context);
        ValidateDatabase(config, context);
        ValidateObservability(config, context);
        ValidateMesh(config, context);
        ValidateDeployment(config, context);
        if (config.Network.NatGateways == NatGatewayStrategy.None)
        {
            context.Add("network.natGateways", "'none' leaves the EKS cluster without egress: nodes and the kubectl handler pull images and charts from public registries. Use single or perAz.");
        }

        ValidateProdProtections(config, context);
    }

    private static void ValidateDeployment(EnvironmentConfig config, ConfigContext context)
    {
        var role = config.Deployment.RoleArn;
        if (!RoleArn().IsMatch(role))
        {
            context.Add("deployment.roleArn", $"'{role}' is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>, the role GitHub Actions assumes with OIDC.");
        }
        else if (AccountId().IsMatch(config.Account) && role.Split(':')[4] != config.Account)
        {
            context.Add("deployment.roleArn", $"'{role}' is in account {role.Split(':')[4]}, not the environment's account {config.Account}; deploy with a role in the account the stacks deploy to.");
        }
    }

    private static void ValidateMesh(EnvironmentConfig config, ConfigContext context)
    {
        var mesh = config.Mesh;
        if (!IstioVersions.Supported.Contains(mesh.IstioVersion))
        {
            context.Add("mesh.istioVersion", $"'{mesh.IstioVersion}' is not an Istio version this repository installs; use one of {string.Join(", ", IstioVersions.Supported.Order(StringComparer.Ordinal))} (quoted).");
        }

        if (mesh.IstiodReplicas is < 1 or > 5)
        {
            context.Add("mesh.istiodReplicas", $"{mesh.IstiodReplicas} must be 1 to 5.");
        }
        else if (config.Profile == EnvironmentProfile.Production && mesh.IstiodReplicas < 2)
        {
            context.Add("mesh.istiodReplicas", $"{mesh.IstiodReplicas}: production needs 2 so sidecars keep their configuration while a node is replaced; set istiodReplicas: 2.");
        }

        if (mesh.GatewayMinReplicas is < 1 or > 20)
        {
            context.Add("mesh.gateway.minReplicas", $"{mesh.GatewayMinReplicas} must be 1 to 20.");
        }
        else if (config.Profile == EnvironmentProfile.Production && mesh.GatewayMinReplicas < 2)
        {
            context.Add("mesh.gateway.minReplicas", $"{mesh.GatewayMinReplicas}: production needs 2 so ingress survives a node drain (the PodDisruptionBudget needs a second replica); set minReplicas: 2.");
        }
        else if (mesh.GatewayMaxReplicas < mesh.GatewayMinReplicas || mesh.GatewayMaxReplicas > 50)
        {
            context.Add("mesh.gateway.maxReplicas", $"{mesh.GatewayMaxReplicas} must be at least minReplicas ({mesh.GatewayMinReplicas}) and at most 50.");
        }

        if (config.Profile == EnvironmentProfile.Production && !mesh.Revisioned)
        {
            context.Add("mesh.revisioned", "false: production upgrades Istio by canary, which needs a revisioned istiod; set revisioned: true.");
        }
    }

    private static void ValidateObservability(EnvironmentConfig config, ConfigContext context)
    {
        var o = config.Observability;
        if (o.PrometheusReplicas is < 1 or > 3)
        {
            context.Add("observability.prometheus.replicas", $"{o.PrometheusReplicas} must be 1 to 3.");
        }
        else if (config.Profile == EnvironmentProfile.Production && o.PrometheusReplicas < 2)
        {
            context.Add("observability.prometheus.replicas", $"{o.PrometheusReplicas}: production needs 2 so monitoring survives losing a node; set replicas: 2.");
        }

        if (!PrometheusDuration().IsMatch(o.Retention))
        {
            context.Add("observability.prometheus.retention", $"'{o.Retention}' is not a Prometheus retention; use a whole number of h, d, w or y such as 2d or 15d.");
        }

        if (o.StorageGiB is < 10 or > 2000)
        {
            context.Add("observability.prometheus.storageGiB", $"{o.StorageGiB} must be 10 to 2000 (GiB per replica).");
        }

        if (!CpuQuantity().IsMatch(o.Cpu))
        {
            context.Add("observability.prometheus.cpu", $"'{o.Cpu}' is not a CPU quantity such as 250m or 1.");
        }

        if (!MemoryQuantity().IsMatch(o.Memory))
        {
            context.Add("observability.prometheus.memory", $"'{o.Memory}' is not a memory quantity such as 1Gi or 512Mi.");
        }

        if (o.AlertmanagerReplicas is < 1 or > 3)
        {
            context.Add("observability.alertmanager.replicas", $"{o.AlertmanagerReplicas} must be 1 to 3.");
        }
        else if (config.Profile == EnvironmentProfile.Production && o.AlertmanagerReplicas < 2)
        {
            context.Add("observability.alertmanager.replicas", $"{o.AlertmanagerReplicas}: production needs 2 so alerts still go out while a node is replaced; set replicas: 2.");
        }

        // The monitoring pods select on-demand capacity: some node pool must offer it, or they never schedule.
        var pools = config.Kubernetes.Karpenter.NodePools;
        if (pools.Count > 0 && !pools.Any(p => p.CapacityTypes.Contains(CapacityType.OnDemand)))
        {
            context.Add("kubernetes.karpenter.nodePools", "no pool allows on-demand capacity, which Prometheus, Alertmanager and Grafana run on; add on-demand to a pool's capacityTypes.");
        }
    }

    [GeneratedRegex("^[1-9][0-9]*(h|d|w|y)$")]
    private static partial Regex PrometheusDuration();

    [GeneratedRegex("^([1-9][0-9]*m|[0-9]+(\\.[0-9]+)?)$")]
    private static partial Regex CpuQuantity();

    [GeneratedRegex("^[1-9][0-9]*(Mi|Gi)$")]
    private static partial Regex MemoryQuantity();

    private static void ValidateDatabase(EnvironmentConfig config, ConfigContext context)
    {
        var db = config.Database;
        if (!AuroraPostgresVersions.Supported.ContainsKey(db.EngineVersion))
        {
            context.Add("database.engineVersion", $"'{db.EngineVersion}' is not an Aurora PostgreSQL version RDS still allows for new clusters here; use one of {string.Join(", ", AuroraPostgresVersions.Supported.Keys)}.");
        }

        if (!config.Regions.Any(r => r.Name == db.WriterRegion))
        {
            context.Add("database.writerRegion", $"'{db.WriterRegion}' is not a region of this environment; use one of {string.Join(", ", config.Regions.Select(r => r.Name))}.");
        }

        var global = config.SecondaryRegion is not null;
        if (db.CapacityType == "serverlessV2")
        {
            if (db.MinAcu < 0 || db.MinAcu > db.MaxAcu || db.MaxAcu < 1 || db.MaxAcu > 256)
            {
                context.Add("database.capacity", $"minAcu {db.MinAcu} and maxAcu {db.MaxAcu} must satisfy 0 <= minAcu <= maxAcu <= 256 and maxAcu >= 1.");
            }
            else if (db.MinAcu == 0 && global)
            {
                context.Add("database.capacity.minAcu", "0 pauses the cluster, which a global database member cannot do; use 0.5 or more.");
            }
            else if (db.MinAcu % 0.5 != 0 || db.MaxAcu % 0.5 != 0)
            {
                context.Add("database.capacity", $"minAcu {db.MinAcu} and maxAcu {db.MaxAcu} must be in steps of 0.5.");
            }
            else if (db.MinAcu > 0 && db.SecondsUntilAutoPause is not null)
            {
                context.Add("database.capacity.secondsUntilAutoPause", $"only applies when minAcu is 0 (got {db.MinAcu}); remove it or set minAcu: 0.");
            }
            else if (db.MinAcu == 0 && db.SecondsUntilAutoPause is not (>= 300 and <= 86400))
            {
                context.Add("database.capacity.secondsUntilAutoPause", $"{db.SecondsUntilAutoPause?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}: with minAcu 0, give 300 to 86400 seconds of idleness before the cluster pauses.");
            }
        }
        else if (db.CapacityType == "provisioned")
        {
            if (db.InstanceClass is not { } cls || !cls.StartsWith("db.", StringComparison.Ordinal) || !InstanceFamilies.IsGraviton(cls))
            {
                context.Add("database.capacity.instanceClass", $"'{db.InstanceClass}' is not a Graviton instance class such as db.r7g.large.");
            }
        }
        else
        {
            context.Add("database.capacity.type", $"'{db.CapacityType}' is not allowed; use one of: serverlessV2, provisioned.");
        }

        if (db.Readers is < 0 or > 15)
        {
            context.Add("database.capacity.readers", $"{db.Readers} must be 0 to 15.");
        }

        if (global && db.SecondaryInstances is < 1 or > 16)
        {
            context.Add("database.secondaryInstances", $"{db.SecondaryInstances} must be 1 to 16; the secondary needs an instance to take over writing.");
        }

        if (db.BackupRetentionDays is < 1 or > 35)
        {
            context.Add("database.backupRetentionDays", $"{db.BackupRetentionDays} must be 1 to 35.");
        }

        if (!LogRetention.IsAllowed(db.LogRetentionDays))
        {
            context.Add("database.logRetentionDays", $"{db.LogRetentionDays} is not a CloudWatch Logs retention; use one of: {string.Join(", ", LogRetention.AllowedDays)}.");
        }

        if (db.MonitoringIntervalSeconds is not (0 or 1 or 5 or 10 or 15 or 30 or 60))
        {
            context.Add("database.monitoringIntervalSeconds", $"{db.MonitoringIntervalSeconds} must be 0, 1, 5, 10, 15, 30 or 60.");
        }

        if (db.WriteForwarding && !global)
        {
            context.Add("database.writeForwarding", "is true but there is no secondary region to forward from; add secondaryRegion or set it to false.");
        }

        if (config.Profile == EnvironmentProfile.Production)
        {
            if (db.BackupRetentionDays < 14)
            {
                context.Add("database.backupRetentionDays", $"{db.BackupRetentionDays} is too short for production; keep 14 to 35 days.");
            }

            if (db.Readers < 1)
            {
                context.Add("database.capacity.readers", $"{db.Readers} leaves a production environment's writer without a standby in another AZ; use at least 1.");
            }
        }
    }

    private static void ValidateKubernetes(KubernetesConfig k8s, EnvironmentProfile profile, ConfigContext context)
    {
        if (!EksCluster.SupportedVersions.Contains(k8s.Version))
        {
            context.Add("kubernetes.version", $"'{k8s.Version}' is not supported; use one of {string.Join(", ", EksCluster.SupportedVersions)}.");
        }
        else if (MinorDistance(k8s.Version, Stages.ClusterStack.KubectlLayerVersion) > 1)
        {
            context.Add("kubernetes.version", $"'{k8s.Version}' is more than one minor version from the pinned kubectl layer ({Stages.ClusterStack.KubectlLayerVersion}); change the layer package with the version.");
        }
        else if (EksAddonVersions.ForKubernetes(k8s.Version) is null)
        {
            context.Add("kubernetes.version", $"'{k8s.Version}' has no reviewed EKS add-on versions yet (reviewed: {string.Join(", ", EksAddonVersions.KubernetesVersions)}); add them to EksAddonVersions first.");
        }

        if (KarpenterVersion.Of(k8s.Karpenter.Version).CompatibilityProblem(k8s.Version) is { } karpenter && EksCluster.SupportedVersions.Contains(k8s.Version))
        {
            context.Add("kubernetes.karpenter.version", karpenter);
        }

        if (k8s.Endpoint == EndpointExposure.PublicAndPrivate)
        {
            if (k8s.PublicAccessCidrs.Count == 0)
            {
                context.Add("kubernetes.publicAccessCidrs", "is empty; a public endpoint needs the CIDRs allowed to reach it (office, VPN, CI), or use endpoint: private.");
            }

            for (var i = 0; i < k8s.PublicAccessCidrs.Count; i++)
            {
                var cidr = k8s.PublicAccessCidrs[i];
                if (cidr is "0.0.0.0/0" || !StableSubnetLayout.TryParseCidr(cidr, out _, out _))
                {
                    context.Add($"kubernetes.publicAccessCidrs[{i}]", $"'{cidr}' is not allowed; give canonical IPv4 CIDRs narrower than the whole internet.");
                }
            }
        }
        else if (k8s.PublicAccessCidrs.Count > 0)
        {
            // Reported on the endpoint: when the endpoint could not be read, its stand-in must not blame the CIDRs.
            context.Add("kubernetes.endpoint", "is private, but publicAccessCidrs lists CIDRs; use endpoint: publicAndPrivate or remove publicAccessCidrs.");
        }

        if (k8s.AdminRoleArns.Count == 0)
        {
            context.Add("kubernetes.adminRoleArns", "is empty; with API authentication nobody else can administer the cluster. Give at least one role ARN.");
        }

        for (var i = 0; i < k8s.AdminRoleArns.Count; i++)
        {
            if (!RoleArn().IsMatch(k8s.AdminRoleArns[i]))
            {
                context.Add($"kubernetes.adminRoleArns[{i}]", $"'{k8s.AdminRoleArns[i]}' is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>.");
            }
        }

        if (!LogRetention.IsAllowed(k8s.ControlPlaneLogRetentionDays))
        {
            context.Add("kubernetes.controlPlaneLogRetentionDays", $"{k8s.ControlPlaneLogRetentionDays} is not a CloudWatch Logs retention; use one of: {string.Join(", ", LogRetention.AllowedDays)}.");
        }

        var nodes = k8s.SystemNodes;
        if (nodes.MinSize < 1 || nodes.MinSize > nodes.MaxSize)
        {
            context.Add("kubernetes.systemNodes", $"minSize {nodes.MinSize} and maxSize {nodes.MaxSize} must satisfy 1 <= minSize <= maxSize.");
        }

        if (k8s.Karpenter.Replicas is < 1 or > 3)
        {
            context.Add("kubernetes.karpenter.replicas", $"{k8s.Karpenter.Replicas} must be 1 to 3.");
        }

        if (k8s.Karpenter.NodePools.Count == 0)
        {
            context.Add("kubernetes.karpenter.nodePools", "is empty; give at least one node pool.");
        }

        foreach (var problem in KarpenterConfigMapping.Validate(k8s.Karpenter))
        {
            context.Add(problem.Path, problem.Message);
        }

        if (profile == EnvironmentProfile.Production)
        {
            if (!KarpenterConfigMapping.IsPinned(k8s.Karpenter.AmiAlias))
            {
                context.Add("kubernetes.karpenter.amiAlias", $"'{k8s.Karpenter.AmiAlias}' is not pinned; production nodes change only when the pin does. Use a released version such as al2023@v20260818.");
            }

            if (k8s.Karpenter.Replicas < 2)
            {
                context.Add("kubernetes.karpenter.replicas", $"{k8s.Karpenter.Replicas} leaves a production environment's node provisioning with a single point of failure; use 2.");
            }

            if (nodes.MinSize < 2)
            {
                context.Add("kubernetes.systemNodes.minSize", $"{nodes.MinSize} cannot spread Karpenter's two replicas; use at least 2 (one per AZ is better).");
            }
        }
    }

    private static int MinorDistance(string a, string b) =>
        Version.TryParse(a, out var va) && Version.TryParse(b, out var vb) && va.Major == vb.Major ? Math.Abs(va.Minor - vb.Minor) : int.MaxValue;

    private static void ValidateRegion(RegionConfig region, string at, EnvironmentConfig config, ConfigContext context)
    {
        if (!AwsRegions.IsKnown(region.Name))
        {
            context.Add($"{at}.name", $"'{region.Name}' is not a known region; use one of: {string.Join(", ", AwsRegions.Names)} (or add it to AwsRegions with its AZs).");
        }
        else
        {
            var known = AwsRegions.AvailabilityZones(region.Name);
            for (var i = 0; i < region.AvailabilityZones.Count; i++)
            {
                var az = region.AvailabilityZones[i];
                if (!known.Contains(az))
                {
                    context.Add($"{at}.availabilityZones[{i}]", $"'{az}' is not an availability zone of {region.Name}; use one of: {string.Join(", ", known)}.");
                }
            }
        }

        var count = region.AvailabilityZones.Count;
        if (count < 2)
        {
            context.Add($"{at}.availabilityZones", $"has {count} zone{(count == 1 ? "" : "s")}; give at least 2 (load balancers and database subnet groups need two).");
        }
        else if (count > StableSubnetLayout.MaxAvailabilityZones)
        {
            context.Add($"{at}.availabilityZones", $"has {count} zones; give at most {StableSubnetLayout.MaxAvailabilityZones}.");
        }

        foreach (var duplicate in region.AvailabilityZones.GroupBy(a => a).Where(g => g.Count() > 1))
        {
            context.Add($"{at}.availabilityZones", $"lists '{duplicate.Key}' {duplicate.Count()} times; each zone once.");
        }

        StableSubnetLayout.TryCreate(region.VpcCidr, config.Network.SubnetMasks, out var problems);
        foreach (var problem in problems)
        {
            context.Add($"{at}.vpcCidr", problem);
        }
    }

    private static void ValidateTags(TagsConfig tags, ConfigContext context)
    {
        if (string.IsNullOrWhiteSpace(tags.Owner))
        {
            context.Add("tags.owner", "is empty; name the owning team.");
        }

        if (string.IsNullOrWhiteSpace(tags.CostCenter))
        {
            context.Add("tags.costCenter", "is empty; give the cost center resources are charged to.");
        }

        foreach (var (key, value) in tags.Additional)
        {
            if (Stages.EnvironmentStage.RequiredTagKeys.Contains(key))
            {
                context.Add($"tags.additional.{key}", $"would replace the required '{key}' tag the app sets itself; remove it (owner and cost center have their own keys).");
                continue;
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase) || key.Length > 128 || value.Length > 256)
            {
                context.Add($"tags.additional.{key}", "is not a valid tag: keys up to 128 characters and not starting with 'aws:', values up to 256.");
            }
        }
    }

    private static void ValidateNetwork(NetworkConfig network, ConfigContext context)
    {
        var flow = network.FlowLogs;
        if (flow.RetentionDays < 1)
        {
            context.Add("network.flowLogs.retentionDays", $"{flow.RetentionDays} must be at least 1; flow logs always expire.");
        }
        else if (flow.Destination == FlowLogTarget.CloudWatchLogs && !LogRetention.IsAllowed(flow.RetentionDays))
        {
            context.Add("network.flowLogs.retentionDays", $"{flow.RetentionDays} is not a CloudWatch Logs retention; use one of: {string.Join(", ", LogRetention.AllowedDays)}.");
        }

        for (var i = 0; i < network.InterfaceEndpoints.Count; i++)
        {
            var name = network.InterfaceEndpoints[i].Name;
            if (!InterfaceEndpointService.WellKnown.ContainsKey(name))
            {
                context.Add($"network.interfaceEndpoints[{i}]", $"'{name}' is not a known interface endpoint; use one of: {string.Join(", ", InterfaceEndpointService.WellKnown.Keys.Order(StringComparer.Ordinal))}.");
            }
        }

        foreach (var duplicate in network.InterfaceEndpoints.GroupBy(e => e.Name).Where(g => g.Count() > 1))
        {
            context.Add("network.interfaceEndpoints", $"lists '{duplicate.Key}' {duplicate.Count()} times; each endpoint once.");
        }
    }

    private static void ValidateStorage(EnvironmentConfig config, ConfigContext context)
    {
        var storage = config.Storage;
        for (var i = 0; i < storage.DataLifecycleRules.Count; i++)
        {
            if (storage.DataLifecycleRules[i].Id == LifecycleBucket.HousekeepingRuleId)
            {
                context.Add($"storage.dataBucket.lifecycleRules[{i}].id", $"'{LifecycleBucket.HousekeepingRuleId}' is reserved for the bucket's own rule (incomplete uploads, expired delete markers); choose another id.");
            }
        }

        foreach (var problem in LifecycleRuleValidator.Validate(storage.DataLifecycleRules, versioned: true, i => $"storage.dataBucket.lifecycleRules[{i}]"))
        {
            var (path, message) = SplitProblem(problem);
            context.Add(path, message);
        }

        if (storage.AbortIncompleteMultipartUploadDays < 1)
        {
            context.Add("storage.dataBucket.abortIncompleteMultipartUploadDays", $"{storage.AbortIncompleteMultipartUploadDays} must be at least 1.");
        }

        if (storage.AccessLogRetentionDays < 1)
        {
            context.Add("storage.accessLogs.retentionDays", $"{storage.AccessLogRetentionDays} must be at least 1; access logs always expire.");
        }

        // Outside dev a missing secondary region is already reported (with what it is for); once is enough.
        if (storage.ReplicateToSecondaryRegion && config.SecondaryRegion is null && config.Profile == EnvironmentProfile.Development)
        {
            context.Add("storage.replicateToSecondaryRegion", "is true but there is no secondaryRegion to replicate to; add secondaryRegion or set it to false.");
        }
    }

    private static void ValidateProdProtections(EnvironmentConfig config, ConfigContext context)
    {
        if (config.Profile != EnvironmentProfile.Production)
        {
            return;
        }

        if (!config.Protection.RetainStatefulResources)
        {
            context.Add("protection.retainStatefulResources", "is false; production must retain every stateful resource. Set it to true.");
        }

        if (!config.Protection.TerminationProtection)
        {
            context.Add("protection.terminationProtection", "is false; a production environment's stateful stacks must have termination protection. Set it to true.");
        }

        if (config.Network.NatGateways == NatGatewayStrategy.Single)
        {
            context.Add("network.natGateways", "'single' leaves production with a single point of failure; use perAz.");
        }

        if (config.Network.FlowLogs.TrafficType != FlowLogTrafficType.ALL)
        {
            context.Add("network.flowLogs.trafficType", "production records all traffic for incident response; use all.");
        }

        if (!config.Storage.ReplicateToSecondaryRegion)
        {
            context.Add("storage.replicateToSecondaryRegion", "is false; production data is replicated to the secondary region. Set it to true.");
        }
    }

    // The component reports "storage.dataBucket.lifecycleRules[0].Transitions[1].AfterDays: message": camel-case the
    // member names so the path matches the YAML keys, and name members and storage classes in the message as the
    // YAML does ("too early for standardIa", not "StandardInfrequentAccess").
    private static (string Path, string Message) SplitProblem(string problem)
    {
        var cut = problem.IndexOf(": ", StringComparison.Ordinal);
        var path = cut < 0 ? "storage.dataBucket.lifecycleRules" : problem[..cut];
        var message = cut < 0 ? problem : problem[(cut + 2)..];
        path = MemberName().Replace(path, m => "." + YamlKey(m.Groups[1].Value));
        message = PascalCaseWord().Replace(message, m => YamlNames.TryGetValue(m.Value, out var name) ? name : m.Value);
        return (path, message);
    }

    private static string YamlKey(string member) => member == nameof(BucketLifecycleRule.AbortIncompleteMultipartUploadAfterDays)
        ? "abortIncompleteMultipartUploadDays"
        : char.ToLowerInvariant(member[0]) + member[1..];

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]+$")]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"\.([A-Z][A-Za-z]*)")]
    private static partial Regex MemberName();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+\b")]
    private static partial Regex PascalCaseWord();
}
