using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Infra.Policies.Rules.CloudFormation;

/// <summary>Physical names set in a template fit the lengths and characters the service accepts.</summary>
public sealed partial class PhysicalNameLimits : IPolicyRule
{
    /// <summary>What each checked name property accepts, by resource type.</summary>
    internal static IReadOnlyList<NameSpec> Specs { get; } =
    [
        new("AWS::S3::Bucket", "BucketName", 3, 63, "S3 bucket names are 3 to 63 lowercase letters, digits, dots and hyphens, start and end with a letter or digit, and have no '..'", BucketProblems),
        new("AWS::IAM::Role", "RoleName", 1, 64, "IAM role names are at most 64 characters"),
        new("AWS::IAM::Role", "Path", 1, 512, "IAM paths are at most 512 characters and start and end with '/'", PathProblems),
        new("AWS::IAM::ManagedPolicy", "ManagedPolicyName", 1, 128, "IAM policy names are at most 128 characters"),
        new("AWS::IAM::ManagedPolicy", "Path", 1, 512, "IAM paths are at most 512 characters and start and end with '/'", PathProblems),
        new("AWS::IAM::Policy", "PolicyName", 1, 128, "IAM policy names are at most 128 characters"),
        new("AWS::IAM::RolePolicy", "PolicyName", 1, 128, "IAM policy names are at most 128 characters"),
        new("AWS::IAM::UserPolicy", "PolicyName", 1, 128, "IAM policy names are at most 128 characters"),
        new("AWS::IAM::GroupPolicy", "PolicyName", 1, 128, "IAM policy names are at most 128 characters"),
        new("AWS::SQS::Queue", "QueueName", 1, 80, "SQS queue names are at most 80 characters, the '.fifo' suffix included"),
        new("AWS::ElasticLoadBalancingV2::LoadBalancer", "Name", 1, 32, "load balancer names are at most 32 characters"),
        new("AWS::ElasticLoadBalancingV2::TargetGroup", "Name", 1, 32, "target group names are at most 32 characters"),
        new("AWS::RDS::DBCluster", "DBClusterIdentifier", 1, 63, RdsRequirement, RdsProblems),
        new("AWS::RDS::DBInstance", "DBInstanceIdentifier", 1, 63, RdsRequirement, RdsProblems),
        new("AWS::RDS::GlobalCluster", "GlobalClusterIdentifier", 1, 63, RdsRequirement, RdsProblems),
        new("AWS::Lambda::Function", "FunctionName", 1, 64, "Lambda function names are at most 64 characters"),
        new("AWS::KMS::Alias", "AliasName", 1, 256, "KMS alias names are at most 256 characters, start with 'alias/' but not 'alias/aws/', and use letters, digits, ':', '/', '_' and '-'", AliasProblems),
        new("AWS::Events::Rule", "Name", 1, 64, "EventBridge rule names are at most 64 characters"),
        new("AWS::Logs::LogGroup", "LogGroupName", 1, 512, "log group names are at most 512 characters and do not start with 'aws/'", LogGroupProblems),
        new("AWS::SecretsManager::Secret", "Name", 1, 512, "secret names are at most 512 characters"),
        new("AWS::Backup::BackupVault", "BackupVaultName", 2, 50, "backup vault names are 2 to 50 letters, digits, '-' and '_'", VaultProblems),
        new("AWS::EKS::Cluster", "Name", 1, 100, "EKS cluster names are at most 100 characters"),
        new("AWS::SNS::Topic", "TopicName", 1, 256, "SNS topic names are at most 256 characters"),
    ];

    private const string RdsRequirement = "RDS identifiers are 1 to 63 letters, digits and hyphens, start with a letter, do not end with '-' and have no '--'";

    private static readonly Dictionary<string, NameSpec[]> ByType = Specs.GroupBy(s => s.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-CFN-3",
        PolicyLevel.Error,
        "CloudFormation",
        "Physical names fit the service's length and character rules",
        "A name the service refuses (a 65-character role name, a 33-character target group, an RDS identifier ending in '-') fails the deploy, often after other resources were created, and the CDK checks only some of these at synth.",
        "Shorten the name (or let CloudFormation generate it: physical names also block replacement); the message states what the service accepts. Only literal names are checked, after resolving Fn::Join and Fn::Sub of literals and the stack's own pseudo parameters.");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of([.. ByType.Keys]);

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var resolver = IntrinsicResolver.For(resource.Template);
        foreach (var spec in ByType[resource.Type])
        {
            if (resolver.Resolve(resource.Properties[spec.Property]) is not { IsExact: true } value)
            {
                continue;
            }

            var name = value.Text;
            var problems = new List<string>();
            if (name.Length < spec.Min || name.Length > spec.Max)
            {
                problems.Add($"is {name.Length} characters");
            }

            problems.AddRange(spec.Problems?.Invoke(name) ?? []);
            if (problems.Count > 0)
            {
                yield return new Violation($"{spec.Property} '{name}' {string.Join(" and ", problems)}; {spec.Requirement}.", $"Name::{spec.Property}");
            }
        }
    }

    private static IEnumerable<string> BucketProblems(string name)
    {
        if (name.Any(char.IsUpper))
        {
            yield return "has uppercase letters";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            yield return "has '..'";
        }

        if (!BucketCharacters().IsMatch(name.ToLowerInvariant()))
        {
            yield return "has characters or ends S3 does not allow";
        }
    }

    private static IEnumerable<string> PathProblems(string path)
    {
        if (!path.StartsWith('/') || !path.EndsWith('/'))
        {
            yield return "does not start and end with '/'";
        }
    }

    private static IEnumerable<string> RdsProblems(string id)
    {
        if (id.Length > 0 && !char.IsAsciiLetter(id[0]))
        {
            yield return "does not start with a letter";
        }

        if (id.EndsWith('-'))
        {
            yield return "ends with '-'";
        }

        if (id.Contains("--", StringComparison.Ordinal))
        {
            yield return "has '--'";
        }

        if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            yield return "has characters other than letters, digits and '-'";
        }
    }

    private static IEnumerable<string> AliasProblems(string alias)
    {
        if (!alias.StartsWith("alias/", StringComparison.Ordinal))
        {
            yield return "does not start with 'alias/'";
        }
        else if (alias.StartsWith("alias/aws/", StringComparison.Ordinal))
        {
            yield return "uses the reserved prefix 'alias/aws/'";
        }

        if (!alias.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '/' or '_' or '-'))
        {
            yield return "has characters KMS does not allow";
        }
    }

    private static IEnumerable<string> LogGroupProblems(string name)
    {
        if (name.StartsWith("aws/", StringComparison.Ordinal))
        {
            yield return "starts with the reserved 'aws/'";
        }
    }

    private static IEnumerable<string> VaultProblems(string name)
    {
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            yield return "has characters other than letters, digits, '-' and '_'";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]$")]
    private static partial Regex BucketCharacters();

    /// <summary>One name property: its type, bounds, the requirement in words, and any character rules.</summary>
    internal sealed record NameSpec(string Type, string Property, int Min, int Max, string Requirement, Func<string, IEnumerable<string>>? Problems = null);
}
