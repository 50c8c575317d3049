using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the Secrets Manager rules.</summary>
public static class SecretsManagerRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-SECRETS-1", "a secret with a rotation schedule", """
            {
              "S": { "Type": "AWS::SecretsManager::Secret", "Properties": {} },
              "R": { "Type": "AWS::SecretsManager::RotationSchedule", "Properties": { "SecretId": { "Ref": "S" }, "RotationRules": { "ScheduleExpression": "rate(30 days)" } } }
            }
            """),
        RuleFixture.NonCompliant("INFRA-SECRETS-1", "a secret without rotation", """
            { "S": { "Type": "AWS::SecretsManager::Secret", "Properties": {} } }
            """, "No AWS::SecretsManager::RotationSchedule in this template has a SecretId referring to the secret; add one."),
        RuleFixture.NonCompliant("INFRA-SECRETS-1", "a schedule rotating another secret", """
            {
              "S": { "Type": "AWS::SecretsManager::Secret", "Properties": {} },
              "Other": { "Type": "AWS::SecretsManager::Secret", "Properties": {} },
              "R": { "Type": "AWS::SecretsManager::RotationSchedule", "Properties": { "SecretId": { "Ref": "Other" }, "RotationRules": { "ScheduleExpression": "rate(30 days)" } } }
            }
            """, "No AWS::SecretsManager::RotationSchedule in this template has a SecretId referring to the secret; add one."),

        RuleFixture.Compliant("INFRA-SECRETS-2", "a secret with a customer-managed key", """
            { "S": { "Type": "AWS::SecretsManager::Secret", "Properties": { "KmsKeyId": { "Fn::GetAtt": ["K", "Arn"] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-SECRETS-2", "a secret without a key", """
            { "S": { "Type": "AWS::SecretsManager::Secret", "Properties": {} } }
            """, "KmsKeyId is not set, so the secret uses the AWS managed key aws/secretsmanager; set it to a customer-managed key."),
        RuleFixture.NonCompliant("INFRA-SECRETS-2", "a secret naming the AWS managed key", """
            { "S": { "Type": "AWS::SecretsManager::Secret", "Properties": { "KmsKeyId": "alias/aws/secretsmanager" } } }
            """, "KmsKeyId is alias/aws/secretsmanager, an AWS managed key; set it to a customer-managed key."),
    ];
}
