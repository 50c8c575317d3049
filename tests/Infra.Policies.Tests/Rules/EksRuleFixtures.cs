using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the EKS rules, for both AWS::EKS::Cluster and CDK's Custom::AWSCDK-EKS-Cluster.</summary>
public static class EksRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        // INFRA-EKS-1: API endpoint not public to the internet.
        RuleFixture.Compliant("INFRA-EKS-1", "a private L1 cluster", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "RoleArn": "arn:aws:iam::123456789012:role/eks", "ResourcesVpcConfig": {
              "SubnetIds": ["subnet-1"], "EndpointPublicAccess": false, "EndpointPrivateAccess": true } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-1", "an L1 cluster public only to a known range", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "ResourcesVpcConfig": {
              "SubnetIds": ["subnet-1"], "EndpointPublicAccess": true, "PublicAccessCidrs": ["203.0.113.0/24"] } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-1", "a CDK cluster public only to a known range", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "ServiceToken": { "Fn::GetAtt": ["P", "Arn"] }, "Config": {
              "version": "1.35", "resourcesVpcConfig": { "subnetIds": ["subnet-1"], "endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["203.0.113.0/24"] } } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-1", "an L1 cluster whose public access is an intrinsic", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "ResourcesVpcConfig": { "SubnetIds": ["subnet-1"], "EndpointPublicAccess": { "Ref": "Public" } } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-1", "an L1 cluster relying on the EKS defaults", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "ResourcesVpcConfig": { "SubnetIds": ["subnet-1"] } } } }
            """, "ResourcesVpcConfig.EndpointPublicAccess is not set (EKS defaults it to true) and ResourcesVpcConfig.PublicAccessCidrs is not set (EKS defaults it to 0.0.0.0/0), so the API endpoint is open to the internet; set ResourcesVpcConfig.EndpointPublicAccess to false or ResourcesVpcConfig.PublicAccessCidrs to known ranges."),
        RuleFixture.NonCompliant("INFRA-EKS-1", "an L1 cluster public to ::/0", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "ResourcesVpcConfig": {
              "SubnetIds": ["subnet-1"], "EndpointPublicAccess": true, "PublicAccessCidrs": ["203.0.113.0/24", "::/0"] } } } }
            """, "ResourcesVpcConfig.EndpointPublicAccess is true and ResourcesVpcConfig.PublicAccessCidrs includes ::/0, so the API endpoint is open to the internet; set ResourcesVpcConfig.EndpointPublicAccess to false or ResourcesVpcConfig.PublicAccessCidrs to known ranges."),
        RuleFixture.NonCompliant("INFRA-EKS-1", "a CDK cluster with the default PUBLIC_AND_PRIVATE access", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": {
              "resourcesVpcConfig": { "subnetIds": ["subnet-1"], "endpointPublicAccess": true, "endpointPrivateAccess": true, "publicAccessCidrs": ["0.0.0.0/0"] } } } } }
            """, "Config.resourcesVpcConfig.endpointPublicAccess is true and Config.resourcesVpcConfig.publicAccessCidrs includes 0.0.0.0/0, so the API endpoint is open to the internet; set Config.resourcesVpcConfig.endpointPublicAccess to false or Config.resourcesVpcConfig.publicAccessCidrs to known ranges."),

        // INFRA-EKS-2: control-plane logging.
        RuleFixture.Compliant("INFRA-EKS-2", "an L1 cluster logging all five types", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Logging": { "ClusterLogging": { "EnabledTypes": [
              { "Type": "api" }, { "Type": "audit" }, { "Type": "authenticator" }, { "Type": "controllerManager" }, { "Type": "scheduler" } ] } } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-2", "a CDK cluster logging all five types", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "logging": { "clusterLogging": [
              { "enabled": true, "types": ["api", "audit", "authenticator", "controllerManager", "scheduler"] } ] } } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-2", "an L1 cluster whose log types are an intrinsic", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Logging": { "ClusterLogging": { "EnabledTypes": { "Fn::If": ["Prod", [{ "Type": "api" }], []] } } } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-2", "an L1 cluster without logging", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.35" } } }
            """, "Logging.ClusterLogging.EnabledTypes is not set; enable api, audit, authenticator, controllerManager, scheduler."),
        RuleFixture.NonCompliant("INFRA-EKS-2", "an L1 cluster logging api and audit only", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Logging": { "ClusterLogging": { "EnabledTypes": [ { "Type": "api" }, { "Type": "audit" } ] } } } } }
            """, "Logging.ClusterLogging.EnabledTypes enables api, audit; also enable authenticator, controllerManager, scheduler."),
        RuleFixture.NonCompliant("INFRA-EKS-2", "a CDK cluster with some types disabled", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "logging": { "clusterLogging": [
              { "enabled": true, "types": ["api", "audit", "authenticator"] },
              { "enabled": false, "types": ["controllerManager", "scheduler"] } ] } } } } }
            """, "Config.logging.clusterLogging enables api, audit, authenticator; also enable controllerManager, scheduler."),
        RuleFixture.NonCompliant("INFRA-EKS-2", "a CDK cluster with every type disabled", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "logging": { "clusterLogging": [
              { "enabled": false, "types": ["api", "audit", "authenticator", "controllerManager", "scheduler"] } ] } } } } }
            """, "Config.logging.clusterLogging enables no log types; enable api, audit, authenticator, controllerManager, scheduler."),
        RuleFixture.NonCompliant("INFRA-EKS-2", "a CDK cluster without logging", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.35" } } } }
            """, "Config.logging.clusterLogging is not set; enable api, audit, authenticator, controllerManager, scheduler."),

        // INFRA-EKS-3: secrets envelope encryption.
        RuleFixture.Compliant("INFRA-EKS-3", "an L1 cluster encrypting secrets", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "EncryptionConfig": [
              { "Resources": ["secrets"], "Provider": { "KeyArn": { "Fn::GetAtt": ["Key", "Arn"] } } } ] } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-3", "a CDK cluster encrypting secrets", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "encryptionConfig": [
              { "provider": { "keyArn": { "Fn::GetAtt": ["Key", "Arn"] } }, "resources": ["secrets"] } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-3", "an L1 cluster whose encryption config is an intrinsic", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "EncryptionConfig": { "Fn::If": ["Encrypt", [{ "Resources": ["secrets"] }], { "Ref": "AWS::NoValue" }] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-3", "an L1 cluster without encryption config", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.35" } } }
            """, "EncryptionConfig is not set; add an entry with Resources [secrets] and Provider.KeyArn set to a KMS key."),
        RuleFixture.NonCompliant("INFRA-EKS-3", "an L1 cluster whose secrets entry has no key", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "EncryptionConfig": [ { "Resources": ["secrets"] } ] } } }
            """, "EncryptionConfig[0].Provider.KeyArn is not set; set it to a KMS key ARN."),
        RuleFixture.NonCompliant("INFRA-EKS-3", "a CDK cluster without encryption config", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.35" } } } }
            """, "Config.encryptionConfig is not set; add an entry with resources [secrets] and provider.keyArn set to a KMS key."),
        RuleFixture.NonCompliant("INFRA-EKS-3", "a CDK cluster whose encryption config does not cover secrets", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "encryptionConfig": [
              { "provider": { "keyArn": "arn:aws:kms:eu-west-1:123456789012:key/1" }, "resources": ["configmaps"] } ] } } } }
            """, "No Config.encryptionConfig entry includes secrets in resources; add one with provider.keyArn set to a KMS key."),

        // INFRA-EKS-4: a version the support calendar lists and EKS still runs. The calendar's review date, never the
        // wall clock, is the rules' "today", so these hold on any day.
        RuleFixture.Compliant("INFRA-EKS-4", "an L1 cluster whose version is a parameter", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": { "Ref": "KubernetesVersion" } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-4", "a CDK cluster on a listed version in standard support", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.35" } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-4", "a cluster past standard support but in extended support (INFRA-EKS-8 warns; make diff blocks moving to it)", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.32" } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-4", "an L1 cluster without a version", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "RoleArn": "arn:aws:iam::123456789012:role/eks" } } }
            """, "Version is not set (EKS then picks its default version); pin one of 1.35, 1.36."),
        RuleFixture.NonCompliant("INFRA-EKS-4", "a CDK cluster on a version the calendar does not list", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.99" } } } }
            """, "Config.version is 1.99, which the support calendar (reviewed 2026-12-05) does not list; use one of 1.35, 1.36, or review 1.99 for the add-ons and Karpenter and add it to KubernetesSupportCalendar."),
        RuleFixture.NonCompliant("INFRA-EKS-4", "a cluster on a version past extended support", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.31" } } }
            """, "Version is 1.31, whose extended support ended on 2026-11-26: EKS no longer runs it; upgrade to one of 1.35, 1.36, one minor version at a time."),

        // INFRA-EKS-7: the upgrade policy's support type is explicit.
        RuleFixture.Compliant("INFRA-EKS-7", "an L1 cluster on STANDARD support", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.35", "UpgradePolicy": { "SupportType": "STANDARD" } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-7", "a CDK cluster deliberately on EXTENDED support", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.35", "upgradePolicy": { "supportType": "EXTENDED" } } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-7", "an L1 cluster whose support type is a parameter", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "UpgradePolicy": { "SupportType": { "Ref": "SupportType" } } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-7", "an L1 cluster without an upgrade policy", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.35" } } }
            """, "UpgradePolicy.SupportType is not set, so EKS uses EXTENDED (six times the control-plane price once the version leaves standard support); set STANDARD, or EXTENDED on purpose."),
        RuleFixture.NonCompliant("INFRA-EKS-7", "a CDK cluster without an upgrade policy", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.35" } } } }
            """, "Config.upgradePolicy.supportType is not set, so EKS uses EXTENDED (six times the control-plane price once the version leaves standard support); set STANDARD, or EXTENDED on purpose."),
        RuleFixture.NonCompliant("INFRA-EKS-7", "a CDK cluster with a misspelled support type", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "upgradePolicy": { "supportType": "standard" } } } } }
            """, "Config.upgradePolicy.supportType is 'standard'; use STANDARD or EXTENDED."),

        // INFRA-EKS-8: the end of standard support, with its date, ahead of time (180 days before, by the calendar).
        RuleFixture.Compliant("INFRA-EKS-8", "a cluster whose standard support ends more than 180 days after the calendar's review", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.36", "UpgradePolicy": { "SupportType": "STANDARD" } } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-8", "a cluster on a version the calendar does not list (INFRA-EKS-4 reports it)", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.99" } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-8", "a STANDARD cluster whose standard support ends within 180 days", """
            { "C": { "Type": "Custom::AWSCDK-EKS-Cluster", "Properties": { "Config": { "version": "1.35", "upgradePolicy": { "supportType": "STANDARD" } } } } }
            """, "Config.version is 1.35: EKS standard support ends on 2027-03-27, 112 days after the support calendar's review (2026-12-05); EKS then upgrades the control plane to the next minor version itself. Plan the upgrade now.")
            .WithFindingIds("StandardSupportEnds::1.35"),
        RuleFixture.NonCompliant("INFRA-EKS-8", "a cluster with no upgrade policy past standard support", """
            { "C": { "Type": "AWS::EKS::Cluster", "Properties": { "Version": "1.34" } } }
            """, "Version is 1.34: EKS standard support ended on 2026-12-02, before the support calendar's review (2026-12-05); the cluster then runs on extended support at $0.60 instead of $0.10 per hour until 2027-12-02. Upgrade one minor version at a time."),

        // INFRA-EKS-5: no SSH open to the internet.
        RuleFixture.Compliant("INFRA-EKS-5", "a node group without remote access", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "ClusterName": { "Ref": "C" }, "AmiType": "AL2023_ARM_64_STANDARD" } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-5", "SSH only from a bastion security group", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "RemoteAccess": { "Ec2SshKey": "ops", "SourceSecurityGroups": [{ "Ref": "Bastion" }] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-5", "SSH with no source security groups", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "RemoteAccess": { "Ec2SshKey": "ops" } } } }
            """, "RemoteAccess.SourceSecurityGroups is not set, so EKS opens SSH (port 22) on the nodes to 0.0.0.0/0; remove RemoteAccess or list the security groups allowed to connect."),
        RuleFixture.NonCompliant("INFRA-EKS-5", "SSH with an empty source security group list", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "RemoteAccess": { "Ec2SshKey": "ops", "SourceSecurityGroups": [] } } } }
            """, "RemoteAccess.SourceSecurityGroups is empty, so EKS opens SSH (port 22) on the nodes to 0.0.0.0/0; remove RemoteAccess or list the security groups allowed to connect."),

        // INFRA-EKS-6: no Amazon Linux 2 node groups.
        RuleFixture.Compliant("INFRA-EKS-6", "an AL2023 node group", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": "AL2023_x86_64_STANDARD" } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-6", "a Bottlerocket node group", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": "BOTTLEROCKET_ARM_64" } } }
            """),
        RuleFixture.Compliant("INFRA-EKS-6", "a CUSTOM node group whose launch template sets an ImageId", """
            {
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "ImageId": "ami-0123456789abcdef0" } } },
              "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": "CUSTOM", "LaunchTemplate": { "Id": { "Ref": "L" }, "Version": { "Fn::GetAtt": ["L", "LatestVersionNumber"] } } } }
            }
            """),
        RuleFixture.Compliant("INFRA-EKS-6", "a node group without AmiType whose launch template sets an ImageId", """
            {
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "ImageId": { "Ref": "NodeAmi" } } } },
              "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "LaunchTemplate": { "Id": { "Ref": "L" } } } }
            }
            """),
        RuleFixture.Compliant("INFRA-EKS-6", "a node group whose AmiType is a parameter", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": { "Ref": "AmiType" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-EKS-6", "an AL2 node group", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": "AL2_x86_64" } } }
            """, "AmiType is AL2_x86_64, an Amazon Linux 2 type with no AMIs for Kubernetes 1.33 and later; set it to an AL2023_* or BOTTLEROCKET_* type."),
        RuleFixture.NonCompliant("INFRA-EKS-6", "an AL2 GPU node group with a launch template", """
            {
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "ImageId": "ami-0123456789abcdef0" } } },
              "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": "AL2_x86_64_GPU", "LaunchTemplate": { "Id": { "Ref": "L" } } } }
            }
            """, "AmiType is AL2_x86_64_GPU, an Amazon Linux 2 type with no AMIs for Kubernetes 1.33 and later; set it to an AL2023_* or BOTTLEROCKET_* type."),
        RuleFixture.NonCompliant("INFRA-EKS-6", "a node group without AmiType or launch template", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "InstanceTypes": ["m7g.large"] } } }
            """, "AmiType is not set and the node group has no launch template; set AmiType to an AL2023_* or BOTTLEROCKET_* type."),
        RuleFixture.NonCompliant("INFRA-EKS-6", "a node group without AmiType whose launch template sets no ImageId", """
            {
              "L": { "Type": "AWS::EC2::LaunchTemplate", "Properties": { "LaunchTemplateData": { "MetadataOptions": { "HttpTokens": "required" } } } },
              "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "LaunchTemplate": { "Id": { "Ref": "L" } } } }
            }
            """, "AmiType is not set and the node group's launch template sets no ImageId; set AmiType to an AL2023_* or BOTTLEROCKET_* type."),
        RuleFixture.NonCompliant("INFRA-EKS-6", "a CUSTOM node group without a launch template", """
            { "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "AmiType": "CUSTOM" } } }
            """, "AmiType is CUSTOM but the node group has no launch template; set LaunchTemplateData.ImageId in a launch template or an AL2023_* or BOTTLEROCKET_* AmiType."),
    ];
}
