using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the CloudFormation schema rule (INFRA-CFN-1), checked against the installed schema.</summary>
public static class CloudFormationRuleFixtures
{
    private const string Rule = "INFRA-CFN-1";

    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant(Rule, "a launch template as CDK renders it, with every resource attribute", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "DependsOn": ["Role"], "Condition": "Enabled", "DeletionPolicy": "RetainExceptOnCreate",
              "UpdateReplacePolicy": "Retain", "Metadata": { "aws:cdk:path": "App/Lt/Resource" },
              "Properties": { "LaunchTemplateName": "nodes", "LaunchTemplateData": {
                "MetadataOptions": { "HttpTokens": "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled" },
                "BlockDeviceMappings": [ { "DeviceName": "/dev/xvda", "Ebs": { "VolumeSize": 20, "VolumeType": "gp3", "Encrypted": true } } ],
                "TagSpecifications": [ { "ResourceType": "instance", "Tags": [ { "Key": "owner", "Value": "team" } ] } ] } } } }
            """),
        RuleFixture.Compliant(Rule, "numbers and booleans written as strings, and numbers where strings are expected", """
            {
              "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "app", "VpcId": "vpc-1",
                "SecurityGroupIngress": [ { "IpProtocol": "tcp", "FromPort": "443", "ToPort": 443, "CidrIp": "10.0.0.0/8" } ] } },
              "Q": { "Type": "AWS::SQS::Queue", "Properties": { "FifoQueue": "true", "DelaySeconds": "5", "MessageRetentionPeriod": 345600,
                "Tags": [ { "Key": "cost-center", "Value": 1234 } ] } },
              "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": "14", "LogGroupClass": "STANDARD" } }
            }
            """),
        RuleFixture.Compliant(Rule, "json-typed properties and maps take anything", """
            {
              "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole", "Anything": [1, true] } ] } } },
              "F": { "Type": "AWS::Lambda::Function", "Properties": { "Role": "arn:aws:iam::111111111111:role/f", "Code": { "ZipFile": "exports.handler = () => {}" },
                "Environment": { "Variables": { "STAGE": "dev", "RETRIES": 3 } } } }
            }
            """),
        RuleFixture.Compliant(Rule, "intrinsics wherever they could give the expected type", """
            {
              "S": { "Type": "AWS::EC2::Subnet", "Properties": {
                "VpcId": { "Ref": "Vpc" },
                "AvailabilityZone": { "Fn::Select": [0, { "Fn::GetAZs": "" }] },
                "CidrBlock": { "Fn::Select": [0, { "Fn::Cidr": [{ "Fn::GetAtt": ["Vpc", "CidrBlock"] }, 4, 8] }] },
                "MapPublicIpOnLaunch": { "Fn::If": ["Public", true, { "Ref": "AWS::NoValue" }] },
                "Ipv6CidrBlock": { "Fn::ImportValue": "shared-ipv6-cidr" },
                "Tags": [ { "Key": "Name", "Value": { "Fn::Join": ["-", [{ "Ref": "AWS::StackName" }, "a"]] } },
                          { "Key": "zone", "Value": { "Fn::FindInMap": ["Zones", { "Ref": "AWS::Region" }, "Name"] } },
                          { "Fn::If": ["Tagged", { "Key": "extra", "Value": { "Fn::Sub": "${AWS::Region}-x" } }, { "Ref": "AWS::NoValue" }] } ] } },
              "F": { "Type": "AWS::Lambda::Function", "Properties": {
                "Role": { "Fn::GetAtt": ["Role", "Arn"] }, "Code": { "ZipFile": { "Fn::Base64": "x" } },
                "Layers": { "Fn::Split": [",", { "Fn::ImportValue": "layers" }] },
                "MemorySize": { "Fn::Length": [1, 2] },
                "Description": { "Fn::ToJsonString": { "a": 1 } },
                "Environment": { "Fn::GetAtt": ["Config", "Environment"] },
                "Timeout": { "Ref": "TimeoutParameter" } } },
              "N": { "Type": "AWS::EC2::NetworkAclEntry", "Properties": { "NetworkAclId": { "Ref": "Acl" }, "Protocol": -1, "RuleAction": "allow", "RuleNumber": 100, "CidrBlock": "10.0.0.0/8",
                "Egress": { "Fn::Equals": [{ "Ref": "Direction" }, "out"] } } }
            }
            """),
        RuleFixture.Compliant(Rule, "custom resources and CDK metadata are not checked against the schema", """
            {
              "C": { "Type": "Custom::AWSCDK-EKS-KubernetesResource", "Properties": { "ServiceToken": { "Ref": "P" }, "Manifest": "[]", "Anything": { "Goes": 1 } } },
              "D": { "Type": "AWS::CloudFormation::CustomResource", "Properties": { "ServiceToken": "arn", "Whatever": true } },
              "M": { "Type": "AWS::CDK::Metadata", "Properties": { "Analytics": "v2:deflate64:abc" } }
            }
            """),

        RuleFixture.NonCompliant(Rule, "a misspelt nested property, with the closest name suggested", """
            { "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokns": "required" } } } } }
            """,
            "LaunchTemplateData.MetadataOptions.HttpTokns is not a property of AWS::EC2::LaunchTemplate.MetadataOptions; did you mean HttpTokens?")
            .WithFindingIds("Property::LaunchTemplateData.MetadataOptions.HttpTokns"),
        RuleFixture.NonCompliant(Rule, "an unknown property with no close name", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "EncryptEverything": true } } }
            """,
            "EncryptEverything is not a property of AWS::S3::Bucket; remove it or fix its name.")
            .WithFindingIds("Property::EncryptEverything"),
        RuleFixture.NonCompliant(Rule, "wrong primitive types, in a list and in a tag", """
            {
              "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "app",
                "SecurityGroupIngress": [ { "IpProtocol": "tcp", "FromPort": "https", "ToPort": 443.5, "CidrIp": ["10.0.0.0/8"] } ] } },
              "Q": { "Type": "AWS::SQS::Queue", "Properties": { "FifoQueue": "yes", "ContentBasedDeduplication": 1 } }
            }
            """,
            "SecurityGroupIngress[0].FromPort is https; expected integer.",
            "SecurityGroupIngress[0].ToPort is 443.5; expected integer.",
            "SecurityGroupIngress[0].CidrIp is a list; expected string.",
            "FifoQueue is yes; expected boolean.",
            "ContentBasedDeduplication is 1; expected boolean.")
            .WithFindingIds("Type::SecurityGroupIngress[0].FromPort", "Type::SecurityGroupIngress[0].ToPort", "Type::SecurityGroupIngress[0].CidrIp", "Type::FifoQueue", "Type::ContentBasedDeduplication"),
        RuleFixture.NonCompliant(Rule, "an object where a list is expected, and a list where an object is expected", """
            { "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "app",
              "SecurityGroupIngress": { "IpProtocol": "tcp", "CidrIp": "10.0.0.0/8" } } },
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": [ { "HttpTokens": "required" } ] } } } }
            """,
            "SecurityGroupIngress is an object; expected list of AWS::EC2::SecurityGroup.Ingress.",
            "LaunchTemplateData.MetadataOptions is a list; expected AWS::EC2::LaunchTemplate.MetadataOptions.")
            .WithFindingIds("Type::SecurityGroupIngress", "Type::LaunchTemplateData.MetadataOptions"),
        RuleFixture.NonCompliant(Rule, "intrinsics that cannot give the expected type", """
            {
              "F": { "Type": "AWS::Lambda::Function", "Properties": { "Role": "r", "Code": { "Ref": "CodeParameter" },
                "Layers": { "Fn::Join": [",", ["a", "b"]] }, "MemorySize": { "Fn::GetAZs": "" } } }
            }
            """,
            "Code is Ref (which gives a string or a list); expected AWS::Lambda::Function.Code.",
            "Layers is Fn::Join (which gives a string); expected list of string.",
            "MemorySize is Fn::GetAZs (which gives a list); expected integer.")
            .WithFindingIds("Type::Code", "Type::Layers", "Type::MemorySize"),
        RuleFixture.NonCompliant(Rule, "both branches of Fn::If are checked", """
            { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "DelaySeconds": { "Fn::If": ["Slow", "ten", 0] } } } }
            """,
            "DelaySeconds is ten; expected integer."),
        RuleFixture.NonCompliant(Rule, "required properties missing, at the top and nested", """
            {
              "G": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "SecurityGroupIngress": [ { "CidrIp": "10.0.0.0/8" } ] } },
              "R": { "Type": "AWS::IAM::Role" },
              "S": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": "vpc-1", "Tags": [ { "Key": "Name" } ] } }
            }
            """,
            "SecurityGroupIngress[0].IpProtocol is required by AWS::EC2::SecurityGroup.Ingress and not set.",
            "GroupDescription is required by AWS::EC2::SecurityGroup and not set.",
            "AssumeRolePolicyDocument is required by AWS::IAM::Role and not set.",
            "Tags[0].Value is required by Tag and not set.")
            .WithFindingIds("Required::SecurityGroupIngress[0].IpProtocol", "Required::GroupDescription", "Required::AssumeRolePolicyDocument", "Required::Tags[0].Value"),
        RuleFixture.NonCompliant(Rule, "values outside the schema's allowed values", """
            {
              "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 10, "LogGroupClass": "standard" } },
              "C": { "Type": "AWS::EKS::Cluster", "Properties": { "RoleArn": "arn", "ResourcesVpcConfig": { "SubnetIds": ["subnet-1"] }, "UpgradePolicy": { "SupportType": "EXTENDED_SUPPORT" } } }
            }
            """,
            "RetentionInDays is 10, not one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, ... (22 values).",
            "LogGroupClass is standard, not one of STANDARD, INFREQUENT_ACCESS, DELIVERY; did you mean STANDARD?",
            "UpgradePolicy.SupportType is EXTENDED_SUPPORT, not one of STANDARD, EXTENDED.")
            .WithFindingIds("Value::RetentionInDays", "Value::LogGroupClass", "Value::UpgradePolicy.SupportType"),
        RuleFixture.NonCompliant(Rule, "a resource type the schema does not know", """
            { "B": { "Type": "AWS::S3::Buckett", "Properties": { "BucketName": "x" } }, "X": { "Type": "AWS::Nope::Thing" } }
            """,
            "Type AWS::S3::Buckett is not a resource type of @aws-cdk/aws-service-spec 0.1.216; did you mean AWS::S3::Bucket?",
            "Type AWS::Nope::Thing is not a resource type of @aws-cdk/aws-service-spec 0.1.216; fix the type name.")
            .WithFindingIds("ResourceType::AWS::S3::Buckett", "ResourceType::AWS::Nope::Thing"),
        RuleFixture.NonCompliant(Rule, "unknown resource attributes and removal policies", """
            {
              "B": { "Type": "AWS::S3::Bucket", "DependOn": "K", "DeletionPolicy": "Keep", "UpdateReplacePolicy": "retain" },
              "K": { "Type": "Custom::Thing", "Properties": { "ServiceToken": "arn" }, "Tags": [] },
              "T": { "Properties": { "BucketName": "b" } }
            }
            """,
            "DependOn is not a resource attribute (Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy, CreationPolicy); did you mean DependsOn?",
            "DeletionPolicy is Keep, not one of Delete, Retain, Snapshot, RetainExceptOnCreate.",
            "UpdateReplacePolicy is retain, not one of Delete, Retain, Snapshot, RetainExceptOnCreate; did you mean Retain?",
            "Tags is not a resource attribute (Type, Properties, DependsOn, Condition, Metadata, DeletionPolicy, UpdateReplacePolicy, UpdatePolicy, CreationPolicy); remove it or move it into Properties.",
            "Type is not set; every resource needs a resource type (AWS::Service::Resource or Custom::Name).")
            .WithFindingIds("Attribute::DependOn", "Attribute::DeletionPolicy", "Attribute::UpdateReplacePolicy", "Attribute::Tags", "Attribute::Type"),
    ];
}
