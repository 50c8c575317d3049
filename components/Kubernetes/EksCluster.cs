using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.EKS;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using Infra.Components.Internal;
using Infra.Components.Kubernetes.Internal;

namespace Infra.Components.Kubernetes;

/// <summary>A role handed to a Kubernetes service account through EKS Pod Identity.</summary>
/// <param name="Role">The role.</param>
/// <param name="Association">The Pod Identity association; whatever runs the service account should depend on it.</param>
public sealed record PodIdentityRole(Role Role, CfnPodIdentityAssociation Association);

/// <summary>
/// An EKS cluster run the way this platform expects: API authentication with access entries, secrets envelope
/// encryption and control-plane logs (every type, into a pre-created log group with retention) under a customer-managed
/// key, an endpoint that is private or open only to listed CIDRs, the kubectl layer matching the version, a small
/// tainted Graviton node group on AL2023 with IMDSv2 and encrypted gp3, and the core add-ons at pinned versions
/// (vpc-cni, coredns, kube-proxy, eks-pod-identity-agent, aws-ebs-csi-driver with its Pod Identity role and an
/// encrypted gp3 default StorageClass). Add Karpenter with <see cref="Karpenter.KarpenterAddOn"/>.
/// </summary>
public sealed partial class EksCluster : Construct
{
    /// <summary>The Kubernetes minor versions this construct supports (EKS standard support, a reviewed add-on set).</summary>
    public static IReadOnlyList<string> SupportedVersions { get; } = ["1.34", "1.35", "1.36"];

    /// <summary>Creates the cluster, validating every prop first.</summary>
    public EksCluster(Construct scope, string id, EksClusterProps props)
        : base(scope, id)
    {
        ComponentMetadata.Mark(this);
        ArgumentNullException.ThrowIfNull(props);
        ValidationCollector.ThrowIfAny(scope, id, nameof(EksClusterProps), [.. Validate(props), .. ValidateSubnets(props)]);
        ClusterName = props.ClusterName;
        Version = props.Version;
        SupportType = props.SupportType;
        var addonVersions = props.AddonVersions ?? EksAddonVersions.ForKubernetes(props.Version)!;

        EncryptionKey = props.EncryptionKey ?? CreateKey(props.RemovalPolicy);
        LogGroup = CreateControlPlaneLogGroup(props);
        Cluster = CreateCluster(props);
        Cluster.Node.AddDependency(LogGroup);
        GrantAdmins(props.AdminRoleArns);
        SystemNodeGroup = CreateSystemNodeGroup(props.SystemNodes, props.Subnets);
        PodIdentityAgent = AddAddon("PodIdentityAgent", "eks-pod-identity-agent", addonVersions.PodIdentityAgent);
        AddAddon("VpcCni", "vpc-cni", addonVersions.VpcCni);
        AddAddon("KubeProxy", "kube-proxy", addonVersions.KubeProxy);
        AddAddon("CoreDns", "coredns", addonVersions.CoreDns).Node.AddDependency(SystemNodeGroup);
        EbsCsiRole = ConfigureEbsCsiDriver(addonVersions.EbsCsiDriver, props.VolumeTags);
    }

    /// <summary>The literal cluster name.</summary>
    public string ClusterName { get; }

    /// <summary>The Kubernetes version.</summary>
    public string Version { get; }

    /// <summary>What EKS does when <see cref="Version"/> leaves standard support.</summary>
    public EksSupportType SupportType { get; }

    /// <summary>The CDK cluster (for <c>AddHelmChart</c>, <c>AddManifest</c> and imports).</summary>
    public Cluster Cluster { get; }

    // The one check that reads the wiring: the system nodes' zones must exist among the cluster's subnets.
    private static IEnumerable<PropertyProblem> ValidateSubnets(EksClusterProps props)
    {
        var zones = props.Vpc.SelectSubnets(props.Subnets).Subnets.Length;
        if (props.SystemNodes.AvailabilityZones is { } wanted && wanted > zones)
        {
            yield return new PropertyProblem("SystemNodes.AvailabilityZones", $"{wanted} must be 1 to the {zones} AZs of the cluster's subnets.");
        }
    }

    /// <summary>The security group EKS creates for the control plane and the managed nodes (Karpenter's node class selects it).</summary>
    public string ClusterSecurityGroupId => Cluster.ClusterSecurityGroupId;

    /// <summary>The key that encrypts Kubernetes secrets, the control-plane logs and persistent volumes.</summary>
    public IKey EncryptionKey { get; }

    /// <summary>The control-plane log group (<c>/aws/eks/&lt;name&gt;/cluster</c>).</summary>
    public ILogGroup LogGroup { get; }

    /// <summary>The system node group.</summary>
    public Nodegroup SystemNodeGroup { get; }

    /// <summary>The Pod Identity agent add-on: Pod Identity associations need it running.</summary>
    public CfnAddon PodIdentityAgent { get; }

    /// <summary>The EBS CSI controller's role (Pod Identity).</summary>
    public IRole EbsCsiRole { get; }

    /// <summary>The name of the default StorageClass (encrypted gp3 with <see cref="EncryptionKey"/>).</summary>
    public const string DefaultStorageClass = "gp3-encrypted";

    /// <summary>The EKS custom resource, for escape hatches.</summary>
    public CfnResource ClusterResource => ClusterCustomResource(Cluster);

    /// <summary>
    /// Creates, under <paramref name="scope"/>, a role for the service account <paramref name="namespace"/>/<paramref name="serviceAccount"/>
    /// and the EKS Pod Identity association that hands it out (after the Pod Identity agent is installed).
    /// </summary>
    public PodIdentityRole AddPodIdentityRole(Construct scope, string id, string @namespace, string serviceAccount, string description)
    {
        var role = new Role(scope, id, new RoleProps
        {
            AssumedBy = PodIdentityPrincipal(),
            Description = description,
        });
        var association = new CfnPodIdentityAssociation(scope, $"{id}Association", new CfnPodIdentityAssociationProps
        {
            ClusterName = Cluster.ClusterName,
            Namespace = @namespace,
            ServiceAccount = serviceAccount,
            RoleArn = role.RoleArn,
        });
        association.Node.AddDependency(PodIdentityAgent);
        return new PodIdentityRole(role, association);
    }

    /// <summary>The principal EKS Pod Identity assumes roles as (<c>sts:AssumeRole</c> and <c>sts:TagSession</c>).</summary>
    public static IPrincipal PodIdentityPrincipal() =>
        new SessionTagsPrincipal(new ServicePrincipal("pods.eks.amazonaws.com"));

    /// <summary>
    /// Every problem with <paramref name="props"/>, each at its property path; empty when they are valid. The constructor
    /// throws them; a caller that builds props from elsewhere (a configuration file) can check them first.
    /// </summary>
    public static IReadOnlyList<PropertyProblem> Validate(EksClusterProps props)
    {
        var v = new ValidationCollector();
        v.Require(Token.IsUnresolved(props.ClusterName) is false && IsClusterName(props.ClusterName),
            "ClusterName", $"'{props.ClusterName}' must be a literal of 1-100 letters, digits, hyphens and underscores starting with a letter (Karpenter's IAM conditions embed it).");
        v.Require(SupportedVersions.Contains(props.Version),
            "Version", $"'{props.Version}' is not supported; use one of {string.Join(", ", SupportedVersions)}.");
        v.Require(Enum.IsDefined(props.SupportType),
            "SupportType", $"{(int)props.SupportType} is not a support type; use {string.Join(" or ", Enum.GetNames<EksSupportType>())}.");
        v.Require(MinorDistance(props.Version, props.KubectlLayerVersion) is <= 1,
            "KubectlLayerVersion", $"kubectl {props.KubectlLayerVersion} is more than one minor version from the cluster's {props.Version}; use the matching @aws-cdk/lambda-layer-kubectl-vNN package.");
        v.Require(props.AddonVersions is not null || EksAddonVersions.ForKubernetes(props.Version) is not null,
            "AddonVersions", $"no reviewed add-on versions for Kubernetes {props.Version} (reviewed: {string.Join(", ", EksAddonVersions.KubernetesVersions)}); pass AddonVersions.");
        v.Require(props.AdminRoleArns.Count > 0,
            "AdminRoleArns", "is empty; with API authentication nobody else can administer the cluster. Give at least one role ARN.");
        for (var i = 0; i < props.AdminRoleArns.Count; i++)
        {
            var arn = props.AdminRoleArns[i];
            v.Require(Token.IsUnresolved(arn) || RoleArn().IsMatch(arn), $"AdminRoleArns[{i}]", $"'{arn}' is not an IAM role ARN; use arn:aws:iam::<12-digit account>:role/<name>.");
        }

        if (props.Endpoint == EndpointExposure.PublicAndPrivate)
        {
            v.Require(props.PublicAccessCidrs.Count > 0,
                "PublicAccessCidrs", "is empty; a public endpoint needs the CIDRs allowed to reach it (office, VPN, CI), or use a private endpoint.");
            for (var i = 0; i < props.PublicAccessCidrs.Count; i++)
            {
                var cidr = props.PublicAccessCidrs[i];
                v.Require(cidr is not ("0.0.0.0/0" or "::/0") && Network.StableSubnetLayout.TryParseCidr(cidr, out _, out _),
                    $"PublicAccessCidrs[{i}]", $"'{cidr}' is not allowed; give canonical IPv4 CIDRs narrower than the whole internet.");
            }
        }
        else
        {
            v.Require(props.PublicAccessCidrs.Count == 0, "Endpoint", "is private, but public access CIDRs are listed; open the endpoint to public and private access or remove the CIDRs.");
        }

        v.Require(LogRetention.IsAllowed(props.ControlPlaneLogRetentionDays),
            "ControlPlaneLogRetentionDays", $"{props.ControlPlaneLogRetentionDays} is not a CloudWatch Logs retention; use one of {string.Join(", ", LogRetention.AllowedDays)}.");
        var nodes = props.SystemNodes;
        v.Require(nodes.InstanceTypes.Count > 0, "SystemNodes.InstanceTypes", "give at least one instance type.");
        v.Require(nodes.MinSize >= 1 && nodes.MinSize <= nodes.MaxSize && (nodes.DesiredSize ?? nodes.MinSize) >= nodes.MinSize && (nodes.DesiredSize ?? nodes.MinSize) <= nodes.MaxSize,
            "SystemNodes", $"sizes min {nodes.MinSize}, desired {nodes.DesiredSize?.ToString(CultureInfo.InvariantCulture) ?? "min"}, max {nodes.MaxSize} must satisfy 1 <= min <= desired <= max.");
        var arm = nodes.Ami is SystemNodeAmi.AmazonLinux2023Arm64 or SystemNodeAmi.BottlerocketArm64;
        foreach (var type in nodes.InstanceTypes.Where(t => InstanceFamilies.IsGraviton(t) != arm))
        {
            v.Require(false, "SystemNodes.InstanceTypes", $"'{type}' does not match the {nodes.Ami} AMI's architecture.");
        }

        v.Require(nodes.RootVolumeGiB is >= 20 and <= 1000, "SystemNodes.RootVolumeGiB", $"{nodes.RootVolumeGiB} must be 20 to 1000.");
        v.Require(nodes.AvailabilityZones is null or >= 1, "SystemNodes.AvailabilityZones", $"{nodes.AvailabilityZones} must be at least 1.");
        v.Require(nodes.CapacityType != SystemNodeCapacity.Spot || nodes.InstanceTypes.Count >= EksClusterDefaults.MinSpotInstanceTypes,
            "SystemNodes.InstanceTypes", $"spot capacity needs at least {EksClusterDefaults.MinSpotInstanceTypes} instance types of the same size, so a reclaimed one is replaced from another pool; {nodes.InstanceTypes.Count} given.");
        return v.Problems;
    }

    private static bool IsClusterName(string name) =>
        name.Length is >= 1 and <= 100 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static int? MinorDistance(string a, string b) =>
        System.Version.TryParse(a, out var va) && System.Version.TryParse(b, out var vb) && va.Major == vb.Major ? Math.Abs(va.Minor - vb.Minor) : null;

    private Key CreateKey(RemovalPolicy removalPolicy)
    {
        var key = CustomerManagedKey.Create(this, $"Encrypts the Kubernetes secrets, control-plane logs and volumes of EKS cluster {ClusterName}", removalPolicy);
        var stack = Stack.Of(this);
        CustomerManagedKey.AllowLogGroups(key, "AllowControlPlaneLogEncryption", $"arn:{stack.Partition}:logs:{stack.Region}:{stack.Account}:log-group:/aws/eks/{ClusterName}/cluster");
        return key;
    }

    // EKS writes to /aws/eks/<name>/cluster; creating it first is the only way to set its retention and key.
    private LogGroup CreateControlPlaneLogGroup(EksClusterProps props) => new(this, "ControlPlaneLogs", new LogGroupProps
    {
        LogGroupName = $"/aws/eks/{ClusterName}/cluster",
        Retention = LogRetention.FromDays(props.ControlPlaneLogRetentionDays),
        EncryptionKey = EncryptionKey,
        RemovalPolicy = props.RemovalPolicy,
    });

    private Cluster CreateCluster(EksClusterProps props)
    {
        var cluster = new Cluster(this, "Cluster", new ClusterProps
        {
            ClusterName = ClusterName,
            Version = KubernetesVersion.Of(props.Version),
            KubectlLayer = new LayerVersion(this, "KubectlLayer", new LayerVersionProps
            {
                Code = Code.FromAsset(props.KubectlLayerZip),
                Description = $"kubectl and helm for Kubernetes {props.KubectlLayerVersion} (@aws-cdk/lambda-layer-kubectl)",
            }),
            Vpc = props.Vpc,
            VpcSubnets = [props.Subnets],
            DefaultCapacity = 0,
            AuthenticationMode = AuthenticationMode.API,
            EndpointAccess = props.Endpoint == EndpointExposure.Private
                ? EndpointAccess.PRIVATE
                : EndpointAccess.PUBLIC_AND_PRIVATE.OnlyFrom(props.PublicAccessCidrs.ToArray()),
            SecretsEncryptionKey = EncryptionKey,
            ClusterLogging =
            [
                ClusterLoggingTypes.API, ClusterLoggingTypes.AUDIT, ClusterLoggingTypes.AUTHENTICATOR,
                ClusterLoggingTypes.CONTROLLER_MANAGER, ClusterLoggingTypes.SCHEDULER,
            ],
            OutputClusterName = false,
            OutputConfigCommand = false,
        });
        var resource = ClusterCustomResource(cluster);
        resource.ApplyRemovalPolicy(props.RemovalPolicy);
        // CDK 2.160's ClusterProps has no upgrade policy, and EKS's default is EXTENDED: a cluster left past standard
        // support would move to extended support at six times the control-plane price. The provider's handler spreads
        // Config into CreateCluster, so the field reaches EKS at creation; later changes it ignores (make diff says so).
        resource.AddPropertyOverride("Config.upgradePolicy", new Dictionary<string, object> { ["supportType"] = SupportTypeValue(props.SupportType) });
        if (props.RemovalPolicy == RemovalPolicy.RETAIN)
        {
            // A retained cluster still needs its service role and control-plane security group: keep them too, or a
            // stack deletion would strand the cluster (and fail on the security group it still uses).
            ((CfnResource)cluster.Role.Node.DefaultChild!).ApplyRemovalPolicy(RemovalPolicy.RETAIN);
            ((CfnResource)cluster.Node.FindChild("ControlPlaneSecurityGroup").Node.DefaultChild!).ApplyRemovalPolicy(RemovalPolicy.RETAIN);
        }

        return cluster;
    }

    /// <summary>The EKS API value of <paramref name="supportType"/> (<c>STANDARD</c>, <c>EXTENDED</c>).</summary>
    public static string SupportTypeValue(EksSupportType supportType) => supportType switch
    {
        EksSupportType.Standard => "STANDARD",
        EksSupportType.Extended => "EXTENDED",
        _ => throw new ArgumentOutOfRangeException(nameof(supportType), supportType, "not a support type"),
    };

    // Cluster/Resource (ClusterResource) / Resource (CustomResource) / Default (Custom::AWSCDK-EKS-Cluster).
    private static CfnResource ClusterCustomResource(Cluster cluster) =>
        (CfnResource)cluster.Node.FindChild("Resource").Node.FindChild("Resource").Node.DefaultChild!;

    private void GrantAdmins(IReadOnlyList<string> adminRoleArns)
    {
        // Ids from the role names, not positions: removing one admin never replaces another's entry.
        foreach (var arn in adminRoleArns)
        {
            var name = arn[(arn.LastIndexOf('/') + 1)..];
            new AccessEntry(this, $"Admin-{name}", new AccessEntryProps
            {
                Cluster = Cluster,
                Principal = arn,
                AccessPolicies = [AccessPolicy.FromAccessPolicyName("AmazonEKSClusterAdminPolicy", new AccessPolicyNameOptions { AccessScopeType = AccessScopeType.CLUSTER })],
            });
        }
    }

    private Nodegroup CreateSystemNodeGroup(SystemNodeGroupOptions options, SubnetSelection subnets)
    {
        // An L1 launch template holding exactly the IMDS options and the root volume; EKS merges it with the node
        // group's AMI and bootstrap configuration.
        var template = new CfnLaunchTemplate(this, "SystemNodeTemplate", new CfnLaunchTemplateProps
        {
            LaunchTemplateData = new CfnLaunchTemplate.LaunchTemplateDataProperty
            {
                MetadataOptions = new CfnLaunchTemplate.MetadataOptionsProperty { HttpTokens = "required", HttpPutResponseHopLimit = 1, HttpEndpoint = "enabled" },
                BlockDeviceMappings = new object[]
                {
                    new CfnLaunchTemplate.BlockDeviceMappingProperty
                    {
                        DeviceName = options.Ami is SystemNodeAmi.BottlerocketArm64 or SystemNodeAmi.BottlerocketX86 ? "/dev/xvdb" : "/dev/xvda",
                        Ebs = new CfnLaunchTemplate.EbsProperty { VolumeSize = options.RootVolumeGiB, VolumeType = "gp3", Encrypted = true, DeleteOnTermination = true },
                    },
                },
            },
        });
        var nodegroup = Cluster.AddNodegroupCapacity("SystemNodes", new NodegroupOptions
        {
            InstanceTypes = options.InstanceTypes.Select(t => new InstanceType(t)).ToArray(),
            AmiType = options.Ami switch
            {
                SystemNodeAmi.AmazonLinux2023X86 => NodegroupAmiType.AL2023_X86_64_STANDARD,
                SystemNodeAmi.BottlerocketArm64 => NodegroupAmiType.BOTTLEROCKET_ARM_64,
                SystemNodeAmi.BottlerocketX86 => NodegroupAmiType.BOTTLEROCKET_X86_64,
                _ => NodegroupAmiType.AL2023_ARM_64_STANDARD,
            },
            MinSize = options.MinSize,
            MaxSize = options.MaxSize,
            DesiredSize = options.DesiredSize ?? options.MinSize,
            Subnets = options.AvailabilityZones is { } zones
                ? new SubnetSelection { Subnets = Cluster.Vpc.SelectSubnets(subnets).Subnets.Take(zones).ToArray() }
                : subnets,
            LaunchTemplateSpec = new LaunchTemplateSpec { Id = template.Ref, Version = template.AttrLatestVersionNumber },
            Taints = [new TaintSpec { Key = EksClusterDefaults.SystemTaintKey, Value = "true", Effect = TaintEffect.NO_SCHEDULE }],
            Labels = new Dictionary<string, string>(EksClusterDefaults.SystemNodeLabels),
            // Left unset for on-demand, EKS's default: writing ON_DEMAND would replace existing node groups.
            CapacityType = options.CapacityType == SystemNodeCapacity.Spot ? CapacityType.SPOT : null,
        });

        // EKS never upgrades a node group by itself, and refuses the next control-plane upgrade until it is: pin the
        // group to the cluster's version so a Kubernetes bump rolls the system nodes in the same deploy.
        ((CfnNodegroup)nodegroup.Node.DefaultChild!).Version = Version;
        return nodegroup;
    }

    private CfnAddon AddAddon(string id, string name, string version, CfnAddon.PodIdentityAssociationProperty[]? podIdentity = null) =>
        new(this, id, new CfnAddonProps
        {
            AddonName = name,
            AddonVersion = version,
            ClusterName = Cluster.ClusterName,
            ResolveConflicts = "OVERWRITE",
            PodIdentityAssociations = podIdentity,
        });

    private Role ConfigureEbsCsiDriver(string version, IReadOnlyDictionary<string, string> volumeTags)
    {
        var role = new Role(this, "EbsCsiRole", new RoleProps
        {
            AssumedBy = PodIdentityPrincipal(),
            Description = $"EBS CSI controller of EKS cluster {ClusterName}",
            ManagedPolicies = [ManagedPolicy.FromAwsManagedPolicyName("service-role/AmazonEBSCSIDriverPolicy")],
        });
        // Volumes are encrypted with the cluster key: the driver creates grants for EC2 to use it.
        EncryptionKey.GrantEncryptDecrypt(role);
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "AllowGrantsForEbs",
            Actions = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resources = [EncryptionKey.KeyArn],
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["kms:GrantIsForAWSResource"] = "true" } },
        }));
        var addon = AddAddon("EbsCsiDriver", "aws-ebs-csi-driver", version,
            [new CfnAddon.PodIdentityAssociationProperty { ServiceAccount = "ebs-csi-controller-sa", RoleArn = role.RoleArn }]);
        if (volumeTags.Count > 0)
        {
            // Not a StorageClass tagSpecification: a StorageClass's parameters cannot change once it exists.
            addon.ConfigurationValues = System.Text.Json.JsonSerializer.Serialize(new EbsCsiDriverValues
            {
                Controller = new EbsCsiDriverValues.ControllerValues
                {
                    ExtraVolumeTags = volumeTags.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value),
                },
            });
        }
        addon.Node.AddDependency(PodIdentityAgent);
        addon.Node.AddDependency(SystemNodeGroup);

        var storageClass = Cluster.AddManifest("DefaultStorageClass", new StorageClassObject
        {
            Metadata = new StorageClassObject.ClusterScopedMetadata
            {
                Name = DefaultStorageClass,
                Annotations = new Dictionary<string, string> { ["storageclass.kubernetes.io/is-default-class"] = "true" },
            },
            Provisioner = "ebs.csi.aws.com",
            Parameters = new Dictionary<string, string> { ["type"] = "gp3", ["encrypted"] = "true", ["kmsKeyId"] = EncryptionKey.KeyArn },
            VolumeBindingMode = "WaitForFirstConsumer",
            AllowVolumeExpansion = true,
            ReclaimPolicy = "Delete",
        }.ToManifest());
        storageClass.Node.AddDependency(addon);
        return role;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]+$")]
    private static partial System.Text.RegularExpressions.Regex RoleArn();
}
