using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies.Rules.Ec2;

namespace Infra.Policies.Rules.Cost;

/// <summary>EBS volumes use gp3 rather than gp2.</summary>
public sealed class EbsUsesGp3 : IPolicyRule
{
    private const string Volume = "AWS::EC2::Volume";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-COST-1",
        PolicyLevel.Warning,
        "Cost",
        "EBS volumes use gp3, not gp2",
        "gp3 costs about 20% less per GB than gp2 and includes 3,000 IOPS and 125 MB/s regardless of size, where gp2 small volumes get as little as 100 IOPS; gp2 is the API default, so volumes that do not say gp3 pay more for less.",
        "Set VolumeType to gp3 on AWS::EC2::Volume (in CDK, VolumeType = EbsDeviceVolumeType.GP3) and on every LaunchTemplateData.BlockDeviceMappings[].Ebs (EbsDeviceOptions.VolumeType = EbsDeviceVolumeType.GP3).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(Volume, "AWS::EC2::LaunchTemplate");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Type == Volume)
        {
            return Gp3(resource.Properties["VolumeType"], "VolumeType", "defaults to gp2");
        }

        return LaunchTemplateBlockDevices.Ebs(resource)
            .SelectMany(m => Gp3(m.Ebs["VolumeType"], $"{LaunchTemplateBlockDevices.Path}[{m.Index}].Ebs.VolumeType", "comes from the AMI, often gp2"));
    }

    private static IEnumerable<Violation> Gp3(JsonNode? volumeType, string path, string whenUnset)
    {
        if (Cfn.IsIntrinsic(volumeType))
        {
            yield break;
        }

        var type = Cfn.AsString(volumeType);
        if (type is null)
        {
            yield return new Violation($"{path} is not set, so it {whenUnset}; set it to gp3.");
        }
        else if (type == "gp2")
        {
            yield return new Violation($"{path} is gp2; set it to gp3.");
        }
    }
}
