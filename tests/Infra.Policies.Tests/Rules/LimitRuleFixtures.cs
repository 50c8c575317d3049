using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Tests.Rules;

/// <summary>Raw-template fixtures of the rules for limits that make AWS refuse a deploy (IAM sizes and counts, template, name and tag limits).</summary>
public static class LimitRuleFixtures
{
    /// <summary>A compact policy document of exactly <paramref name="size"/> characters (one statement, padded in its Resource).</summary>
    public static string Policy(int size, string resource = "arn:aws:s3:::b/")
    {
        var empty = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"{{resource}}"}]}""";
        return empty.Replace(resource, resource + new string('x', size - empty.Length), System.StringComparison.Ordinal);
    }

    /// <summary>A trust policy of exactly <paramref name="size"/> characters.</summary>
    public static string Trust(int size)
    {
        var empty = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/"},"Action":"sts:AssumeRole"}]}""";
        return empty.Replace("role/", "role/" + new string('x', size - empty.Length), System.StringComparison.Ordinal);
    }

    private static string Role(int trust = 200) => $$"""{ "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {{Trust(trust)}} } }""";

    private static string Arns(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"\"arn:aws:iam::123456789012:policy/P{i}\""));

    private static string Resources(int count) =>
        "{ " + string.Join(", ", Enumerable.Range(1, count).Select(i => $$"""
            "Topic{{i}}": { "Type": "AWS::SNS::Topic" }
            """)) + " }";

    public static IEnumerable<RuleFixture> All =>
    [
        RuleFixture.Compliant("INFRA-IAM-8", "a managed policy of exactly 6,144 characters", $$"""
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": {{Policy(6_144)}} } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-8", "whitespace is not counted and AWS::Partition resolves to aws", $$"""
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": {{Policy(6_144, "arn:aws:s3:::b/").Replace("\"arn:aws:s3:::b/", "{ \"Fn::Join\": [\"\", [\"arn:\", { \"Ref\": \"AWS::Partition\" }, \":s3:::b/").Replace("x\"}]}", "x\"]] }}]}").Replace(",", ",    ")}} } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-8", "a managed policy one character over", $$"""
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": {{Policy(6_145)}} } } }
            """, "PolicyDocument is 6,145 characters (compact JSON, every value resolved), over IAM's limit of 6,144 for a managed policy; split it into smaller managed policies."),
        RuleFixture.NonCompliant("INFRA-IAM-8", "another resource's ARN counts at the CDK's 150-character estimate", $$"""
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Action": "s3:GetObject", "Resource": [ { "Fn::GetAtt": ["Bucket", "Arn"] }, "{{new string('x', 5_970)}}" ] } ] } } } }
            """, "PolicyDocument is 6,197 characters (compact JSON, 1 deploy-time value estimated generously), over IAM's limit of 6,144 for a managed policy; split it into smaller managed policies."),

        RuleFixture.Compliant("INFRA-IAM-9", "a role's own and attached inline policies at exactly 10,240 characters", $$"""
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {{Trust(200)}},
                "Policies": [ { "PolicyName": "own", "PolicyDocument": {{Policy(5_120)}} } ] } },
              "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "Roles": [ { "Ref": "R" } ], "PolicyDocument": {{Policy(5_120)}} } } }
            """),
        RuleFixture.Compliant("INFRA-IAM-9", "a policy attached to a role of another stack is not added to this one", $$"""
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {{Trust(200)}}, "RoleName": "mine" } },
              "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "Roles": [ "theirs" ], "PolicyDocument": {{Policy(10_241)}} } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-9", "a role one character over, with a policy attached by its literal name", $$"""
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {{Trust(200)}}, "RoleName": "app",
                "Policies": [ { "PolicyName": "own", "PolicyDocument": {{Policy(5_121)}} } ] } },
              "P": { "Type": "AWS::IAM::RolePolicy", "Properties": { "PolicyName": "p", "RoleName": "app", "PolicyDocument": {{Policy(5_120)}} } } }
            """, "Inline policies total 10,241 characters (Policies[0] 5,121, P 5,120; compact JSON, every value resolved), over IAM's limit of 10,240 for a role; move statements into managed policies."),
        RuleFixture.NonCompliant("INFRA-IAM-9", "a user over 2,048", $$"""
            { "U": { "Type": "AWS::IAM::User", "Properties": { "Policies": [ { "PolicyName": "own", "PolicyDocument": {{Policy(2_049)}} } ] } } }
            """, "Inline policies total 2,049 characters (Policies[0] 2,049; compact JSON, every value resolved), over IAM's limit of 2,048 for a user; move statements into managed policies."),
        RuleFixture.NonCompliant("INFRA-IAM-9", "a group over 5,120 through an AWS::IAM::Policy", $$"""
            { "G": { "Type": "AWS::IAM::Group", "Properties": {} },
              "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "Groups": [ { "Ref": "G" } ], "PolicyDocument": {{Policy(5_121)}} } } }
            """, "Inline policies total 5,121 characters (P 5,121; compact JSON, every value resolved), over IAM's limit of 5,120 for a group; move statements into managed policies."),

        RuleFixture.Compliant("INFRA-IAM-10", "a trust policy of exactly 2,048 characters", $$"""
            { "R": {{Role(2_048)}} }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-10", "a trust policy one character over", $$"""
            { "R": {{Role(2_049)}} }
            """, "AssumeRolePolicyDocument is 2,049 characters (compact JSON, every value resolved), over IAM's default trust-policy quota of 2,048 (a quota increase raises it to 4,096); trust fewer principals or raise the quota."),

        RuleFixture.Compliant("INFRA-IAM-11", "ten managed policies, one named both ways counted once", $$"""
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {{Trust(200)}}, "ManagedPolicyArns": [ {{Arns(9)}}, { "Ref": "M" } ] } },
              "M": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "Roles": [ { "Ref": "R" } ], "PolicyDocument": {{Policy(200)}} } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-11", "eleven managed policies on a role", $$"""
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": {{Trust(200)}}, "ManagedPolicyArns": [ {{Arns(10)}} ] } },
              "M": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "Roles": [ { "Ref": "R" } ], "PolicyDocument": {{Policy(200)}} } } }
            """, "11 managed policies are attached (10 in ManagedPolicyArns, 1 AWS::IAM::ManagedPolicy resource naming the role), over IAM's default quota of 10 per role (a quota increase raises it to 20); merge policies or raise the quota."),
        RuleFixture.NonCompliant("INFRA-IAM-11", "eleven managed policies on a group", $$"""
            { "G": { "Type": "AWS::IAM::Group", "Properties": { "ManagedPolicyArns": [ {{Arns(11)}} ] } } }
            """, "11 managed policies are attached (11 in ManagedPolicyArns, 0 AWS::IAM::ManagedPolicy resources naming the group), over IAM's fixed limit of 10 per group; merge policies."),

        RuleFixture.Compliant("INFRA-IAM-12", "reads on *, writes on named resources, writes on * under a Condition, star-only writes, a Deny", """
            { "P": { "Type": "AWS::IAM::ManagedPolicy", "Properties": { "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Action": ["ec2:Describe*", "s3:GetObject", "dynamodb:BatchGetItem", "logs:FilterLogEvents"], "Resource": "*" },
                { "Effect": "Allow", "Action": "s3:PutObject", "Resource": [ "arn:aws:s3:::orders/*", { "Fn::Sub": "${Bucket.Arn}/*" } ] },
                { "Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "arn:aws:ec2:us-east-1:111111111111:instance/*",
                  "Condition": { "StringEquals": { "aws:ResourceTag/owner": "team" } } },
                { "Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*" },
                { "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*" } ] } } } }
            """),
        RuleFixture.NonCompliant("INFRA-IAM-12", "bare *, wildcard ARNs (account, resource id, S3 bucket, via Fn::Join) and NotAction, one finding per statement", """
            { "P": { "Type": "AWS::IAM::Policy", "Properties": { "PolicyName": "p", "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*" },
                { "Sid": "Groups", "Effect": "Allow", "Action": "ec2:AuthorizeSecurityGroupIngress",
                  "Resource": { "Fn::Join": ["", ["arn:", { "Ref": "AWS::Partition" }, ":ec2:us-east-1:111111111111:security-group/*"]] } },
                { "Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::orders/*", "arn:aws:s3:::*"] },
                { "Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::*:role/x" },
                { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" } ] } } } }
            """,
            "PolicyDocument.Statement[0] allows s3:PutObject on * without a Condition; name the resources or add a Condition that scopes them.",
            "PolicyDocument.Statement[1] allows ec2:AuthorizeSecurityGroupIngress on arn:aws:ec2:us-east-1:111111111111:security-group/* without a Condition; name the resources or add a Condition that scopes them.",
            "PolicyDocument.Statement[2] allows s3:* on arn:aws:s3:::* without a Condition; name the resources or add a Condition that scopes them.",
            "PolicyDocument.Statement[3] allows iam:PassRole on arn:aws:iam::*:role/x without a Condition; name the resources or add a Condition that scopes them.",
            "PolicyDocument.Statement[4] allows NotAction (every action but those listed) on * without a Condition; name the resources or add a Condition that scopes them.")
            .WithFindingIds("Statement::0", "Statement::Groups", "Statement::2", "Statement::3", "Statement::4"),
        RuleFixture.NonCompliant("INFRA-IAM-12", "a role's inline policy names the finding by policy and index", """
            { "R": { "Type": "AWS::IAM::Role", "Properties": { "AssumeRolePolicyDocument": { "Statement": [] }, "Policies": [
                { "PolicyName": "ops", "PolicyDocument": { "Statement": { "Effect": "Allow", "Action": ["sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage", "sqs:PurgeQueue", "sqs:SetQueueAttributes", "sqs:TagQueue"], "Resource": "arn:aws:sqs:us-east-1:111111111111:*" } } } ] } } }
            """, "Policies[0].PolicyDocument.Statement allows sqs:DeleteMessage, sqs:ReceiveMessage, sqs:SendMessage, sqs:PurgeQueue, sqs:SetQueueAttributes and 1 more on arn:aws:sqs:us-east-1:111111111111:* without a Condition; name the resources or add a Condition that scopes them.")
            .WithFindingIds("Statement::ops/0"),

        RuleFixture.Compliant("INFRA-CFN-2", "a template of 500 resources", Resources(500)),
        RuleFixture.NonCompliant("INFRA-CFN-2", "a template of 501 resources", Resources(501),
            "Resources declares 501 entries, over CloudFormation's limit of 500; split the stack.")
            .WithFindingIds("Resources::Count"),

        RuleFixture.Compliant("INFRA-CFN-3", "names at their limits, generated names and names known only at deploy time", $$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "{{new string('b', 63)}}" } },
              "R": { "Type": "AWS::IAM::Role", "Properties": { "RoleName": { "Fn::Join": ["-", ["{{new string('r', 31)}}", "{{new string('r', 32)}}"]] }, "Path": "/ops/" } },
              "Q": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "{{new string('q', 75)}}.fifo" } },
              "T": { "Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": { "Name": { "Fn::Sub": "${AWS::StackName}-tg" } } },
              "D": { "Type": "AWS::RDS::DBCluster", "Properties": { "DBClusterIdentifier": "orders-db-1" } },
              "A": { "Type": "AWS::KMS::Alias", "Properties": { "AliasName": "alias/orders", "TargetKeyId": "k" } },
              "V": { "Type": "AWS::Backup::BackupVault", "Properties": { "BackupVaultName": "orders_vault-1" } },
              "F": { "Type": "AWS::Lambda::Function" } }
            """),
        RuleFixture.NonCompliant("INFRA-CFN-3", "one over and broken character rules", $$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "BucketName": "Orders..Data" } },
              "R": { "Type": "AWS::IAM::Role", "Properties": { "RoleName": { "Fn::Sub": "${AWS::Partition}-{{new string('r', 61)}}" } } },
              "Q": { "Type": "AWS::SQS::Queue", "Properties": { "QueueName": "{{new string('q', 76)}}.fifo" } },
              "D": { "Type": "AWS::RDS::DBInstance", "Properties": { "DBInstanceIdentifier": "1-orders--db-" } },
              "A": { "Type": "AWS::KMS::Alias", "Properties": { "AliasName": "alias/aws/orders", "TargetKeyId": "k" } },
              "L": { "Type": "AWS::Logs::LogGroup", "Properties": { "LogGroupName": "aws/orders" } },
              "V": { "Type": "AWS::Backup::BackupVault", "Properties": { "BackupVaultName": "v" } } }
            """,
            "BucketName 'Orders..Data' has uppercase letters and has '..'; S3 bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, start and end with a letter or digit, and have no '..'.",
            $"RoleName 'aws-{new string('r', 61)}' is 65 characters; IAM role names are at most 64 characters.",
            $"QueueName '{new string('q', 76)}.fifo' is 81 characters; SQS queue names are at most 80 characters, the '.fifo' suffix included.",
            "DBInstanceIdentifier '1-orders--db-' does not start with a letter and ends with '-' and has '--'; RDS identifiers are 1 to 63 letters, digits and hyphens, start with a letter, do not end with '-' and have no '--'.",
            "AliasName 'alias/aws/orders' uses the reserved prefix 'alias/aws/'; KMS alias names are at most 256 characters, start with 'alias/' but not 'alias/aws/', and use letters, digits, ':', '/', '_' and '-'.",
            "LogGroupName 'aws/orders' starts with the reserved 'aws/'; log group names are at most 512 characters and do not start with 'aws/'.",
            "BackupVaultName 'v' is 1 characters; backup vault names are 2 to 50 letters, digits, '-' and '_'.")
            .WithFindingIds("Name::BucketName", "Name::RoleName", "Name::QueueName", "Name::DBInstanceIdentifier", "Name::AliasName", "Name::LogGroupName", "Name::BackupVaultName"),

        RuleFixture.Compliant("INFRA-TAGS-2", "50 user tags (aws: tags from CloudFormation do not count), a 128-character key and a 256-character value", $$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [ {{string.Join(", ", Enumerable.Range(1, 49).Select(i => $"{{ \"Key\": \"k{i}\", \"Value\": \"v\" }}"))}},
                { "Key": "{{new string('k', 128)}}", "Value": "{{new string('v', 256)}}" } ] } },
              "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "Tags": { "owner": "team", "note": { "Fn::Sub": "${AWS::StackName}" } } } } }
            """),
        RuleFixture.NonCompliant("INFRA-TAGS-2", "51 tags, an aws: key, a long key and a long value in list, map and Auto Scaling forms", $$"""
            { "B": { "Type": "AWS::S3::Bucket", "Properties": { "Tags": [ {{string.Join(", ", Enumerable.Range(1, 51).Select(i => $"{{ \"Key\": \"k{i}\", \"Value\": \"v\" }}"))}} ] } },
              "N": { "Type": "AWS::EKS::Nodegroup", "Properties": { "Tags": { "AWS:owner": "team", "{{new string('k', 129)}}": "v" } } },
              "G": { "Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": { "MaxSize": "1", "MinSize": "0",
                "Tags": [ { "Key": "note", "Value": "{{new string('v', 257)}}", "PropagateAtLaunch": true } ] } } }
            """,
            "Tags has 51 tags, over the limit of 50 per resource; drop or merge tags.",
            "Tags key 'AWS:owner' starts with 'aws:', which AWS reserves for its own tags; rename the key.",
            "Tags key 'kkkkkkkkkkkkkkkkkkkk...' is 129 characters, over the limit of 128; shorten it.",
            "Tags value of 'note' is 257 characters, over the limit of 256; shorten it.")
            .WithFindingIds("Tags::Count", "Tags::AWS:owner", $"Tags::{new string('k', 129)}", "Tags::note"),
    ];
}
