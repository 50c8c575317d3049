using System;
using Infra.Components.Kubernetes.Karpenter;
using Infra.Components.Kubernetes.Karpenter.Internal;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

/// <summary>Pins every enum value to the exact string Karpenter's v1 CRDs accept.</summary>
public sealed class ManifestValuesTests
{
    [Theory]
    [InlineData(CapacityType.Spot, "spot")]
    [InlineData(CapacityType.OnDemand, "on-demand")]
    [InlineData(CapacityType.Reserved, "reserved")]
    public void Capacity_types(CapacityType value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(CpuArchitecture.Amd64, "amd64")]
    [InlineData(CpuArchitecture.Arm64, "arm64")]
    public void Architectures(CpuArchitecture value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(NodeOperatingSystem.Linux, "linux")]
    [InlineData(NodeOperatingSystem.Windows, "windows")]
    public void Operating_systems(NodeOperatingSystem value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(RequirementOperator.In, "In")]
    [InlineData(RequirementOperator.NotIn, "NotIn")]
    [InlineData(RequirementOperator.Exists, "Exists")]
    [InlineData(RequirementOperator.DoesNotExist, "DoesNotExist")]
    [InlineData(RequirementOperator.Gt, "Gt")]
    [InlineData(RequirementOperator.Lt, "Lt")]
    public void Operators(RequirementOperator value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(ConsolidationPolicy.WhenEmpty, "WhenEmpty")]
    [InlineData(ConsolidationPolicy.WhenEmptyOrUnderutilized, "WhenEmptyOrUnderutilized")]
    public void Consolidation_policies(ConsolidationPolicy value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(AmiFamily.Al2023, "AL2023")]
    [InlineData(AmiFamily.Bottlerocket, "Bottlerocket")]
    [InlineData(AmiFamily.Windows2019, "Windows2019")]
    [InlineData(AmiFamily.Windows2022, "Windows2022")]
    [InlineData(AmiFamily.Custom, "Custom")]
    public void Ami_families(AmiFamily value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(EbsVolumeType.Gp3, "gp3")]
    [InlineData(EbsVolumeType.Gp2, "gp2")]
    [InlineData(EbsVolumeType.Io1, "io1")]
    [InlineData(EbsVolumeType.Io2, "io2")]
    [InlineData(EbsVolumeType.St1, "st1")]
    [InlineData(EbsVolumeType.Sc1, "sc1")]
    [InlineData(EbsVolumeType.Standard, "standard")]
    public void Volume_types(EbsVolumeType value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(MetadataEndpointState.Enabled, "enabled")]
    [InlineData(MetadataEndpointState.Disabled, "disabled")]
    public void Endpoint_states(MetadataEndpointState value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Theory]
    [InlineData(MetadataHttpTokens.Required, "required")]
    [InlineData(MetadataHttpTokens.Optional, "optional")]
    public void Http_tokens(MetadataHttpTokens value, string expected) => Assert.Equal(expected, ManifestValues.Of(value));

    [Fact]
    public void Throws_for_an_undefined_value() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ManifestValues.Of((CapacityType)9));
}
