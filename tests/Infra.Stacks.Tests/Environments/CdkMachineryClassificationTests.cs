using System;
using System.Linq;
using Infra.Policies;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

/// <summary>
/// Which findings of the real environments are on CDK machinery (demoted, with a reason) and which are on what this
/// code defines. A resource of our components is never the CDK's, except the two roles aws-eks creates inside the
/// cluster construct for its own providers.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class CdkMachineryClassificationTests
{
    private readonly SynthesizedEnvironments _env;

    public CdkMachineryClassificationTests(SynthesizedEnvironments environments) => _env = environments;

    [Theory]
    [InlineData("dev", 1)]
    [InlineData("staging", 2)]
    [InlineData("prod", 2)]
    public void Demotes_the_warnings_on_the_cdk_s_providers_of_each_environment_by_kind(string environment, int vpcs)
    {
        var demoted = _env.Policy.Demoted.Where(f => f.Environment == environment).ToList();
        var byKind = demoted.GroupBy(f => f.Machinery!.Id).ToDictionary(g => g.Key, g => g.GroupBy(f => f.Rule.Id).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} x{r.Count()}").ToArray());

        Assert.Equal(["INFRA-IAM-3 x1", "INFRA-IAM-4 x5", "INFRA-LOGS-2 x1"], byKind["eks-cluster-provider"]);
        Assert.Equal(["INFRA-IAM-4 x2"], byKind["eks-kubectl-provider"]);
        Assert.Equal(["INFRA-IAM-3 x1", "INFRA-IAM-4 x3"], byKind["eks-cluster-roles"]);
        // restrictDefaultSecurityGroup in every VPC, autoDeleteObjects on dev's buckets.
        Assert.Equal([$"INFRA-IAM-4 x{vpcs + (environment == "dev" ? 1 : 0)}"], byKind["cdk-custom-resource-provider"]);
        Assert.Equal(4, byKind.Count);
        Assert.All(demoted, f => Assert.Equal(PolicyLevel.Warning, f.Rule.Level));
    }

    [Fact]
    public void Keeps_every_warning_on_what_this_code_defines_in_sight()
    {
        var ours = _env.Policy.Warnings.Select(f => $"{f.Rule.Id} {f.Path}").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "INFRA-EKS-8 Dev/Cluster/Eks/Cluster/Resource/Resource/Default",
                "INFRA-EKS-8 Prod/Cluster/Eks/Cluster/Resource/Resource/Default",
                "INFRA-EKS-8 Staging/Cluster/Eks/Cluster/Resource/Resource/Default",
                "INFRA-LOGS-2 Dev/Network-us-east-1/Network/FlowLogGroup/Resource",
                "INFRA-RDS-3 Dev/Database-us-east-1/Database/Cluster",
                "INFRA-RDS-4 Dev/Database-us-east-1/Database/Cluster",
                "INFRA-S3-7 Prod/Network-us-east-1/Network/FlowLogBucket/Resource/Resource",
                "INFRA-S3-7 Prod/Network-us-west-2/Network/FlowLogBucket/Resource/Resource",
                "INFRA-S3-7 Staging/Network-us-east-1/Network/FlowLogBucket/Resource/Resource",
                "INFRA-S3-7 Staging/Network-us-west-2/Network/FlowLogBucket/Resource/Resource",
            ],
            ours);
        Assert.All(_env.Policy.Warnings, f => Assert.Null(f.Machinery));
    }

    [Fact]
    public void No_resource_of_our_components_is_cdk_machinery_but_the_aws_eks_provider_roles()
    {
        var components = TemplateLoader.ReadAssembly(_env.OutDir).Stacks
            .SelectMany(s => AssemblyComponents.Of(s).Select(c => c.Path.TrimStart('/') + "/"))
            .ToList();
        var resources = _env.Policy.Templates.SelectMany(t => t.Resources).Where(r => components.Any(c => r.Path.StartsWith(c, StringComparison.Ordinal))).ToList();
        Assert.True(resources.Count > 500, $"only {resources.Count} resources under components");

        var machinery = resources.Where(r => CdkMachinery.Classify(r) is not null).Select(r => r.Path).ToList();
        Assert.All(machinery, path => Assert.Matches("^[A-Za-z]+/Cluster/Eks/Cluster/(KubectlHandlerRole|Resource/CreationRole)/", path));
        Assert.Equal(3 * 4, machinery.Count); // per environment: each role and its default policy
    }

    [Fact]
    public void Every_resource_outside_our_components_that_is_not_stack_plumbing_is_the_cdk_s()
    {
        var components = TemplateLoader.ReadAssembly(_env.OutDir).Stacks
            .SelectMany(s => AssemblyComponents.Of(s).Select(c => c.Path.TrimStart('/') + "/"))
            .ToList();
        var outside = _env.Policy.Templates.SelectMany(t => t.Resources)
            .Where(r => !components.Any(c => r.Path.StartsWith(c, StringComparison.Ordinal)) && r.Type != "AWS::CDK::Metadata")
            .ToList();
        var unclassified = outside.Where(r => CdkMachinery.Classify(r) is null).Select(r => $"{r.Type} {r.Path}").Distinct().Order(StringComparer.Ordinal).ToList();

        // What the stacks themselves add next to the components: Karpenter's node role (made before the add-on that uses
        // it), each network's database-client group, and the resilience stacks' stop-condition alarms and experiment logs.
        Assert.NotEmpty(unclassified);
        Assert.All(unclassified, r => Assert.Matches(
            "^AWS::IAM::Role [A-Za-z]+/Cluster/KarpenterNodeRole/Resource$"
            + "|^AWS::EC2::SecurityGroup [A-Za-z]+/Network-[a-z0-9-]+/DatabaseClients/Resource$"
            + "|^AWS::CloudWatch::Alarm [A-Za-z]+/Resilience-[a-z0-9-]+/(WorkloadsUnschedulable|DatabaseWriterUnavailable|ReplicationLagHigh)/Resource$"
            + "|^AWS::(KMS::Key|Logs::LogGroup) [A-Za-z]+/Resilience-[a-z0-9-]+/(LogKey|ExperimentLogs)/Resource$",
            r));
        Assert.Equal(3, unclassified.Count(r => r.Contains("KarpenterNodeRole", StringComparison.Ordinal)));
    }
}
