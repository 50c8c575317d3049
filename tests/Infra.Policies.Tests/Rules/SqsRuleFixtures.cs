using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the SQS rules.</summary>
public static class SqsRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-SQS-1", "queues encrypted with KMS and with SSE-SQS", """
            {
              "K": { "Type": "AWS::SQS::Queue", "Properties": { "KmsMasterKeyId": { "Fn::GetAtt": ["Key", "Arn"] } } },
              "S": { "Type": "AWS::SQS::Queue", "Properties": { "SqsManagedSseEnabled": true } }
            }
            """),
        RuleFixture.Compliant("INFRA-SQS-1", "a queue whose SSE setting is an intrinsic", """
            { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "SqsManagedSseEnabled": { "Ref": "Sse" } } } }
            """),
        RuleFixture.NonCompliant("INFRA-SQS-1", "a queue without encryption settings", """
            { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "VisibilityTimeout": 30 } } }
            """, "Neither KmsMasterKeyId nor SqsManagedSseEnabled is set; set KmsMasterKeyId to a KMS key or SqsManagedSseEnabled to true."),
        RuleFixture.NonCompliant("INFRA-SQS-1", "a queue with SSE-SQS turned off", """
            { "Q": { "Type": "AWS::SQS::Queue", "Properties": { "SqsManagedSseEnabled": false } } }
            """, "SqsManagedSseEnabled is false and KmsMasterKeyId is not set; set KmsMasterKeyId to a KMS key or SqsManagedSseEnabled to true."),

        RuleFixture.Compliant("INFRA-SQS-2", "a queue whose policy denies plain HTTP (CDK EnforceSSL)", """
            {
              "Q": { "Type": "AWS::SQS::Queue" },
              "P": { "Type": "AWS::SQS::QueuePolicy", "Properties": { "Queues": [{ "Ref": "Q" }], "PolicyDocument": { "Statement": [
                { "Effect": "Deny", "Principal": { "AWS": "*" }, "Action": "sqs:*", "Resource": { "Fn::GetAtt": ["Q", "Arn"] }, "Condition": { "Bool": { "aws:SecureTransport": "false" } } } ] } } }
            }
            """),
        RuleFixture.Compliant("INFRA-SQS-2", "a queue whose policy has a single Deny statement (not a list)", """
            {
              "Q": { "Type": "AWS::SQS::Queue" },
              "P": { "Type": "AWS::SQS::QueuePolicy", "Properties": { "Queues": [{ "Ref": "Q" }], "PolicyDocument": { "Statement":
                { "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": { "Bool": { "aws:SecureTransport": false } } } } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-SQS-2", "a queue without a policy", """
            { "Q": { "Type": "AWS::SQS::Queue" } }
            """, "The queue has no queue policy in this template, so nothing denies requests without TLS."),
        RuleFixture.NonCompliant("INFRA-SQS-2", "a queue whose policy only allows", """
            {
              "Q": { "Type": "AWS::SQS::Queue" },
              "P": { "Type": "AWS::SQS::QueuePolicy", "Properties": { "Queues": [{ "Ref": "Q" }], "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Principal": { "Service": "events.amazonaws.com" }, "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["Q", "Arn"] } } ] } } }
            }
            """, "No statement of the queue policy denies requests with aws:SecureTransport = false."),
    ];
}
