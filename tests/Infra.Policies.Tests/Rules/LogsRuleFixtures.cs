using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the CloudWatch Logs rules.</summary>
public static class LogsRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-LOGS-1", "a log group with retention", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 30 } } }
            """),
        RuleFixture.Compliant("INFRA-LOGS-1", "retention given by a mapping", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": { "Fn::FindInMap": ["Env", "prod", "Retention"] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-LOGS-1", "a log group kept forever", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": {} } }
            """, "RetentionInDays is not set, so events are kept (and billed) forever; set it."),

        RuleFixture.Compliant("INFRA-LOGS-2", "a log group with a customer-managed key", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 30, "KmsKeyId": { "Fn::GetAtt": ["K", "Arn"] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-LOGS-2", "a log group without a key", """
            { "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "RetentionInDays": 30 } } }
            """, "KmsKeyId is not set; set it to a customer-managed key."),
    ];
}
