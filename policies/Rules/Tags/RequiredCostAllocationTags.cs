using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Tags;

/// <summary>Every taggable resource carries the cost-allocation tags.</summary>
public sealed class RequiredCostAllocationTags : AnyResourceRule
{
    /// <summary>The tags every taggable resource must have.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = ["owner", "cost-center", "environment"];

    /// <summary>
    /// Types known to accept tags in CloudFormation. A resource of another type is checked only when it already has a
    /// <c>Tags</c> property (so custom resources and types without tags never fail).
    /// </summary>
    public static IReadOnlySet<string> TaggableTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::SecurityGroup", "AWS::EC2::NatGateway",
        "AWS::EC2::EIP", "AWS::EC2::InternetGateway", "AWS::EC2::FlowLog", "AWS::EC2::VPCEndpoint", "AWS::EC2::Volume",
        "AWS::EC2::Instance", "AWS::S3::Bucket", "AWS::KMS::Key", "AWS::IAM::Role", "AWS::Lambda::Function",
        "AWS::Logs::LogGroup", "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::RDS::DBCluster", "AWS::RDS::DBInstance",
        "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBClusterParameterGroup", "AWS::RDS::DBParameterGroup", "AWS::EKS::Cluster",
        "AWS::EKS::Nodegroup", "AWS::SecretsManager::Secret", "AWS::Budgets::Budget", "AWS::CE::AnomalyMonitor",
        "AWS::CE::AnomalySubscription",
    };

    /// <inheritdoc />
    public override RuleInfo Info { get; } = new(
        "INFRA-TAGS-1",
        PolicyLevel.Error,
        "Tags",
        "Taggable resources carry the owner, cost-center and environment tags",
        "Untagged resources cannot be allocated to a team or cost center in Cost Explorer and the bill, and nobody is accountable for them.",
        "Tag the stage or stack (the environment stages do, through CostAllocationTags, which also reaches the resources CDK 2.160 cannot tag).");

    /// <inheritdoc />
    public override IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (!TaggableTypes.Contains(resource.Type) && resource.Properties[resource.TagProperty] is null)
        {
            yield break;
        }

        if (resource.Properties[resource.TagProperty] is { } tags && Cfn.IsIntrinsic(tags))
        {
            yield break;
        }

        var missing = RequiredKeys.Where(k => !resource.Tags.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            yield return new Violation($"{resource.TagProperty} lack {string.Join(", ", missing)}; tag the resource (or its stage) with {string.Join(", ", RequiredKeys)}.");
        }
    }
}
