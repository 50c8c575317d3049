using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the KMS rules.</summary>
public static class KmsRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-KMS-1", "a symmetric key with rotation", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": true } } }
            """),
        RuleFixture.Compliant("INFRA-KMS-1", "an asymmetric key is exempt", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY" } } }
            """),
        RuleFixture.Compliant("INFRA-KMS-1", "rotation given by a condition is not judged", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "EnableKeyRotation": { "Fn::If": ["Rotate", true, false] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-KMS-1", "a key without rotation", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": {} } }
            """, "EnableKeyRotation is not set; set it to true."),
        RuleFixture.NonCompliant("INFRA-KMS-1", "a SYMMETRIC_DEFAULT key with rotation off", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "KeySpec": "SYMMETRIC_DEFAULT", "EnableKeyRotation": false } } }
            """, "EnableKeyRotation is false; set it to true."),

        RuleFixture.Compliant("INFRA-KMS-2", "a key policy for the account root", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::123456789012:root"]] } }, "Action": "kms:*", "Resource": "*" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-KMS-2", "Principal * limited by a Condition, and a Deny for everyone", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "kms:Decrypt", "Resource": "*", "Condition": { "StringEquals": { "kms:CallerAccount": "123456789012" } } },
              { "Effect": "Deny", "Principal": "*", "Action": "kms:ScheduleKeyDeletion", "Resource": "*" } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-KMS-2", "Principal * without a Condition", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "kms:*", "Resource": "*" },
              { "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*" } ] } } } }
            """, "KeyPolicy.Statement[1] allows Principal * without a Condition; name the principals or add a Condition."),
        RuleFixture.NonCompliant("INFRA-KMS-2", "a single statement for {\"AWS\": [\"*\"]}", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "KeyPolicy": { "Statement":
              { "Effect": "Allow", "Principal": { "AWS": ["*"] }, "Action": "kms:*", "Resource": "*" } } } } }
            """, "KeyPolicy.Statement allows Principal * without a Condition; name the principals or add a Condition."),

        RuleFixture.Compliant("INFRA-KMS-3", "a key with a description", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "Description": "Encrypts the orders Aurora cluster" } } }
            """),
        RuleFixture.Compliant("INFRA-KMS-3", "a description built with Fn::Sub", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "Description": { "Fn::Sub": "Encrypts ${AWS::StackName} buckets" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-KMS-3", "a key without a description", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": {} } }
            """, "Description is not set; say what the key protects."),
        RuleFixture.NonCompliant("INFRA-KMS-3", "a blank description", """
            { "K": { "Type": "AWS::KMS::Key", "Properties": { "Description": "  " } } }
            """, "Description is empty; say what the key protects."),
    ];
}
