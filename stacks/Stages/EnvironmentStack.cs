using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Constructs;
using Infra.Policies.Rules.DataLoss;
using Infra.Stacks.Configuration;

namespace Infra.Stacks.Stages;

/// <summary>
/// The base of every stack: explicit account and region from config, and availability zones from config too, so a
/// stack never asks AWS for its AZs at synth (which would need credentials and leave missing context in the manifest).
/// </summary>
public abstract class EnvironmentStack : Stack
{
    private readonly string[] _availabilityZones;

    /// <summary>Creates the stack in <paramref name="region"/> of the environment's account.</summary>
    /// <param name="scope">The environment's stage.</param>
    /// <param name="id">The construct id: a public contract, it names the stack's artifact.</param>
    /// <param name="config">The environment.</param>
    /// <param name="region">The region the stack deploys to.</param>
    /// <param name="purpose">A short lower-case name (for example <c>network</c>) used in the stack name.</param>
    protected EnvironmentStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region, string purpose)
        : base(scope, id, new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = config.Account, Region = region.Name },
            StackName = $"infra-{config.Name}-{purpose}",
            Description = $"Infra {config.Name}: {purpose} ({region.Name}). Managed by the Infra CDK app; do not edit in the console.",
        })
    {
        _availabilityZones = region.AvailabilityZones.ToArray();
        Config = config;
        TargetRegion = region;
        // The environment's declaration, in the cloud assembly's manifest (not the template): the policy pack's
        // production rules, make plan and make diff read the profile from here, never from the name.
        Node.AddMetadata(Infra.Policies.AssemblyStack.EnvironmentMetadataType, new Dictionary<string, string>
        {
            ["name"] = config.Name,
            ["profile"] = EnvironmentConfigLoader.ProfileName(config.Profile),
        });
        // Its budget and usage assumptions, for the cost estimate of make plan, make cost and make diff.
        Node.AddMetadata(Cost.CostEstimator.MetadataType, Cost.CostSettings.ToMetadata(config.Cost));
    }

    /// <summary>The environment this stack belongs to.</summary>
    public EnvironmentConfig Config { get; }

    /// <summary>The region this stack deploys to.</summary>
    public RegionConfig TargetRegion { get; }

    /// <summary>
    /// The stateful resources the stack holds (the policy pack's stateful types: databases, buckets, keys, clusters,
    /// secrets, log groups, ...), by construct path: what makes it need termination protection where the environment
    /// asks for it. Derived from the resources, so a stack that gains one (a flow-log bucket) cannot be missed.
    /// </summary>
    public IReadOnlyList<string> StatefulResources => Node.FindAll()
        .OfType<CfnResource>()
        .Where(r => StatefulResourcesRetainedInProd.StatefulTypes.Contains(r.CfnResourceType))
        .Select(r => r.Node.Path)
        .ToList();

    /// <summary>Turns termination protection on when the environment asks for it and the stack holds stateful resources.</summary>
    internal void ProtectIfStateful() => TerminationProtection = Config.Protection.TerminationProtection && StatefulResources.Count > 0;

    /// <summary>The configured AZs: replaces the CDK's context lookup.</summary>
    public override string[] AvailabilityZones => _availabilityZones;

    /// <summary>What stateful resources do when they leave the stack: retained, or destroyed in disposable environments.</summary>
    protected RemovalPolicy StatefulRemovalPolicy => StatefulRemovalPolicyOf(Config);

    /// <summary>What <paramref name="config"/>'s stateful resources do when they leave their stack.</summary>
    internal static RemovalPolicy StatefulRemovalPolicyOf(EnvironmentConfig config) =>
        config.Protection.RetainStatefulResources ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
