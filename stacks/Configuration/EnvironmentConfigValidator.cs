using System;
using System.Linq;
using System.Text.RegularExpressions;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Network;

namespace Infra.Stacks.Configuration;

/// <summary>
/// The rules a parsed environment must follow that belong to the file rather than to one component: AWS facts the
/// file names (account, regions and their zones, the deploy role), rules across components (CIDR overlap, the writer
/// among the regions, egress for the cluster, on-demand capacity for the platform) and what the production profile
/// requires. Every rule about a single component's value is that component's own (<see cref="ComponentRules"/>).
/// </summary>
internal static partial class EnvironmentConfigValidator
{
    public static void Validate(EnvironmentConfig config, ConfigContext context)
    {
        if (!AccountId().IsMatch(config.Account))
        {
            context.Add("account", $"'{config.Account}' is not an AWS account id; use the 12 digits, quoted (\"123456789012\").");
        }

        ValidateRegion(config.PrimaryRegion, "primaryRegion", context);
        if (config.SecondaryRegion is { } secondary)
        {
            ValidateRegion(secondary, "secondaryRegion", context);
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
        ValidateAcrossComponents(config, context);
        ValidateDeployment(config, context);
        ComponentRules.Check(config, context);
        ValidateProfile(config, context);
    }

    private static void ValidateAcrossComponents(EnvironmentConfig config, ConfigContext context)
    {
        var network = config.Network;
        for (var i = 0; i < network.InterfaceEndpoints.Count; i++)
        {
            var name = network.InterfaceEndpoints[i].Name;
            if (!InterfaceEndpointService.WellKnown.ContainsKey(name))
            {
                context.Add($"network.interfaceEndpoints[{i}]", $"'{name}' is not a known interface endpoint; use one of: {string.Join(", ", InterfaceEndpointService.WellKnown.Keys.Order(StringComparer.Ordinal))}.");
            }
        }

        if (network.NatGateways == NatGatewayStrategy.None)
        {
            context.Add("network.natGateways", "'none' leaves the EKS cluster without egress: nodes and the kubectl handler pull images and charts from public registries. Use single or perAz.");
        }

        // Outside dev a missing secondary region is already reported (with what it is for); once is enough.
        if (config.Storage.ReplicateToSecondaryRegion && config.SecondaryRegion is null && config.Profile == EnvironmentProfile.Development)
        {
            context.Add("storage.replicateToSecondaryRegion", "is true but there is no secondaryRegion to replicate to; add secondaryRegion or set it to false.");
        }

        var db = config.Database;
        if (!config.Regions.Any(r => r.Name == db.WriterRegion))
        {
            context.Add("database.writerRegion", $"'{db.WriterRegion}' is not a region of this environment; use one of {string.Join(", ", config.Regions.Select(r => r.Name))}.");
        }

        if (db.WriteForwarding && config.SecondaryRegion is null)
        {
            context.Add("database.writeForwarding", "is true but there is no secondary region to forward from; add secondaryRegion or set it to false.");
        }

        // The monitoring pods select on-demand capacity unless they run on the system nodes: then some node pool must
        // offer it, or they never schedule.
        var pools = config.Kubernetes.Karpenter.NodePools;
        if (config.Kubernetes.PlatformPlacement != PlatformPlacement.SystemNodes && pools.Count > 0 && !pools.Any(p => p.CapacityTypes.Contains(CapacityType.OnDemand)))
        {
            context.Add("kubernetes.karpenter.nodePools", "no pool allows on-demand capacity, which Prometheus, Alertmanager and Grafana run on; add on-demand to a pool's capacityTypes.");
        }
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

    private static void ValidateRegion(RegionConfig region, string at, ConfigContext context)
    {
        if (!AwsRegions.IsKnown(region.Name))
        {
            context.Add($"{at}.name", $"'{region.Name}' is not a known region; use one of: {string.Join(", ", AwsRegions.Names)} (or add it to AwsRegions with its AZs).");
            return;
        }

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

    // What the production profile requires beyond what the components allow. A key the components already rejected is
    // not judged again: one problem per value, the one about what AWS or the component accepts.
    private static void ValidateProfile(EnvironmentConfig config, ConfigContext context)
    {
        if (config.Profile != EnvironmentProfile.Production)
        {
            return;
        }

        void Require(bool condition, string key, string message)
        {
            if (!condition && !context.HasProblem(key))
            {
                context.Add(key, message);
            }
        }

        var protection = config.Protection;
        Require(protection.RetainStatefulResources, "protection.retainStatefulResources", "is false; production must retain every stateful resource. Set it to true.");
        Require(protection.TerminationProtection, "protection.terminationProtection", "is false; a production environment's stateful stacks must have termination protection. Set it to true.");

        var network = config.Network;
        Require(network.NatGateways != NatGatewayStrategy.Single, "network.natGateways", "'single' leaves production with a single point of failure; use perAz.");
        Require(network.FlowLogs.TrafficType == Amazon.CDK.AWS.EC2.FlowLogTrafficType.ALL, "network.flowLogs.trafficType", "production records all traffic for incident response; use all.");
        Require(config.Storage.ReplicateToSecondaryRegion, "storage.replicateToSecondaryRegion", "is false; production data is replicated to the secondary region. Set it to true.");

        var k8s = config.Kubernetes;
        Require(KarpenterManifestValidator.IsPinned(k8s.Karpenter.AmiAlias), "kubernetes.karpenter.amiAlias",
            $"'{k8s.Karpenter.AmiAlias}' is not pinned; production nodes change only when the pin does. Use a released version such as al2023@v20260818.");
        Require(k8s.Karpenter.Replicas >= 2, "kubernetes.karpenter.replicas",
            $"{k8s.Karpenter.Replicas} leaves a production environment's node provisioning with a single point of failure; use 2.");
        Require(k8s.SystemNodes.MinSize >= 2, "kubernetes.systemNodes.minSize",
            $"{k8s.SystemNodes.MinSize} cannot spread Karpenter's two replicas; use at least 2 (one per AZ is better).");

        var db = config.Database;
        Require(db.BackupRetentionDays >= 14, "database.backupRetentionDays", $"{db.BackupRetentionDays} is too short for production; keep 14 to 35 days.");
        Require(db.Readers >= 1, "database.capacity.readers", $"{db.Readers} leaves a production environment's writer without a standby in another AZ; use at least 1.");

        var o = config.Observability;
        Require(o.PrometheusReplicas >= 2, "observability.prometheus.replicas", $"{o.PrometheusReplicas}: production needs 2 so monitoring survives losing a node; set replicas: 2.");
        Require(o.AlertmanagerReplicas >= 2, "observability.alertmanager.replicas", $"{o.AlertmanagerReplicas}: production needs 2 so alerts still go out while a node is replaced; set replicas: 2.");

        var mesh = config.Mesh;
        Require(mesh.IstiodReplicas >= 2, "mesh.istiodReplicas", $"{mesh.IstiodReplicas}: production needs 2 so sidecars keep their configuration while a node is replaced; set istiodReplicas: 2.");
        Require(mesh.GatewayMinReplicas >= 2, "mesh.gateway.minReplicas", $"{mesh.GatewayMinReplicas}: production needs 2 so ingress survives a node drain (the PodDisruptionBudget needs a second replica); set minReplicas: 2.");
        Require(mesh.Revisioned, "mesh.revisioned", "false: production upgrades Istio by canary, which needs a revisioned istiod; set revisioned: true.");
    }

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]+$")]
    private static partial Regex RoleArn();
}
