using System.Collections.Generic;
using System.Linq;
using Amazon.CDK.AWS.CloudWatch;
using Infra.Components.Resilience;
using Xunit;

namespace Infra.Components.Tests.Resilience;

/// <summary>Every rule of the experiment components, at its property path with its exact message (no construct is created).</summary>
public sealed class ResilienceValidationTests
{
    private static readonly ExperimentTarget Subnets = new()
    {
        Name = "zone-subnets", ResourceType = ExperimentTargetType.Ec2Subnet, ResourceTags = new Dictionary<string, string> { ["environment"] = "dev" },
    };

    private static readonly FaultInjectionExperimentProps Valid = new()
    {
        ExperimentName = "dev-availability-zone-loss",
        Hypothesis = "The other zones carry the load.",
        StopConditions = [(IAlarm)null!],
        Actions = [new DisruptConnectivityAction { Name = "cut-off-zone", DurationMinutes = 10, Subnets = Subnets }],
    };

    private static List<string> Problems(FaultInjectionExperimentProps props) => FaultInjectionExperiment.Validate(props).Select(p => p.ToString()).ToList();

    [Fact]
    public void Accepts_a_valid_experiment() => Assert.Empty(Problems(Valid));

    [Fact]
    public void Requires_a_stop_condition() =>
        Assert.Equal(["StopConditions: is empty: nothing would stop the experiment but a person. Give at least one alarm that means customer impact."], Problems(Valid with { StopConditions = [] }));

    [Fact]
    public void Refuses_a_target_that_would_select_every_resource_of_its_type() =>
        Assert.Equal(
            ["Actions[0].Subnets: 'zone-subnets' selects every aws:ec2:subnet in the region; select by tags (this environment's) or by ARN."],
            Problems(Valid with { Actions = [new DisruptConnectivityAction { Name = "cut-off-zone", DurationMinutes = 10, Subnets = Subnets with { ResourceTags = new Dictionary<string, string>() } }] }));

    [Fact]
    public void Refuses_a_share_fis_cannot_select_and_more_spot_instances_than_one_action_interrupts()
    {
        var spot = new ExperimentTarget { Name = "spot", ResourceType = ExperimentTargetType.Ec2SpotInstance, ResourceTags = Subnets.ResourceTags };
        Assert.Equal(
            [
                "Actions[0].NoticeMinutes: 1 must be 2 to 15 minutes.",
                "Actions[0].SpotInstances.Selection: COUNT(6) is more than the 5 Spot Instances FIS interrupts per action.",
                "Actions[1].Instances.Selection: PERCENT(0) must select at least one resource (COUNT from 1, PERCENT 1 to 100).",
            ],
            Problems(Valid with
            {
                Actions =
                [
                    new SpotInterruptionAction { Name = "interrupt", NoticeMinutes = 1, SpotInstances = spot with { Selection = TargetSelection.Count(6) } },
                    new TerminateInstancesAction { Name = "terminate", Instances = spot with { Name = "nodes", ResourceType = ExperimentTargetType.Ec2Instance, Selection = TargetSelection.Percent(0) } },
                ],
            }));
    }

    [Fact]
    public void Refuses_a_target_of_the_wrong_type_an_unknown_predecessor_and_a_long_outage() =>
        Assert.Equal(
            [
                "Actions[0].StartAfter: 'warm-up' is not an action of this experiment.",
                "Actions[0].DurationMinutes: 721 must be 1 to 720 minutes.",
                "Actions[0].Subnets.ResourceType: RdsCluster is not what aws:network:disrupt-connectivity acts on; use Ec2Subnet.",
            ],
            Problems(Valid with { Actions = [new DisruptConnectivityAction { Name = "cut-off-zone", DurationMinutes = 721, StartAfter = ["warm-up"], Subnets = Subnets with { ResourceType = ExperimentTargetType.RdsCluster } }] }));

    [Fact]
    public void Refuses_names_fis_refuses_and_duplicates() =>
        Assert.Equal(
            [
                "ExperimentName: 'Dev AZ' is not an experiment name: 2 to 63 lower-case letters, digits and hyphens, starting with a letter.",
                "Actions[0].Name: 'cut off' is not an action name: 1 to 64 letters, digits and hyphens.",
                "Actions[0].Name: 'cut off' is used by another action; names must be unique.",
                "Actions[1].Name: 'cut off' is not an action name: 1 to 64 letters, digits and hyphens.",
                "Actions[1].Name: 'cut off' is used by another action; names must be unique.",
            ],
            Problems(Valid with { ExperimentName = "Dev AZ", Actions = [Valid.Actions[0] with { Name = "cut off" }, Valid.Actions[0] with { Name = "cut off" }] }));

    [Fact]
    public void Refuses_an_empty_hypothesis_and_one_longer_than_fis_allows()
    {
        Assert.Equal(["Hypothesis: is empty; say what the experiment should show."], Problems(Valid with { Hypothesis = " " }));
        Assert.Equal(["Hypothesis: makes the description 528 characters long; FIS allows 512. Say it shorter."], Problems(Valid with { Hypothesis = new string('x', 500) }));
    }

    [Fact]
    public void Refuses_a_global_failover_with_a_single_member_or_a_member_that_is_not_a_cluster() =>
        Assert.Equal(
            [
                "MemberClusterArns: has 1 member(s); a writer can only move between two or more.",
                "MemberClusterArns[0]: 'arn:aws:rds:us-east-1:123456789012:db:writer' is not an Aurora cluster ARN (arn:aws:rds:<region>:<account>:cluster:<identifier>).",
            ],
            AuroraGlobalFailover.Validate(new AuroraGlobalFailoverProps { GlobalClusterIdentifier = "infra-prod", MemberClusterArns = ["arn:aws:rds:us-east-1:123456789012:db:writer"] }).Select(p => p.ToString()));
}
