using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Infra.Components.Kubernetes;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Kubernetes;

[Collection(CdkCollection.Name)]
public sealed class AwsLoadBalancerControllerTests
{
    private const string Tag = "elbv2.k8s.aws/cluster";

    private readonly JsonObject _json;
    private readonly PlatformScenario _scenario;

    public AwsLoadBalancerControllerTests(PlatformScenario scenario)
    {
        _scenario = scenario;
        _json = scenario.Revisioned;
    }

    private const string Account = "123456789012";

    private string ClusterSecurityGroup => $"arn:aws:ec2:us-east-1:{Account}:security-group/${{{_json.Resources("Custom::AWSCDK-EKS-Cluster").Single().Key}.ClusterSecurityGroupId}}";

    private string ClusterVpc => $"arn:aws:ec2:us-east-1:{Account}:vpc/${{{_json.Resources("AWS::EC2::VPC").Single().Key}}}";

    private IReadOnlyDictionary<string, JsonObject> Policies => _json.Resources("AWS::IAM::ManagedPolicy")
        .Where(p => p.Key.StartsWith("Lbc", StringComparison.Ordinal))
        .ToDictionary(p => p.Key, p => p.Value["Properties"]!["PolicyDocument"]!.AsObject());

    private JsonNode[] Documents => [.. Policies.Values];

    private JsonArray Statements => new(Policies.Values.SelectMany(d => d["Statement"]!.AsArray()).Select(s => s!.DeepClone()).ToArray());

    private JsonObject Statement(string sid) => Statements.Single(s => (string?)s!["Sid"] == sid)!.AsObject();

    private static string[] Actions(JsonObject statement) =>
        statement["Action"] is JsonArray a ? a.Select(x => (string)x!).ToArray() : [(string)statement["Action"]!];

    private static string[] Resources(JsonObject statement) =>
        statement["Resource"] is JsonArray a ? a.Select(x => IamSimulator.Render(x!)).ToArray() : [IamSimulator.Render(statement["Resource"]!)];

    private bool Allows(string action, string resource, Dictionary<string, string>? resourceTags = null, Dictionary<string, string>? requestTags = null, Dictionary<string, string>? context = null) =>
        IamSimulator.Allows(Documents, new IamRequest(action, resource, resourceTags, requestTags, context));

    private static Dictionary<string, string> Owner(string cluster = "test-cluster") => new() { [Tag] = cluster };

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
    public void Runs_two_replicas_unless_told_otherwise_and_refuses_a_count_outside_one_to_five()
    {
        Assert.Equal(2, new AwsLoadBalancerControllerProps { Cluster = _scenario.Cluster }.Replicas);
        var stack = TestApp.Stack("us-east-1", "us-east-1a", "us-east-1b");
        var e = Assert.Throws<Infra.Components.ConstructValidationException>(() =>
            new AwsLoadBalancerController(stack, "Lbc", new AwsLoadBalancerControllerProps { Cluster = _scenario.Cluster, Replicas = 0 }));
        Assert.Equal("Replicas: 0 must be 1 to 5 (one leader, the others on standby).", Assert.Single(e.Problems));
    }

    [Fact]
    public void Each_managed_policy_fits_iams_size_limit_with_room_to_grow()
    {
        // IAM counts a managed policy without whitespace and refuses it over 6,144 characters. The one policy this
        // component had was about 6,450 once rendered; each half is now far below. References are counted at 64
        // characters each, more than the security-group, VPC and account ids they stand for.
        Assert.Equal(2, Policies.Count);
        foreach (var (id, document) in Policies)
        {
            // Compact JSON, as IAM counts it; each intrinsic's own JSON stays in, which only overstates the size.
            var text = document.ToJsonString();
            var references = Regex.Count(text, "\\{\"(Ref|Fn::GetAtt|Fn::ImportValue)\"");
            Assert.True(text.Length + (references * 64) < 5_000, $"{id} is {text.Length} characters plus {references} references; IAM's limit is 6,144 and a policy this close to it cannot grow.");
        }
    }

    [Fact]
    public void Creates_balancers_and_security_groups_only_tagged_for_this_cluster()
    {
        Assert.True(Allows("elasticloadbalancing:CreateLoadBalancer", "*", requestTags: Owner()));
        Assert.False(Allows("elasticloadbalancing:CreateLoadBalancer", "*"));
        Assert.False(Allows("elasticloadbalancing:CreateTargetGroup", "*", requestTags: Owner("other-cluster")));
        var newGroup = $"arn:aws:ec2:us-east-1:{Account}:security-group/sg-0new";
        Assert.True(Allows("ec2:CreateSecurityGroup", newGroup, requestTags: Owner()));
        Assert.False(Allows("ec2:CreateSecurityGroup", newGroup));
        Assert.True(Allows("ec2:CreateSecurityGroup", ClusterVpc));
        Assert.False(Allows("ec2:CreateSecurityGroup", $"arn:aws:ec2:us-east-1:{Account}:vpc/vpc-0another"));
        Assert.True(Allows("ec2:CreateTags", newGroup, requestTags: Owner(), context: new() { ["ec2:CreateAction"] = "CreateSecurityGroup" }));
        Assert.False(Allows("ec2:CreateTags", newGroup, requestTags: Owner()));
    }

    [Fact]
    public void Changes_and_deletes_only_what_carries_this_clusters_tag_and_never_moves_that_tag()
    {
        var balancer = $"arn:aws:elasticloadbalancing:us-east-1:{Account}:loadbalancer/net/k8s-istio-gw/0123456789abcdef";
        Assert.True(Allows("elasticloadbalancing:DeleteLoadBalancer", balancer, Owner()));
        Assert.False(Allows("elasticloadbalancing:DeleteLoadBalancer", balancer));
        Assert.False(Allows("elasticloadbalancing:DeleteLoadBalancer", balancer, Owner("other-cluster")));
        Assert.True(Allows("elasticloadbalancing:AddTags", balancer, Owner(), requestTags: new() { ["team"] = "x" }));
        Assert.False(Allows("elasticloadbalancing:RemoveTags", balancer, Owner(), requestTags: Owner()));
        var group = $"arn:aws:ec2:us-east-1:{Account}:security-group/sg-0frontend";
        Assert.True(Allows("ec2:DeleteSecurityGroup", group, Owner()));
        Assert.False(Allows("ec2:DeleteSecurityGroup", group));
        Assert.False(Allows("ec2:DeleteSecurityGroup", ClusterSecurityGroup));
    }

    [Fact]
    public void Modifies_listener_attributes_on_the_listeners_it_owns()
    {
        // ModifyListenerAttributes acts on listener ARNs; granting it on load balancers and target groups (as this
        // policy did) left the controller with AccessDenied whenever it changed a listener attribute.
        var listener = $"arn:aws:elasticloadbalancing:us-east-1:{Account}:listener/net/k8s-istio-gw/0123456789abcdef/fedcba9876543210";
        Assert.True(Allows("elasticloadbalancing:ModifyListenerAttributes", listener, Owner()));
        Assert.False(Allows("elasticloadbalancing:ModifyListenerAttributes", listener, Owner("other-cluster")));
        Assert.All(Statements.Select(s => s!.AsObject()).Where(s => Actions(s).Any(a => a.Contains("Listener", StringComparison.Ordinal) && !a.Contains(":Describe", StringComparison.Ordinal) && a != "elasticloadbalancing:CreateListener")),
            s => Assert.All(Resources(s), r => Assert.Matches(":listener(-rule)?/(net|app)/", r)));
        Assert.True(Allows("elasticloadbalancing:CreateRule", listener, Owner()));
        Assert.True(Allows("elasticloadbalancing:AddTags", listener + "x", requestTags: Owner(), context: new() { ["elasticloadbalancing:CreateAction"] = "CreateListener" }));
    }

    [Fact]
    public void Opens_only_its_own_security_groups_and_the_cluster_security_group_its_targets_carry()
    {
        foreach (var action in new[] { "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress" })
        {
            Assert.True(Allows(action, ClusterSecurityGroup));
            Assert.True(Allows(action, $"arn:aws:ec2:us-east-1:{Account}:security-group/sg-0backend", Owner()));
            // Any other group in the region (a database's, another cluster's controller's) is out of reach.
            Assert.False(Allows(action, $"arn:aws:ec2:us-east-1:{Account}:security-group/sg-0database"));
            Assert.False(Allows(action, $"arn:aws:ec2:us-east-1:{Account}:security-group/sg-0database", new() { ["environment"] = "prod" }));
            Assert.False(Allows(action, $"arn:aws:ec2:us-east-1:{Account}:security-group/sg-0other", Owner("other-cluster")));
        }
    }

    [Fact]
    public void Scopes_every_write_to_this_account_and_region_and_leaves_out_waf_shield_and_cognito()
    {
        var writes = Statements.Select(s => s!.AsObject()).Where(s => (string?)s["Sid"] is not ("Discover" or "CreateElbServiceLinkedRole" or "CreateTaggedBalancers"));
        foreach (var statement in writes)
        {
            Assert.All(Resources(statement), r => Assert.Contains($":us-east-1:{Account}:", r, StringComparison.Ordinal));
        }

        var all = Statements.SelectMany(s => Actions(s!.AsObject())).ToArray();
        Assert.DoesNotContain(all, a => a.StartsWith("waf", StringComparison.Ordinal) || a.StartsWith("shield:", StringComparison.Ordinal) || a.StartsWith("cognito", StringComparison.Ordinal));
        Assert.Equal("elasticloadbalancing.amazonaws.com", (string?)Statement("CreateElbServiceLinkedRole")["Condition"]!["StringEquals"]!["iam:AWSServiceName"]);
        Assert.All(Actions(Statement("Discover")), a => Assert.Matches("^(ec2:(Describe|Get)|elasticloadbalancing:Describe|acm:(List|Describe))", a));
    }
}
