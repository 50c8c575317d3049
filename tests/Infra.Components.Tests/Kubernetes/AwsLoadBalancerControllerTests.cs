using System;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Kubernetes;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

[Collection(CdkCollection.Name)]
public sealed class AwsLoadBalancerControllerTests
{
    private const string Tag = "elbv2.k8s.aws/cluster";

    private readonly JsonObject _json;

    public AwsLoadBalancerControllerTests(PlatformScenario scenario) => _json = scenario.Revisioned;

    private JsonArray Statements => _json.Resources("AWS::IAM::ManagedPolicy").Single(p => p.Key.StartsWith("LbcPolicy", StringComparison.Ordinal)).Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();

    private JsonObject Statement(string sid) => Statements.Single(s => (string?)s!["Sid"] == sid)!.AsObject();

    private static string[] Actions(JsonObject statement) =>
        statement["Action"] is JsonArray a ? a.Select(x => (string)x!).ToArray() : [(string)statement["Action"]!];

    private static string[] Resources(JsonObject statement) =>
        statement["Resource"] is JsonArray a ? a.Select(x => x!.ToJsonString()).ToArray() : [statement["Resource"]!.ToJsonString()];

    [Fact]
    public void Installs_the_pinned_chart_with_its_vpc_and_the_alb_only_integrations_off()
    {
        var chart = _json.Resources("Custom::AWSCDK-EKS-HelmChart").Values.Single(c => (string?)c["Properties"]!["Chart"] == "aws-load-balancer-controller");
        Assert.Equal(("3.5.0", "https://aws.github.io/eks-charts", "kube-system"), ((string)chart["Properties"]!["Version"]!, (string)chart["Properties"]!["Repository"]!, (string)chart["Properties"]!["Namespace"]!));
        var values = JsonNode.Parse(chart["Properties"]!["Values"]!.TextWithRefs())!;
        Assert.Equal("test-cluster", (string?)values["clusterName"]);
        Assert.StartsWith("${NetworkVpc", (string?)values["vpcId"], StringComparison.Ordinal);
        Assert.Equal((false, false, false), ((bool)values["enableShield"]!, (bool)values["enableWaf"]!, (bool)values["enableWafv2"]!));
        Assert.Equal(2, (int)values["replicaCount"]!);
        var association = _json.Resources("AWS::EKS::PodIdentityAssociation").Single(a => a.Key.StartsWith("LbcRoleAssociation", StringComparison.Ordinal)).Value["Properties"]!;
        Assert.Equal(("kube-system", AwsLoadBalancerController.ServiceAccount), ((string)association["Namespace"]!, (string)association["ServiceAccount"]!));
    }

    [Fact]
    public void Creates_balancers_and_security_groups_only_with_the_cluster_tag()
    {
        Assert.Equal("false", (string?)Statement("CreateTaggedBalancers")["Condition"]!["Null"]![$"aws:RequestTag/{Tag}"]);
        Assert.Equal("false", (string?)Statement("TagSecurityGroupsAtCreation")["Condition"]!["Null"]![$"aws:RequestTag/{Tag}"]);
        Assert.Equal("CreateSecurityGroup", (string?)Statement("TagSecurityGroupsAtCreation")["Condition"]!["StringEquals"]!["ec2:CreateAction"]);
    }

    [Fact]
    public void Modifies_and_deletes_only_what_carries_the_cluster_tag()
    {
        foreach (var sid in new[] { "ModifyOwnBalancers", "DeleteOwnSecurityGroups" })
        {
            Assert.Equal("false", (string?)Statement(sid)["Condition"]!["Null"]![$"aws:ResourceTag/{Tag}"]);
        }

        Assert.Contains("elasticloadbalancing:DeleteLoadBalancer", Actions(Statement("ModifyOwnBalancers")));
        Assert.Contains("ec2:DeleteSecurityGroup", Actions(Statement("DeleteOwnSecurityGroups")));
    }

    [Fact]
    public void Scopes_every_write_to_this_account_and_region_and_leaves_out_waf_shield_and_cognito()
    {
        var writes = Statements.Select(s => s!.AsObject()).Where(s => (string?)s["Sid"] is not ("Discover" or "CreateElbServiceLinkedRole" or "CreateTaggedBalancers"));
        foreach (var statement in writes)
        {
            Assert.All(Resources(statement), r => Assert.Contains(":us-east-1:123456789012:", r, StringComparison.Ordinal));
        }

        var all = Statements.SelectMany(s => Actions(s!.AsObject())).ToArray();
        Assert.DoesNotContain(all, a => a.StartsWith("waf", StringComparison.Ordinal) || a.StartsWith("shield:", StringComparison.Ordinal) || a.StartsWith("cognito", StringComparison.Ordinal));
        Assert.Equal("elasticloadbalancing.amazonaws.com", (string?)Statement("CreateElbServiceLinkedRole")["Condition"]!["StringEquals"]!["iam:AWSServiceName"]);
        Assert.All(Actions(Statement("Discover")), a => Assert.Matches("^(ec2:(Describe|Get)|elasticloadbalancing:Describe|acm:(List|Describe))", a));
    }
}
