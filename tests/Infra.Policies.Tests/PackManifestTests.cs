using System.IO;
using System.Linq;
using Infra.TestKit;
using Xunit;

namespace Infra.Policies.Tests;

public sealed class PackManifestTests
{
    /// <summary>
    /// Every rule id and level. Adding, removing or relevelling a rule must show up here as a reviewed diff: an error
    /// blocks every deploy that trips it.
    /// </summary>
    [Fact]
    public void Pins_every_rule_id_and_level()
    {
        string[] expected =
        [
            "INFRA-CFN-1 Error",
            "INFRA-CFN-2 Error",
            "INFRA-CFN-3 Error",
            "INFRA-COST-1 Warning",
            "INFRA-COST-2 Warning",
            "INFRA-DATA-1 Error",
            "INFRA-DATA-2 Error",
            "INFRA-DATA-3 Error",
            "INFRA-DATA-4 Error",
            "INFRA-EC2-1 Error",
            "INFRA-EC2-2 Warning",
            "INFRA-EC2-3 Error",
            "INFRA-EC2-4 Warning",
            "INFRA-EC2-5 Error",
            "INFRA-EC2-6 Error",
            "INFRA-EKS-1 Error",
            "INFRA-EKS-2 Error",
            "INFRA-EKS-3 Error",
            "INFRA-EKS-4 Error",
            "INFRA-EKS-5 Error",
            "INFRA-EKS-6 Error",
            "INFRA-EKS-7 Error",
            "INFRA-EKS-8 Warning",
            "INFRA-IAM-1 Error",
            "INFRA-IAM-10 Error",
            "INFRA-IAM-11 Error",
            "INFRA-IAM-12 Error",
            "INFRA-IAM-2 Warning",
            "INFRA-IAM-3 Warning",
            "INFRA-IAM-4 Warning",
            "INFRA-IAM-5 Error",
            "INFRA-IAM-6 Error",
            "INFRA-IAM-7 Warning",
            "INFRA-IAM-8 Error",
            "INFRA-IAM-9 Error",
            "INFRA-KMS-1 Error",
            "INFRA-KMS-2 Error",
            "INFRA-KMS-3 Warning",
            "INFRA-LAMBDA-1 Error",
            "INFRA-LOGS-1 Error",
            "INFRA-LOGS-2 Warning",
            "INFRA-POLICY-1 Error",
            "INFRA-RDS-1 Error",
            "INFRA-RDS-2 Warning",
            "INFRA-RDS-3 Warning",
            "INFRA-RDS-4 Warning",
            "INFRA-RDS-5 Warning",
            "INFRA-RDS-6 Error",
            "INFRA-RDS-7 Warning",
            "INFRA-RDS-8 Warning",
            "INFRA-S3-1 Error",
            "INFRA-S3-2 Error",
            "INFRA-S3-3 Error",
            "INFRA-S3-4 Warning",
            "INFRA-S3-5 Error",
            "INFRA-S3-6 Error",
            "INFRA-S3-7 Warning",
            "INFRA-S3-8 Warning",
            "INFRA-SECRETS-1 Error",
            "INFRA-SECRETS-2 Warning",
            "INFRA-SNS-1 Error",
            "INFRA-SNS-2 Warning",
            "INFRA-SQS-1 Error",
            "INFRA-SQS-2 Error",
            "INFRA-TAGS-1 Error",
            "INFRA-TAGS-2 Error",
            "INFRA-VPC-1 Error",
            "INFRA-VPC-2 Error",
            "INFRA-VPC-3 Warning",
        ];
        Assert.Equal(expected, PolicyPack.Default.Rules.Select(r => $"{r.Info.Id} {r.Info.Level}").Order(System.StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Rules_md_is_generated_from_the_code()
    {
        var file = Path.Combine(RepoPaths.Root, "RULES.md");
        Assert.True(File.ReadAllText(file) == RuleCatalogue.Render(PolicyPack.Default), "RULES.md is stale: run 'make rules' and commit it.");
    }

    [Fact]
    public void Every_rule_explains_itself()
    {
        foreach (var info in PolicyPack.Default.Rules.Select(r => r.Info))
        {
            Assert.Matches("^INFRA-[A-Z0-9]+-[0-9]+$", info.Id);
            Assert.False(string.IsNullOrWhiteSpace(info.Title), $"{info.Id} has no title");
            Assert.True(info.Why.Length >= 40, $"{info.Id} does not say why it matters");
            Assert.True(info.Fix.Length >= 20, $"{info.Id} does not say how to fix it");
        }
    }

    [Fact]
    public void Covers_at_least_forty_rules_over_the_services_this_project_deploys()
    {
        var services = PolicyPack.Default.Rules.Select(r => r.Info.Service).Distinct().ToList();
        Assert.True(PolicyPack.Default.Rules.Count >= 40);
        foreach (var service in new[] { "VPC", "EC2", "S3", "KMS", "IAM", "RDS", "EKS", "SQS", "SNS", "Logs", "Lambda", "SecretsManager", "Tags", "DataLoss", "Cost" })
        {
            Assert.Contains(service, services);
        }
    }
}
