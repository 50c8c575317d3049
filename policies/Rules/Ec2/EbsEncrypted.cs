using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Ec2;

/// <summary>EBS volumes, standalone or in launch templates, are encrypted.</summary>
public sealed class EbsEncrypted : IPolicyRule
{
    private const string Volume = "AWS::EC2::Volume";

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EC2-5",
        PolicyLevel.Error,
        "EC2",
        "EBS volumes are encrypted",
        "An unencrypted volume leaves its data, its snapshots and every copy of them readable by anyone who gets the snapshot shared or the volume attached; encryption cannot be added in place later (it takes a snapshot copy and a replacement).",
        "Set Encrypted to true on AWS::EC2::Volume (in CDK, Encrypted = true on VolumeProps) and on every LaunchTemplateData.BlockDeviceMappings[].Ebs (in CDK, BlockDeviceVolume.Ebs(size, new EbsDeviceOptions { Encrypted = true })); add KmsKeyId for a customer-managed key.",
        CdkNag: "AwsSolutions-EC26",
        Checkov: "CKV_AWS_3, CKV_AWS_8");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(Volume, "AWS::EC2::LaunchTemplate");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Type == Volume)
        {
            return Encrypted(resource.Properties["Encrypted"], "Encrypted");
        }

        return LaunchTemplateBlockDevices.Ebs(resource)
            .SelectMany(m => Encrypted(m.Ebs["Encrypted"], $"{LaunchTemplateBlockDevices.Path}[{m.Index}].Ebs.Encrypted"));
    }

    private static IEnumerable<Violation> Encrypted(JsonNode? encrypted, string path)
    {
        if (!Cfn.IsIntrinsic(encrypted) && Cfn.AsBool(encrypted) != true)
        {
            yield return new Violation($"{path} is {Cfn.AsString(encrypted) ?? "not set"}; set it to true.");
        }
    }
}
