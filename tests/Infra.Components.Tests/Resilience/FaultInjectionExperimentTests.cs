using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK.AWS.CloudWatch;
using Infra.Components.Resilience;
using Infra.TestKit;
using Xunit;

namespace Infra.Components.Tests.Resilience;

[Collection(CdkCollection.Name)]
public sealed class FaultInjectionExperimentTests : IClassFixture<ResilienceScenario>
{
    private readonly ResilienceScenario _s;

    public FaultInjectionExperimentTests(ResilienceScenario scenario) => _s = scenario;

    private JsonObject Template(FaultInjectionExperiment experiment) =>
        _s.Template.Resources("AWS::FIS::ExperimentTemplate").Single(t => (string?)t.Value["Properties"]!["Tags"]![FaultInjectionExperiment.NameTag] == experiment.ExperimentName).Value["Properties"]!.AsObject();

    private JsonArray Statements(FaultInjectionExperiment experiment) =>
        _s.Template.Resources("AWS::IAM::Policy").Single(p => p.Key.StartsWith(experiment.Node.Id + "Policy", System.StringComparison.Ordinal)).Value["Properties"]!["PolicyDocument"]!["Statement"]!.AsArray();

    private JsonObject Statement(FaultInjectionExperiment experiment, string sid) => Statements(experiment).Single(s => (string?)s!["Sid"] == sid)!.AsObject();

    private string LogicalId(Alarm alarm) => _s.Template.Resources("AWS::CloudWatch::Alarm").Single(a => a.Key.StartsWith(alarm.Node.Id, System.StringComparison.Ordinal)).Key;

    [Fact]
    public void States_the_hypothesis_in_the_description_and_names_the_template_with_a_tag()
    {
        var template = Template(_s.CapacityLoss);
        Assert.Equal("prod-karpenter-capacity-loss: Karpenter replaces lost Spot capacity.", (string?)template["Description"]);
        Assert.Equal("prod-karpenter-capacity-loss", (string?)template["Tags"]![FaultInjectionExperiment.NameTag]);
    }

    [Fact]
    public void Stops_on_each_alarm_given()
    {
        Assert.Equal([("aws:cloudwatch:alarm", LogicalId(_s.Unschedulable)), ("aws:cloudwatch:alarm", LogicalId(_s.WriterMissing))],
            Template(_s.ZoneLoss)["StopConditions"]!.AsArray().Select(c => ((string)c!["Source"]!, (string)c["Value"]!["Fn::GetAtt"]![0]!)).ToArray());
    }

    [Fact]
    public void Selects_targets_by_tags_share_and_state_and_runs_the_actions_in_order()
    {
        var template = Template(_s.CapacityLoss);
        var spot = template["Targets"]!["spot-nodes"]!;
        Assert.Equal(("aws:ec2:spot-instance", "PERCENT(25)"), ((string?)spot["ResourceType"], (string?)spot["SelectionMode"]));
        Assert.Equal(("prod", "general"), ((string?)spot["ResourceTags"]!["environment"], (string?)spot["ResourceTags"]!["karpenter.sh/nodepool"]));
        Assert.Equal(("State.Name", "running"), ((string?)spot["Filters"]![0]!["Path"], (string?)spot["Filters"]![0]!["Values"]![0]));
        var interrupt = template["Actions"]!["interrupt-spot-nodes"]!;
        Assert.Equal(("aws:ec2:send-spot-instance-interruptions", "PT2M", "spot-nodes"), ((string?)interrupt["ActionId"], (string?)interrupt["Parameters"]!["durationBeforeInterruption"], (string?)interrupt["Targets"]!["SpotInstances"]));
        Assert.Equal("interrupt-spot-nodes", (string?)template["Actions"]!["terminate-nodes"]!["StartAfter"]![0]);
    }

    [Fact]
    public void Logs_to_its_own_encrypted_log_group_unless_given_one()
    {
        var own = _s.Template.Resources("AWS::Logs::LogGroup").Single(l => l.Key.StartsWith("CapacityLossLogs", System.StringComparison.Ordinal));
        Assert.Equal("/infra/fis/prod-karpenter-capacity-loss", (string?)own.Value["Properties"]!["LogGroupName"]);
        Assert.NotNull(own.Value["Properties"]!["KmsKeyId"]);
        Assert.Equal(own.Key, (string?)Template(_s.CapacityLoss)["LogConfiguration"]!["CloudWatchLogsConfiguration"]!["LogGroupArn"]!["Fn::GetAtt"]![0]);
        Assert.Equal(2, (int)Template(_s.CapacityLoss)["LogConfiguration"]!["LogSchemaVersion"]!);
        Assert.StartsWith("Shared", (string?)Template(_s.ZoneLoss)["LogConfiguration"]!["CloudWatchLogsConfiguration"]!["LogGroupArn"]!["Fn::GetAtt"]![0], System.StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_on_an_empty_target_unless_asked_to_skip_it()
    {
        Assert.Equal(("single-account", "fail"), ((string?)Template(_s.CapacityLoss)["ExperimentOptions"]!["AccountTargeting"], (string?)Template(_s.CapacityLoss)["ExperimentOptions"]!["EmptyTargetResolutionMode"]));
        Assert.Equal("skip", (string?)Template(_s.ZoneLoss)["ExperimentOptions"]!["EmptyTargetResolutionMode"]);
    }

    [Fact]
    public void Lets_only_this_accounts_fis_experiments_assume_the_role()
    {
        var role = _s.Template.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("CapacityLossRole", System.StringComparison.Ordinal)).Value;
        var trust = role["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!;
        Assert.Equal("fis.amazonaws.com", (string?)trust["Principal"]!["Service"]);
        Assert.Equal("123456789012", (string?)trust["Condition"]!["StringEquals"]!["aws:SourceAccount"]);
        Assert.Equal("arn:aws:fis:us-east-1:123456789012:experiment/*", trust["Condition"]!["ArnLike"]!["aws:SourceArn"]!.Text());
    }

    [Fact]
    public void Scopes_every_write_to_the_targets_tags()
    {
        foreach (var (experiment, sid) in new[] { (_s.CapacityLoss, "InterruptSpotNodesInterrupt"), (_s.CapacityLoss, "TerminateNodesTerminate"), (_s.ZoneLoss, "FailOverDatabaseFailover"), (_s.ZoneLoss, "CutOffZoneSwapAcl") })
        {
            var statement = Statement(experiment, sid);
            Assert.Equal("prod", (string?)statement["Condition"]!["StringEquals"]!["aws:ResourceTag/environment"]);
        }

        Assert.Equal("general", (string?)Statement(_s.CapacityLoss, "InterruptSpotNodesInterrupt")["Condition"]!["StringEquals"]!["aws:ResourceTag/karpenter.sh/nodepool"]);
        Assert.Equal("arn:aws:ec2:us-east-1:123456789012:instance/*", Statement(_s.CapacityLoss, "TerminateNodesTerminate")["Resource"]!.Text());
    }

    [Fact]
    public void Limits_the_network_acls_fis_creates_and_swaps_to_the_subnets_vpc()
    {
        const string Vpc = "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-0123456789abcdef0";
        Assert.Equal(Vpc, Statement(_s.ZoneLoss, "CutOffZoneCreateAclInVpc")["Resource"]!.Text());
        Assert.Equal(Vpc, Statement(_s.ZoneLoss, "CutOffZoneRestoreAcl")["Condition"]!["ArnEquals"]!["ec2:Vpc"]!.Text());
        Assert.Equal("true", (string?)Statement(_s.ZoneLoss, "CutOffZoneCreateAcl")["Condition"]!["StringEquals"]!["aws:RequestTag/managedByFIS"]);
        Assert.Equal("true", (string?)Statement(_s.ZoneLoss, "CutOffZoneChangeFisAcl")["Condition"]!["StringEquals"]!["ec2:ResourceTag/managedByFIS"]);
    }

    [Fact]
    public void Reads_on_star_only_what_accepts_nothing_else_and_delivers_its_log()
    {
        Assert.Equal("ec2:DescribeInstances", (string?)Statement(_s.CapacityLoss, "ResolveTargets")["Action"]);
        Assert.Equal("*", (string?)Statement(_s.CapacityLoss, "ResolveTargets")["Resource"]);
        Assert.Equal(["ec2:DescribeManagedPrefixLists", "ec2:DescribeNetworkAcls", "ec2:DescribeSubnets", "ec2:DescribeVpcs", "rds:DescribeDBClusters", "tag:GetResources"],
            Statement(_s.ZoneLoss, "ResolveTargets")["Action"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(["logs:CreateLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:PutResourcePolicy"],
            Statement(_s.CapacityLoss, "DeliverExperimentLog")["Action"]!.AsArray().Select(a => (string)a!).Order().ToArray());
    }

    [Fact]
    public void Runs_the_switchover_document_as_its_own_role_passed_only_to_ssm()
    {
        var action = Template(_s.Switchover)["Actions"]!["move-writer"]!;
        Assert.Equal(("aws:ssm:start-automation-execution", "PT60M"), ((string?)action["ActionId"], (string?)action["Parameters"]!["maxDuration"]));
        var parameters = action["Parameters"]!["documentParameters"]!.TextWithRefs();
        Assert.Contains("\"Mode\":\"switchover\"", parameters, System.StringComparison.Ordinal);
        Assert.Contains($"\"TargetDbClusterArn\":\"{ResilienceScenario.Secondary}\"", parameters, System.StringComparison.Ordinal);
        var pass = Statement(_s.Switchover, "MoveWriterPassRole");
        Assert.Equal("ssm.amazonaws.com", (string?)pass["Condition"]!["StringEquals"]!["iam:PassedToService"]);
        Assert.StartsWith("GlobalDatabaseFailoverRole", (string?)pass["Resource"]!["Fn::GetAtt"]![0], System.StringComparison.Ordinal);
        Assert.Contains("automation-definition/", Statement(_s.Switchover, "MoveWriterStart")["Resource"]!.TextWithRefs(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Moves_the_global_writer_only_between_the_members_and_waits_for_it()
    {
        var document = _s.Template.Single("AWS::SSM::Document")["Properties"]!;
        Assert.Equal("Automation", (string?)document["DocumentType"]);
        var content = document["Content"]!;
        Assert.Equal([ResilienceScenario.Home, ResilienceScenario.Secondary], content["parameters"]!["TargetDbClusterArn"]!["allowedValues"]!.AsArray().Select(a => (string)a!).ToArray());
        Assert.Equal(["ChooseMode", "Switchover", "Failover", "LetItStart", "WaitUntilAvailable", "ReportMembers"], content["mainSteps"]!.AsArray().Select(s => (string)s!["name"]!).ToArray());
        Assert.True((bool)content["mainSteps"]![2]!["inputs"]!["AllowDataLoss"]!);
        var role = _s.Template.Resources("AWS::IAM::Role").Single(r => r.Key.StartsWith("GlobalDatabaseFailoverRole", System.StringComparison.Ordinal)).Value["Properties"]!;
        var move = role["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray().Single(s => (string?)s!["Sid"] == "MoveWriter")!;
        Assert.Equal(["arn:aws:rds::123456789012:global-cluster:infra-prod", ResilienceScenario.Home, ResilienceScenario.Secondary], move["Resource"]!.AsArray().Select(r => r!.Text()).ToArray());
    }
}
