using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the cost rules.</summary>
public static class CostRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-COST-1", "gp3 and io2 volumes and a gp3 launch template", """
            {
              "V": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 100, "VolumeType": "gp3", "Encrypted": true } },
              "I": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 100, "VolumeType": "io2", "Iops": 4000, "Encrypted": true } },
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "BlockDeviceMappings": [
                { "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 50, "VolumeType": "gp3", "Encrypted": true } },
                { "DeviceName": "/dev/sdb", "NoDevice": "" } ] } } }
            }
            """),
        RuleFixture.Compliant("INFRA-COST-1", "a volume type that is a parameter", """
            { "V": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 100, "VolumeType": { "Ref": "VolumeType" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-COST-1", "gp2 and default volumes", """
            {
              "G": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 100, "VolumeType": "gp2" } },
              "D": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 100 } }
            }
            """,
            "VolumeType is gp2; set it to gp3.",
            "VolumeType is not set, so it defaults to gp2; set it to gp3."),
        RuleFixture.NonCompliant("INFRA-COST-1", "a launch template with gp2 and unspecified volume types", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "BlockDeviceMappings": [
              { "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 50, "VolumeType": "gp2", "Encrypted": true } },
              { "DeviceName": "/dev/sdb", "Ebs": { "VolumeSize": 50, "Encrypted": true } } ] } } } }
            """,
            "LaunchTemplateData.BlockDeviceMappings[0].Ebs.VolumeType is gp2; set it to gp3.",
            "LaunchTemplateData.BlockDeviceMappings[1].Ebs.VolumeType is not set, so it comes from the AMI, often gp2; set it to gp3."),
    ];
}
