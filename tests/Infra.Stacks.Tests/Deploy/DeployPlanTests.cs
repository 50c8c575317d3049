using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Stacks.Deploy;
using Xunit;

namespace Infra.Stacks.Tests.Deploy;

/// <summary>The deploy plan over small hand-written assemblies: waves, start times, the critical path and nested stacks.</summary>
public sealed class DeployPlanTests : IDisposable
{
    private readonly FakeAssembly _assembly = new();

    // network (VPC 0.5) -> cluster (EKS 12) -> platform (chart 2); network -> database (instance 11) -> replica (secondary 10 + instance 11).
    private FakeAssembly Lab() => _assembly
        .Stack("lab", "lab-network", FakeAssembly.Resources(("Vpc", FakeAssembly.Resource("AWS::EC2::VPC"))))
        .Stack("lab", "lab-cluster", FakeAssembly.Resources(("Cluster", FakeAssembly.Resource("Custom::AWSCDK-EKS-Cluster"))), "lab-network")
        .Stack("lab", "lab-platform", FakeAssembly.Resources(("Chart", FakeAssembly.Resource("Custom::AWSCDK-EKS-HelmChart"))), "lab-cluster", "lab-network")
        .Stack("lab", "lab-database", FakeAssembly.Resources(("Writer", FakeAssembly.Resource("AWS::RDS::DBInstance"))), "lab-network")
        .Stack("lab", "lab-replica", FakeAssembly.Resources(
            ("Cluster", FakeAssembly.Resource("AWS::RDS::DBCluster", new JsonObject { ["GlobalClusterIdentifier"] = "lab" })),
            ("Writer", FakeAssembly.Resource("AWS::RDS::DBInstance", "Cluster"))), "lab-database");

    [Fact]
    public void Puts_each_stack_in_the_wave_after_its_latest_dependency_and_starts_it_when_its_last_dependency_ends()
    {
        var plan = DeployPlan.FirstDeploy(Lab().Directory).Single();

        Assert.Equal("lab", plan.Environment);
        Assert.Equal([["lab-network"], ["lab-cluster", "lab-database"], ["lab-platform", "lab-replica"]], plan.Waves.Select(w => w.Select(s => s.StackName).ToArray()).ToArray());
        var byName = plan.Stacks.ToDictionary(s => s.StackName);
        Assert.Equal((0, 1.5), (byName["lab-network"].Start, byName["lab-network"].Minutes));
        Assert.Equal((1.5, 13), (byName["lab-cluster"].Start, byName["lab-cluster"].Minutes));
        Assert.Equal((14.5, 3), (byName["lab-platform"].Start, byName["lab-platform"].Minutes));
        Assert.Equal((1.5, 12), (byName["lab-database"].Start, byName["lab-database"].Minutes));
        Assert.Equal((13.5, 22), (byName["lab-replica"].Start, byName["lab-replica"].Minutes));
        Assert.Equal(["lab-cluster", "lab-network"], byName["lab-platform"].DependsOn);
    }

    [Fact]
    public void The_critical_path_is_the_chain_that_ends_last_and_serial_is_the_sum()
    {
        var plan = DeployPlan.FirstDeploy(Lab().Directory).Single();

        Assert.Equal(["lab-network", "lab-database", "lab-replica"], plan.CriticalPath.Select(s => s.StackName).ToArray());
        Assert.Equal(35.5, plan.CriticalMinutes);
        Assert.Equal(1.5 + 13 + 3 + 12 + 22, plan.SerialMinutes);
        Assert.Equal(2, plan.WidestWave);
        Assert.Equal(["Cluster", "Writer"], plan.CriticalPath[^1].Chain.LogicalIds);
    }

    [Fact]
    public void A_database_that_waits_for_the_cluster_lengthens_the_critical_path()
    {
        _assembly
            .Stack("lab", "lab-network", FakeAssembly.Resources(("Vpc", FakeAssembly.Resource("AWS::EC2::VPC"))))
            .Stack("lab", "lab-cluster", FakeAssembly.Resources(("Cluster", FakeAssembly.Resource("Custom::AWSCDK-EKS-Cluster"))), "lab-network")
            .Stack("lab", "lab-database", FakeAssembly.Resources(("Writer", FakeAssembly.Resource("AWS::RDS::DBInstance"))), "lab-network", "lab-cluster");

        var plan = DeployPlan.FirstDeploy(_assembly.Directory).Single();

        Assert.Equal(["lab-network", "lab-cluster", "lab-database"], plan.CriticalPath.Select(s => s.StackName).ToArray());
        Assert.Equal(1.5 + 13 + 12, plan.CriticalMinutes);
        Assert.Equal(1, plan.WidestWave);
    }

    [Fact]
    public void Weighs_a_nested_stack_by_its_own_template_and_names_its_resources_on_the_chain()
    {
        var nested = FakeAssembly.Resource("AWS::CloudFormation::Stack");
        nested["Metadata"] = new JsonObject { ["aws:asset:path"] = "labclusterProvider.nested.template.json" };
        _assembly
            .NestedTemplate("labclusterProvider.nested.template.json", FakeAssembly.Resources(
                ("Role", FakeAssembly.Resource("AWS::IAM::Role")),
                ("Handler", FakeAssembly.Resource("AWS::Lambda::Function", new JsonObject { ["VpcConfig"] = new JsonObject() }, "Role"))))
            .Stack("lab", "lab-cluster", FakeAssembly.Resources(
                ("Provider", nested),
                ("Cluster", FakeAssembly.Resource("Custom::AWSCDK-EKS-Cluster", "Provider"))));

        var stack = DeployPlan.FirstDeploy(_assembly.Directory).Single().Stacks.Single();

        Assert.Equal(1 + 0.5 + 0.25 + 1 + 12, stack.Minutes);
        Assert.Equal(["Provider › Role", "Provider › Handler", "Cluster"], stack.Chain.LogicalIds);
    }

    [Fact]
    public void Keeps_environments_apart_and_filters_to_one()
    {
        Lab().Stack("other", "other-network", FakeAssembly.Resources(("Vpc", FakeAssembly.Resource("AWS::EC2::VPC"))));

        Assert.Equal(["lab", "other"], DeployPlan.FirstDeploy(_assembly.Directory).Select(p => p.Environment).ToArray());
        Assert.Equal(["other-network"], DeployPlan.FirstDeploy(_assembly.Directory, "other").Single().Stacks.Select(s => s.StackName).ToArray());
    }

    [Fact]
    public void Refuses_stacks_that_depend_on_each_other_in_a_cycle()
    {
        _assembly
            .Stack("lab", "lab-a", FakeAssembly.Resources(("Vpc", FakeAssembly.Resource("AWS::EC2::VPC"))), "lab-b")
            .Stack("lab", "lab-b", FakeAssembly.Resources(("Vpc", FakeAssembly.Resource("AWS::EC2::VPC"))), "lab-a");

        var error = Assert.Throws<InvalidDataException>(() => DeployPlan.FirstDeploy(_assembly.Directory));

        Assert.Equal("lab: the stacks depend on each other in a cycle (lab-a → lab-b → lab-a); no deploy order exists.", error.Message);
    }

    [Fact]
    public void Prints_the_waves_the_critical_path_and_its_slowest_resources()
    {
        using var output = new StringWriter();

        Assert.Equal(0, DeployPlanReport.Print(Lab().Directory, output));

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("lab: 3 waves, at most 2 stacks at once; critical path ~36 min, one stack at a time ~52 min", lines);
        Assert.Contains("  wave 1  * lab-network   us-east-1      ~1.5 min", lines);
        Assert.Contains("  wave 2    lab-cluster   us-east-1       ~13 min  after lab-network", lines);
        Assert.Contains("          * lab-replica   us-east-1       ~22 min  after lab-database", lines);
        Assert.Contains("  critical path (*): lab-network (~1.5 min) → lab-database (~12 min) → lab-replica (~22 min) = ~36 min", lines);
        Assert.Contains("    slowest in lab-replica: Cluster → Writer", lines);
    }

    [Fact]
    public void Says_what_to_do_when_there_is_no_assembly()
    {
        using var output = new StringWriter();

        Assert.Equal(2, DeployPlanReport.Print(Path.Combine(_assembly.Directory, "missing"), output));
        Assert.Contains("run the synth first (make plan does)", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _assembly.Dispose();
}
