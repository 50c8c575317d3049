using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the S3 rules.</summary>
public static class S3RuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-S3-5", "a versioned bucket", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Enabled" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-5", "a bucket without versioning", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {} } }
            """, "VersioningConfiguration.Status is not set; set it to Enabled."),
        RuleFixture.NonCompliant("INFRA-S3-5", "a bucket with versioning suspended", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Suspended" } } } }
            """, "VersioningConfiguration.Status is Suspended; set it to Enabled."),

        RuleFixture.Compliant("INFRA-S3-2", "a bucket whose policy denies plain HTTP", """
            {
              "B": { "Type": "AWS::S3::Bucket" },
              "P": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "B" }, "PolicyDocument": { "Statement": [
                { "Effect": "Deny", "Principal": { "AWS": "*" }, "Action": "s3:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } } ] } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-S3-2", "a bucket without a policy", """
            { "B": { "Type": "AWS::S3::Bucket" } }
            """, "The bucket has no bucket policy in this template, so nothing denies requests without TLS."),
        RuleFixture.NonCompliant("INFRA-S3-2", "a bucket whose policy allows plain HTTP", """
            {
              "B": { "Type": "AWS::S3::Bucket" },
              "P": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": { "Ref": "B" }, "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "s3:GetObject", "Resource": "*" } ] } } }
            }
            """, "No statement of the bucket policy denies requests with aws:SecureTransport = false."),
        RuleFixture.Compliant("INFRA-S3-1", "a bucket blocking all public access", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "PublicAccessBlockConfiguration": {
              "BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-1", "string booleans and an intrinsic setting are accepted", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "PublicAccessBlockConfiguration": {
              "BlockPublicAcls": "true", "BlockPublicPolicy": { "Fn::If": ["Strict", true, false] }, "IgnorePublicAcls": "true", "RestrictPublicBuckets": true } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-1", "a configuration built with an intrinsic is not judged", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "PublicAccessBlockConfiguration": { "Fn::If": ["Strict", { "BlockPublicAcls": true }, { "Ref": "AWS::NoValue" }] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-1", "a bucket without Block Public Access", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {} } }
            """, "PublicAccessBlockConfiguration is not set; set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true."),
        RuleFixture.NonCompliant("INFRA-S3-1", "a bucket with two settings off", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "PublicAccessBlockConfiguration": {
              "BlockPublicAcls": true, "BlockPublicPolicy": false, "IgnorePublicAcls": true } } } }
            """, "PublicAccessBlockConfiguration does not set BlockPublicPolicy (false), RestrictPublicBuckets (not set) to true; set all four settings to true."),

        RuleFixture.Compliant("INFRA-S3-3", "a bucket with SSE-KMS", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Fn::GetAtt": ["K", "Arn"] } }, "BucketKeyEnabled": true } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-3", "a bucket with SSE-S3", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-3", "an algorithm given by a parameter is not judged", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": { "Ref": "Algorithm" } } } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-3", "a bucket without BucketEncryption", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {} } }
            """, "BucketEncryption is not set; set ServerSideEncryptionConfiguration with a ServerSideEncryptionByDefault.SSEAlgorithm."),
        RuleFixture.NonCompliant("INFRA-S3-3", "an encryption rule without a default algorithm", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [ { "BucketKeyEnabled": true } ] } } } }
            """, "BucketEncryption.ServerSideEncryptionConfiguration has no rule with ServerSideEncryptionByDefault.SSEAlgorithm; set it to aws:kms (or AES256)."),

        RuleFixture.Compliant("INFRA-S3-4", "SSE-KMS with a customer-managed key and a Bucket Key", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": { "Fn::GetAtt": ["K", "Arn"] } }, "BucketKeyEnabled": true } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-4", "DSSE-KMS with a customer-managed key and a Bucket Key", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" }, "BucketKeyEnabled": "true" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-4", "an algorithm given by a parameter is not judged", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": { "Ref": "Algorithm" } } } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-4", "a bucket without default encryption", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {} } }
            """, "No default encryption is declared (BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault); use SSE-KMS with a customer-managed key."),
        RuleFixture.NonCompliant("INFRA-S3-4", "SSE-S3 (an access-log bucket must suppress this)", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "AES256" } } ] } } } }
            """, "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm is AES256; set it to aws:kms with a customer-managed key."),
        RuleFixture.NonCompliant("INFRA-S3-4", "SSE-KMS under aws/s3 without a Bucket Key", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms" } } ] } } } }
            """,
            "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID is not set, so S3 uses the AWS managed key aws/s3; set it to a customer-managed key.",
            "BucketEncryption.ServerSideEncryptionConfiguration[0].BucketKeyEnabled is not set; set it to true so object requests do not each call KMS."),
        RuleFixture.NonCompliant("INFRA-S3-4", "SSE-KMS naming the AWS managed key alias", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketEncryption": { "ServerSideEncryptionConfiguration": [
              { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3" }, "BucketKeyEnabled": false } ] } } } }
            """,
            "BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID is alias/aws/s3, an AWS managed key; set it to a customer-managed key.",
            "BucketEncryption.ServerSideEncryptionConfiguration[0].BucketKeyEnabled is false; set it to true so object requests do not each call KMS."),

        RuleFixture.Compliant("INFRA-S3-6", "a bucket with ACLs disabled", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "OwnershipControls": { "Rules": [ { "ObjectOwnership": "BucketOwnerEnforced" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-6", "ACLs disabled with the Private canned ACL", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": "Private", "OwnershipControls": { "Rules": [ { "ObjectOwnership": "BucketOwnerEnforced" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-6", "values given by intrinsics are not judged", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": { "Ref": "Acl" }, "OwnershipControls": { "Rules": [ { "ObjectOwnership": { "Ref": "Ownership" } } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-6", "a bucket without OwnershipControls", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {} } }
            """, "OwnershipControls.Rules[0].ObjectOwnership is not set; set it to BucketOwnerEnforced."),
        RuleFixture.NonCompliant("INFRA-S3-6", "ObjectWriter ownership and a public-read ACL", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": "PublicRead", "OwnershipControls": { "Rules": [ { "ObjectOwnership": "ObjectWriter" } ] } } } }
            """,
            "OwnershipControls.Rules[0].ObjectOwnership is ObjectWriter; set it to BucketOwnerEnforced.",
            "AccessControl is PublicRead; remove it (ACLs are disabled) and grant access with the bucket policy."),

        RuleFixture.Compliant("INFRA-S3-7", "a bucket logging to the access-log bucket", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "LoggingConfiguration": { "DestinationBucketName": { "Ref": "Logs" }, "LogFilePrefix": "b/" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-7", "a bucket without access logging", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {} } }
            """, "LoggingConfiguration is not set; set LoggingConfiguration.DestinationBucketName to the access-log bucket."),
        RuleFixture.NonCompliant("INFRA-S3-7", "a logging configuration without a destination", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "LoggingConfiguration": { "LogFilePrefix": "b/" } } } }
            """, "LoggingConfiguration.DestinationBucketName is not set; set it to the access-log bucket."),

        RuleFixture.Compliant("INFRA-S3-8", "a versioned bucket that aborts uploads and expires noncurrent versions", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {
              "VersioningConfiguration": { "Status": "Enabled" },
              "LifecycleConfiguration": { "Rules": [
                { "Id": "abort", "Status": "Enabled", "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 } },
                { "Id": "noncurrent", "Status": "Enabled", "NoncurrentVersionExpiration": { "NoncurrentDays": 30 } } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-8", "an unversioned bucket only needs the abort rule", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {
              "LifecycleConfiguration": { "Rules": [ { "Status": "Enabled", "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 1 } } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-8", "the legacy NoncurrentVersionExpirationInDays counts", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {
              "VersioningConfiguration": { "Status": "Enabled" },
              "LifecycleConfiguration": { "Rules": [
                { "Status": "Enabled", "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 }, "NoncurrentVersionExpirationInDays": 30 } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-S3-8", "a rule whose Status is an intrinsic is not judged", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {
              "VersioningConfiguration": { "Status": "Enabled" },
              "LifecycleConfiguration": { "Rules": [
                { "Status": { "Ref": "LifecycleStatus" }, "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 }, "NoncurrentVersionExpiration": { "NoncurrentDays": 30 } } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-S3-8", "a versioned bucket without lifecycle rules", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "VersioningConfiguration": { "Status": "Enabled" } } } }
            """,
            "No enabled LifecycleConfiguration rule has AbortIncompleteMultipartUpload; add one (for example DaysAfterInitiation 7) so parts of abandoned uploads stop being billed.",
            "The bucket is versioned (VersioningConfiguration.Status is Enabled) but no enabled LifecycleConfiguration rule has NoncurrentVersionExpiration; add one so noncurrent versions do not accumulate without bound."),
        RuleFixture.NonCompliant("INFRA-S3-8", "an abort rule that is disabled", """
            { "B": { "Type": "AWS::S3::Bucket", "Properties": {
              "LifecycleConfiguration": { "Rules": [ { "Status": "Disabled", "AbortIncompleteMultipartUpload": { "DaysAfterInitiation": 7 } } ] } } } }
            """, "No enabled LifecycleConfiguration rule has AbortIncompleteMultipartUpload; add one (for example DaysAfterInitiation 7) so parts of abandoned uploads stop being billed."),
    ];
}
