using Xunit;

namespace Infra.Components.Tests;

/// <summary>Every test that drives jsii runs in this one collection: the jsii runtime is one process per test host.</summary>
[CollectionDefinition(Name)]
public sealed class CdkCollection
{
    public const string Name = "CDK";
}
