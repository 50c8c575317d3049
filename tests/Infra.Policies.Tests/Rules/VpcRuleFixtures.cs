using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the VPC rules.</summary>
public static class VpcRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-VPC-1", "a VPC with a flow log", """
            {
              "V": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
              "F": { "Type": "AWS::EC2::FlowLog", "Properties": { "ResourceId": { "Ref": "V" }, "ResourceType": "VPC", "TrafficType": "ALL" } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-VPC-1", "a VPC without a flow log", """
            { "V": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } } }
            """, "No AWS::EC2::FlowLog in this template has a ResourceId that refers to the VPC."),
        RuleFixture.NonCompliant("INFRA-VPC-1", "a flow log on another VPC", """
            {
              "V": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
              "W": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.1.0.0/16" } },
              "F": { "Type": "AWS::EC2::FlowLog", "Properties": { "ResourceId": { "Ref": "W" }, "ResourceType": "VPC", "TrafficType": "ALL" } }
            }
            """, "No AWS::EC2::FlowLog in this template has a ResourceId that refers to the VPC."),

        RuleFixture.Compliant("INFRA-VPC-2", "a subnet that does not map public IPs", """
            { "S": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "V" }, "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": false } } }
            """),
        RuleFixture.Compliant("INFRA-VPC-2", "a subnet without MapPublicIpOnLaunch (the default is false)", """
            { "S": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "V" }, "CidrBlock": "10.0.0.0/24" } } }
            """),
        RuleFixture.Compliant("INFRA-VPC-2", "a subnet whose MapPublicIpOnLaunch is an intrinsic", """
            { "S": { "Type": "AWS::EC2::Subnet", "Properties": { "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": { "Fn::If": ["Public", true, false] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-VPC-2", "a subnet that maps public IPs", """
            { "S": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "V" }, "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true } } }
            """, "MapPublicIpOnLaunch is true; set it to false."),
        RuleFixture.NonCompliant("INFRA-VPC-2", "a subnet that maps public IPs, as the string \"true\"", """
            { "S": { "Type": "AWS::EC2::Subnet", "Properties": { "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": "true" } } }
            """, "MapPublicIpOnLaunch is true; set it to false."),

        RuleFixture.Compliant("INFRA-VPC-3", "a VPC whose default security group CDK restricts", """
            {
              "V": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
              "R": { "Type": "Custom::VpcRestrictDefaultSG", "Properties": {
                "ServiceToken": { "Fn::GetAtt": ["Provider", "Arn"] },
                "DefaultSecurityGroupId": { "Fn::GetAtt": ["V", "DefaultSecurityGroup"] },
                "Account": { "Ref": "AWS::AccountId" } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-VPC-3", "a VPC with an unrestricted default security group", """
            { "V": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } } }
            """, "No Custom::VpcRestrictDefaultSG resource in this template refers to the VPC, so its default security group keeps its default rules."),
    ];
}
