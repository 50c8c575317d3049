using Infra.Components.Tests.Kubernetes;
using Xunit;

namespace Infra.Components.Tests;

/// <summary>
/// Every test that drives jsii runs in this one collection: the jsii runtime is one process per test host. The
/// cluster scenarios are collection fixtures, synthesized once per run for every class that reads them (a class
/// fixture would synthesize them again for each class).
/// </summary>
[CollectionDefinition(Name)]
public sealed class CdkCollection : ICollectionFixture<ClusterScenario>, ICollectionFixture<PlatformScenario>
{
    public const string Name = "CDK";
}
