using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the EC2 rules (security groups, launch templates, volumes).</summary>
public static class Ec2RuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        // INFRA-EC2-1: no ingress from anywhere.
        RuleFixture.Compliant("INFRA-EC2-1", "ingress from a private range and a security group", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "app", "SecurityGroupIngress": [
              { "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8" },
              { "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "SourceSecurityGroupId": { "Ref": "Other" } } ] } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-1", "open egress only", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "app",
              "SecurityGroupEgress": [ { "IpProtocol": "-1", "CidrIp": "0.0.0.0/0" } ] } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-1", "an ingress CIDR that is an intrinsic", """
            { "I": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Ref": "G" }, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": { "Ref": "AdminCidr" } } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-1", "inline ingress that is an intrinsic", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "app",
              "SecurityGroupIngress": { "Fn::If": ["Open", [{ "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0" }], { "Ref": "AWS::NoValue" }] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EC2-1", "inline ingress from 0.0.0.0/0 and ::/0", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "web", "SecurityGroupIngress": [
              { "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0" },
              { "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0" },
              { "IpProtocol": "tcp", "FromPort": 1024, "ToPort": 65535, "CidrIp": "0.0.0.0/0" } ] } } }
            """,
            "SecurityGroupIngress[0].CidrIp is 0.0.0.0/0 (tcp 443); allow only known CIDR ranges or a source security group.",
            "SecurityGroupIngress[1].CidrIpv6 is ::/0 (tcp 443); allow only known CIDR ranges or a source security group.",
            "SecurityGroupIngress[2].CidrIp is 0.0.0.0/0 (tcp 1024-65535); allow only known CIDR ranges or a source security group."),
        RuleFixture.NonCompliant("INFRA-EC2-1", "a standalone ingress rule for all traffic from 0.0.0.0/0", """
            { "I": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Ref": "G" }, "IpProtocol": "-1", "CidrIp": "0.0.0.0/0" } } }
            """, "CidrIp is 0.0.0.0/0 (all traffic); allow only known CIDR ranges or a source security group."),
        RuleFixture.NonCompliant("INFRA-EC2-1", "a standalone SSH rule from 0.0.0.0/0", """
            { "I": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Ref": "G" }, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" } } }
            """, "CidrIp is 0.0.0.0/0 (tcp 22); allow only known CIDR ranges or a source security group."),

        // INFRA-EC2-2: descriptions.
        RuleFixture.Compliant("INFRA-EC2-2", "a described group with described rules", """
            {
              "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "Orders API tasks",
                "SecurityGroupIngress": [ { "IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "SourceSecurityGroupId": { "Ref": "Lb" }, "Description": "from the load balancer" } ],
                "SecurityGroupEgress": [ { "IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "Allow all outbound traffic by default" } ] } },
              "I": { "Type": "AWS::EC2::SecurityGroupIngress", "Properties": { "GroupId": { "Ref": "G" }, "IpProtocol": "tcp", "FromPort": 9090, "ToPort": 9090, "SourceSecurityGroupId": { "Ref": "Mon" }, "Description": { "Fn::Join": ["", ["metrics from ", { "Ref": "Mon" }]] } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-EC2-2", "a Default group with undescribed rules", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "Default",
              "SecurityGroupIngress": [ { "IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "CidrIp": "10.0.0.0/8" } ],
              "SecurityGroupEgress": [ { "IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": " " } ] } } }
            """,
            "GroupDescription is Default; describe what the group is for.",
            "SecurityGroupIngress[0].Description is not set; say what the rule allows and why.",
            "SecurityGroupEgress[0].Description is empty; say what the rule allows and why."),
        RuleFixture.NonCompliant("INFRA-EC2-2", "a group with an empty description", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "" } } }
            """, "GroupDescription is empty; describe what the group is for."),
        RuleFixture.NonCompliant("INFRA-EC2-2", "a standalone egress rule without a description", """
            { "E": { "Type": "AWS::EC2::SecurityGroupEgress", "Properties": { "GroupId": { "Ref": "G" }, "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8" } } }
            """, "Description is not set; say what the rule allows and why."),

        // INFRA-EC2-3: IMDSv2.
        RuleFixture.Compliant("INFRA-EC2-3", "a launch template requiring IMDSv2", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 1 } } } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-3", "a launch template whose MetadataOptions is an intrinsic", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "Fn::If": ["Strict", { "HttpTokens": "required" }, { "Ref": "AWS::NoValue" }] } } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EC2-3", "a launch template allowing IMDSv1", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "optional" } } } } }
            """, "LaunchTemplateData.MetadataOptions.HttpTokens is optional; set it to required."),
        RuleFixture.NonCompliant("INFRA-EC2-3", "a launch template without metadata options", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "InstanceType": "m7g.large" } } } }
            """, "LaunchTemplateData.MetadataOptions.HttpTokens is not set; set it to required."),

        // INFRA-EC2-4: IMDS hop limit.
        RuleFixture.Compliant("INFRA-EC2-4", "a hop limit of 1", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 1 } } } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-4", "a hop limit of 2 for containers", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": "2" } } } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-4", "a hop limit that is an intrinsic", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpPutResponseHopLimit": { "Ref": "HopLimit" } } } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EC2-4", "a hop limit of 3", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 3 } } } } }
            """, "LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit is 3; set it to 1 (2 for containers that need IMDS)."),
        RuleFixture.NonCompliant("INFRA-EC2-4", "no hop limit", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "required" } } } } }
            """, "LaunchTemplateData.MetadataOptions.HttpPutResponseHopLimit is not set; set it to 1 (2 for containers that need IMDS)."),

        // INFRA-EC2-5: EBS encryption.
        RuleFixture.Compliant("INFRA-EC2-5", "an encrypted volume and launch template", """
            {
              "V": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 20, "VolumeType": "gp3", "Encrypted": true } },
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "BlockDeviceMappings": [
                { "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 50, "VolumeType": "gp3", "Encrypted": true } },
                { "DeviceName": "/dev/sdb", "VirtualName": "ephemeral0" },
                { "DeviceName": "/dev/sdc", "Ebs": { "VolumeSize": 50, "Encrypted": { "Ref": "Encrypt" } } } ] } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-EC2-5", "an unencrypted volume", """
            { "V": { "Type": "AWS::EC2::Volume", "Properties": { "AvailabilityZone": "eu-west-1a", "Size": 20, "VolumeType": "gp3" } } }
            """, "Encrypted is not set; set it to true."),
        RuleFixture.NonCompliant("INFRA-EC2-5", "a launch template with unencrypted block devices", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "BlockDeviceMappings": [
              { "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 50, "VolumeType": "gp3", "Encrypted": true } },
              { "DeviceName": "/dev/sdb", "Ebs": { "VolumeSize": 50, "VolumeType": "gp3", "Encrypted": false } },
              { "DeviceName": "/dev/sdc", "Ebs": { "VolumeSize": 50, "VolumeType": "gp3" } } ] } } } }
            """,
            "LaunchTemplateData.BlockDeviceMappings[1].Ebs.Encrypted is false; set it to true.",
            "LaunchTemplateData.BlockDeviceMappings[2].Ebs.Encrypted is not set; set it to true."),

        // INFRA-EC2-6: no public IP from launch templates.
        RuleFixture.Compliant("INFRA-EC2-6", "a launch template without public IPs", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "NetworkInterfaces": [
              { "DeviceIndex": 0, "AssociatePublicIpAddress": false, "Groups": [{ "Ref": "G" }] },
              { "DeviceIndex": 1, "AssociatePublicIpAddress": { "Ref": "Public" } } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-EC2-6", "a launch template without network interfaces", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "InstanceType": "m7g.large" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EC2-6", "a launch template associating a public IP", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "NetworkInterfaces": [
              { "DeviceIndex": 0, "AssociatePublicIpAddress": true, "Groups": [{ "Ref": "G" }] } ] } } } }
            """, "LaunchTemplateData.NetworkInterfaces[0].AssociatePublicIpAddress is true; set it to false."),
    ];
}
