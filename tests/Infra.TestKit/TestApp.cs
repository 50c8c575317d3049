using System.Collections.Generic;
using System.Linq;
using Amazon.CDK;
using Constructs;
using Infra.Stacks;

namespace Infra.TestKit;

/// <summary>Builds apps and stacks the way the real app does: same feature flags, explicit environment, AZs from config.</summary>
public static class TestApp
{
    /// <summary>The account every test stack uses.</summary>
    public const string Account = "123456789012";

    /// <summary>A new app with the feature flags pinned in cdk.json.</summary>
    public static App Create() => new(new AppProps { Context = CdkJsonContext.Load(RepoPaths.CdkJson) });

    /// <summary>A stack in a new app with an explicit account, region and AZs (no lookups).</summary>
    public static TestStack Stack(string region = "us-east-1", params string[] availabilityZones) =>
        new(Create(), "Test", region, availabilityZones.Length == 0 ? new[] { "a", "b", "c" }.Select(l => region + l).ToArray() : availabilityZones);
}

/// <summary>A stack whose AZs come from the test, as the app's stacks take theirs from config.</summary>
public sealed class TestStack : Stack
{
    private readonly string[] _availabilityZones;

    /// <summary>Creates the stack.</summary>
    public TestStack(Construct scope, string id, string region, IReadOnlyList<string> availabilityZones)
        : base(scope, id, new StackProps { Env = new Environment { Account = TestApp.Account, Region = region } }) =>
        _availabilityZones = availabilityZones.ToArray();

    /// <inheritdoc />
    public override string[] AvailabilityZones => _availabilityZones;
}
