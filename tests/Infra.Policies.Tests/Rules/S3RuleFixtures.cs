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
    ];
}
