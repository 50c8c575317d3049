using System.Collections.Generic;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the IAM rules.</summary>
public static class IamRuleFixtures
{
    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-IAM-1", "a scoped policy", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::orders/*" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-1", "a Deny of everything, and Action * on one resource", """
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": { "Statement": [
              { "Effect": "Deny", "Action": "*", "Resource": "*" },
              { "Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::orders" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-1", "resource policies are not identity policies", """
            { "P": { "Type": "AWS::S3::BucketPolicy", "Properties": { "Bucket": "b", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "*", "Resource": "*" } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-1", "a policy allowing * on *", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": "*", "Resource": "*" } ] } } } }
            """, "PolicyDocument.Statement[0] allows Action * on Resource *, full administrator access; grant only the actions and resources needed."),
        RuleFixture.NonCompliant("INFRA-IAM-1", "a role's second inline policy allowing *:* on *", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] }, "Policies": [
              { "PolicyName": "ok", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" } ] } },
              { "PolicyName": "admin", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["*"] } ] } } ] } } }
            """, "Policies[1].PolicyDocument.Statement[0] allows Action *:* on Resource *, full administrator access; grant only the actions and resources needed."),

        RuleFixture.Compliant("INFRA-IAM-2", "named actions and a prefix wildcard", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": ["s3:GetObject", "s3:List*"], "Resource": "arn:aws:s3:::b" },
              { "Effect": "Deny", "Action": "s3:*", "Resource": "*" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-2", "a queue policy is a resource policy", """
            { "Q": { "Type": "AWS::SQS::QueuePolicy", "Properties": { "Queues": ["q"], "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sqs:*", "Resource": "*" } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-2", "one finding per wildcard action, naming every statement", """
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b" },
              { "Effect": "Allow", "Action": ["*", "s3:*"], "Resource": "arn:aws:s3:::c" } ] } } } }
            """,
            "Action s3:* is allowed in PolicyDocument.Statement[0], PolicyDocument.Statement[1]; list the actions needed instead.",
            "Action * is allowed in PolicyDocument.Statement[1]; list the actions needed instead.")
            .WithFindingIds("Action::s3:*", "Action::*"),
        RuleFixture.NonCompliant("INFRA-IAM-2", "a user's inline policy", """
            { "U": { "Type": "AWS::IAM::User", "Properties": { "Policies": [
              { "PolicyName": "p", "PolicyDocument": { "Statement": { "Effect": "Allow", "Action": "dynamodb:*", "Resource": "arn:aws:dynamodb:eu-west-1:123456789012:table/t" } } } ] } } }
            """, "Action dynamodb:* is allowed in Policies[0].PolicyDocument.Statement; list the actions needed instead.")
            .WithFindingIds("Action::dynamodb:*"),

        RuleFixture.Compliant("INFRA-IAM-3", "statements scoped to resources", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": "s3:GetObject", "Resource": { "Fn::Sub": "${B.Arn}/*" } } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-3", "actions that only support Resource *", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": ["ec2:DescribeInstances", "sts:GetCallerIdentity", "CloudWatch:PutMetricData"], "Resource": "*" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-3", "actions given by an intrinsic are not judged", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": { "Fn::Split": [",", { "Ref": "Actions" }] }, "Resource": "*" } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-3", "one finding naming the statements on *, except the exempt ones", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] }, "Policies": [
              { "PolicyName": "p", "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },
                { "Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*" },
                { "Effect": "Allow", "Action": ["ec2:DescribeInstances", "ec2:TerminateInstances"], "Resource": ["arn:aws:ec2:eu-west-1:123456789012:instance/i-1", "*"] } ] } } ] } } }
            """, "Resource * is allowed in Policies[0].PolicyDocument.Statement[0], Policies[0].PolicyDocument.Statement[2]; scope the statements to the resources used.")
            .WithFindingIds("Resource::*"),
        RuleFixture.NonCompliant("INFRA-IAM-3", "NotAction on *", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" } ] } } } }
            """, "Resource * is allowed in PolicyDocument.Statement[0]; scope the statements to the resources used.")
            .WithFindingIds("Resource::*"),

        RuleFixture.Compliant("INFRA-IAM-4", "customer-managed policies only", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] }, "ManagedPolicyArns": [
              { "Ref": "OwnPolicy" }, "arn:aws:iam::123456789012:policy/Mine" ] } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-4", "AWS-managed policies as a literal, an Fn::Join and an Fn::Sub", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] }, "ManagedPolicyArns": [
              "arn:aws:iam::aws:policy/ReadOnlyAccess",
              { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]] },
              { "Ref": "OwnPolicy" },
              { "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore" } ] } } }
            """,
            "ManagedPolicyArns[0] attaches the AWS-managed policy ReadOnlyAccess; use a customer-managed policy scoped to what is needed.",
            "ManagedPolicyArns[1] attaches the AWS-managed policy service-role/AWSLambdaBasicExecutionRole; use a customer-managed policy scoped to what is needed.",
            "ManagedPolicyArns[3] attaches the AWS-managed policy AmazonSSMManagedInstanceCore; use a customer-managed policy scoped to what is needed.")
            .WithFindingIds("Policy::ReadOnlyAccess", "Policy::service-role/AWSLambdaBasicExecutionRole", "Policy::AmazonSSMManagedInstanceCore"),
        RuleFixture.NonCompliant("INFRA-IAM-4", "a group with an AWS-managed policy", """
            { "G": { "Type": "AWS::IAM::Group", "Properties": { "ManagedPolicyArns": ["arn:aws:iam::aws:policy/AdministratorAccess"] } } }
            """, "ManagedPolicyArns[0] attaches the AWS-managed policy AdministratorAccess; use a customer-managed policy scoped to what is needed.")
            .WithFindingIds("Policy::AdministratorAccess"),

        RuleFixture.Compliant("INFRA-IAM-5", "a role trusted by a service", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" } ] } } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-5", "Principal * limited by a Condition", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole", "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-abc123" } } } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-5", "a role anyone can assume", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "AWS": "*" }, "Action": "sts:AssumeRole" } ] } } } }
            """, "AssumeRolePolicyDocument.Statement[0] allows Principal * to assume the role without a Condition; name the principals or add a Condition."),
        RuleFixture.NonCompliant("INFRA-IAM-5", "a second statement for Principal \"*\"", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [
              { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" },
              { "Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole" } ] } } } }
            """, "AssumeRolePolicyDocument.Statement[1] allows Principal * to assume the role without a Condition; name the principals or add a Condition."),

        RuleFixture.Compliant("INFRA-IAM-6", "PassRole on one role", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": "iam:PassRole", "Resource": { "Fn::GetAtt": ["NodeRole", "Arn"] } },
              { "Effect": "Deny", "Action": "iam:PassRole", "Resource": "*" } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-6", "PassRole on *", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
              { "Effect": "Allow", "Action": ["ec2:RunInstances", "iam:PassRole"], "Resource": "*" } ] } } } }
            """, "PolicyDocument.Statement[0] allows iam:PassRole on Resource *, so any role can be passed; limit Resource to the roles passed."),
        RuleFixture.NonCompliant("INFRA-IAM-6", "a group's inline iam:* on *", """
            { "G": { "Type": "AWS::IAM::Group", "Properties": { "Policies": [
              { "PolicyName": "p", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "iam:*", "Resource": "*" } ] } } ] } } }
            """, "Policies[0].PolicyDocument.Statement[0] allows iam:* on Resource *, so any role can be passed; limit Resource to the roles passed."),

        RuleFixture.Compliant("INFRA-IAM-7", "roles only", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-7", "an IAM user", """
            { "U": { "Type": "AWS::IAM::User", "Properties": {} } }
            """, "The template creates an IAM user; use a role (with federation for people and CI) instead."),
    ];
}
