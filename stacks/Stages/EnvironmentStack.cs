using System.Linq;
using Amazon.CDK;
using Constructs;
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
    /// <param name="stateful">Whether the stack holds data: gets termination protection when the config asks for it.</param>
    protected EnvironmentStack(Construct scope, string id, EnvironmentConfig config, RegionConfig region, string purpose, bool stateful)
        : base(scope, id, new StackProps
        {
            Env = new Amazon.CDK.Environment { Account = config.Account, Region = region.Name },
            StackName = $"infra-{config.Name}-{purpose}",
            Description = $"Infra {config.Name}: {purpose} ({region.Name}). Managed by the Infra CDK app; do not edit in the console.",
            TerminationProtection = stateful && config.Protection.TerminationProtection,
        })
    {
        _availabilityZones = region.AvailabilityZones.ToArray();
        Config = config;
        TargetRegion = region;
        IsStateful = stateful;
    }

    /// <summary>The environment this stack belongs to.</summary>
    public EnvironmentConfig Config { get; }

    /// <summary>The region this stack deploys to.</summary>
    public RegionConfig TargetRegion { get; }

    /// <summary>Whether the stack holds data that must outlive it in prod.</summary>
    public bool IsStateful { get; }

    /// <summary>The configured AZs: replaces the CDK's context lookup.</summary>
    public override string[] AvailabilityZones => _availabilityZones;

    /// <summary>What stateful resources do when they leave the stack: retained, or destroyed in disposable environments.</summary>
    protected RemovalPolicy StatefulRemovalPolicy => Config.Protection.RetainStatefulResources ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
