using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the SNS rules.</summary>
public static class SnsRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-SNS-1", "a topic encrypted with a KMS key", """
            { "T": { "Type": "AWS::SNS::Topic", "Properties": { "KmsMasterKeyId": { "Fn::GetAtt": ["Key", "Arn"] } } } }
            """),
        RuleFixture.Compliant("INFRA-SNS-1", "a topic encrypted with the AWS managed key", """
            { "T": { "Type": "AWS::SNS::Topic", "Properties": { "KmsMasterKeyId": "alias/aws/sns" } } }
            """),
        RuleFixture.NonCompliant("INFRA-SNS-1", "an unencrypted topic", """
            { "T": { "Type": "AWS::SNS::Topic", "Properties": { "TopicName": "alerts" } } }
            """, "KmsMasterKeyId is not set; set it to a KMS key."),

        RuleFixture.Compliant("INFRA-SNS-2", "a topic whose policy denies plain HTTP (CDK EnforceSSL)", """
            {
              "T": { "Type": "AWS::SNS::Topic" },
              "P": { "Type": "AWS::SNS::TopicPolicy", "Properties": { "Topics": [{ "Ref": "T" }], "PolicyDocument": { "Statement": [
                { "Effect": "Deny", "Principal": "*", "Action": "sns:Publish", "Resource": { "Ref": "T" }, "Condition": { "Bool": { "aws:SecureTransport": "false" } } } ] } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-SNS-2", "a topic without a policy", """
            { "T": { "Type": "AWS::SNS::Topic" } }
            """, "The topic has no topic policy in this template, so nothing denies requests without TLS."),
        RuleFixture.NonCompliant("INFRA-SNS-2", "a topic whose policy denies something else", """
            {
              "T": { "Type": "AWS::SNS::Topic" },
              "P": { "Type": "AWS::SNS::TopicPolicy", "Properties": { "Topics": [{ "Ref": "T" }], "PolicyDocument": { "Statement": [
                { "Effect": "Deny", "Principal": "*", "Action": "sns:Subscribe", "Resource": { "Ref": "T" }, "Condition": { "StringNotEquals": { "aws:PrincipalAccount": "123456789012" } } } ] } } }
            }
            """, "No statement of the topic policy denies requests with aws:SecureTransport = false."),
    ];
}
