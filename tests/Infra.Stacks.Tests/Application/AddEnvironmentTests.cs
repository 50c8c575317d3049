using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Application;

/// <summary>
/// An environment is a file: a fourth one (a load-test copy of prod) is synthesized from a copy of the config folder
/// with no code change, named after its file and held to the production rules because it declares that profile.
/// </summary>
public sealed class AddEnvironmentTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("infra-add-env-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_new_file_becomes_a_stage_with_its_stacks_and_the_rules_of_its_profile()
    {
        var config = Path.Combine(_root, "config");
        RepoPaths.CopyConfig(config);
        File.WriteAllText(Path.Combine(config, "load-test.yaml"), """
            # A load-test copy of prod: prod's file, in its own account and address space.
            extends: prod
            account: "444444444444"
            primaryRegion:
              vpcCidr: 10.40.0.0/16
            secondaryRegion:
              vpcCidr: 10.41.0.0/16
            kubernetes:
              adminRoleArns: ["arn:aws:iam::444444444444:role/platform-admin"]
            deployment:
              roleArn: arn:aws:iam::444444444444:role/infra-github-deploy
            """);
        var outdir = Path.Combine(_root, "cdk.out");
        using var errors = new StringWriter();

        var exit = Program.Synthesize(config, RepoPaths.CdkJson, outdir, errors, environments: ["load-test"]);

        Assert.True(exit == 0, errors.ToString());
        var stacks = TemplateLoader.ReadAssembly(outdir).Stacks;
        Assert.All(stacks, s => Assert.Equal(("LoadTest", "load-test", "production", "444444444444"), (s.Stage, s.Environment, s.Profile, s.Account)));
        Assert.Contains(stacks, s => s.StackName == "infra-load-test-cluster");
        // Per region: network, database, backup (the plan, or the copy vault) and resilience (the experiments held there);
        // plus storage, its replica, the cluster and the platform.
        Assert.Equal(12, stacks.Count);
        // The production profile, not the name, gives it termination protection and the production-only rules.
        Assert.All(stacks, s => Assert.True(s.TerminationProtection, s.StackName));
        Assert.All(TemplateLoader.Load(outdir), t => Assert.True(t.IsProduction, t.StackName));
        var cluster = JsonNode.Parse(File.ReadAllText(stacks.Single(s => s.StackName == "infra-load-test-cluster").TemplateFile))!;
        Assert.Contains("\"name\":\"infra-load-test\"", cluster.ToJsonString(), StringComparison.Ordinal);
    }
}
