using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Infra.Stacks.Preview;
using Infra.Stacks.Stages;
using Infra.Stacks.Tests.Environments;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Preview;

/// <summary>
/// The preview over the real synthesized app: the test run's assembly as the base, and a copy as the head, unchanged
/// or edited the way a pull request would change it; the policy pack writes both sides' reports as the synth does.
/// </summary>
[Collection(EnvironmentsCollection.Name)]
public sealed class AssemblyPreviewTests : IDisposable
{
    private readonly SynthesizedEnvironments _env;
    private readonly string _root = Directory.CreateTempSubdirectory("infra-preview-").FullName;
    private readonly CloudFormationDiffEngine _engine = new(RepoPaths.Root);

    public AssemblyPreviewTests(SynthesizedEnvironments environments)
    {
        _env = environments;
    }

    [Fact]
    public void Finds_no_change_between_equal_assemblies_nested_stacks_included()
    {
        var baseDir = Copy("base");
        var headDir = Copy("head");
        var output = new StringWriter();

        var exit = PreviewCommand.Run(baseDir, headDir, Path.Combine(_root, "out"), "base", "head", _engine, output);

        Assert.Equal(0, exit);
        var json = ReadJson();
        var stacks = json["stacks"]!.AsArray();
        var nested = _env.Stages.Count * 2; // the EKS cluster and kubectl providers of each environment
        Assert.Equal(_env.AllStacks.Count() + nested, stacks.Count);
        Assert.All(stacks, s => Assert.Equal("unchanged", (string?)s!["status"]));
        Assert.Equal(nested, stacks.Count(s => ((string)s!["stack"]!).Contains(" › ", StringComparison.Ordinal)));
        Assert.Empty(json["policy"]!.AsArray());
        Assert.All(stacks, s => Assert.Empty(s!["exportConflicts"]!.AsArray()));
        Assert.Contains("**✅ No change to any stack.**", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("### Deploy plan", output.ToString(), StringComparison.Ordinal);
        Assert.All(json["deployPlan"]!.AsArray(), d =>
        {
            Assert.False((bool)d!["lengthensCriticalPath"]!);
            Assert.Equal(d["firstDeployBefore"]!.ToJsonString(), d["firstDeployAfter"]!.ToJsonString());
            Assert.Equal(0, (double)d["thisChange"]!["criticalMinutes"]!);
            Assert.Empty(d["dependenciesAdded"]!.AsArray());
            Assert.Empty(d["accessMoves"]!.AsArray());
        });
    }

    [Fact]
    public void Warns_when_a_new_dependency_lengthens_the_first_deploys_critical_path_but_does_not_block()
    {
        var baseDir = Copy("base");
        var headDir = Copy("head");
        var prod = _env.Stages["prod"];
        var database = prod.DatabaseStacks["us-east-1"];
        // What admitting the cluster's own security group again would do: the database deploys after the cluster.
        EditManifest(headDir, prod, artifacts => artifacts[database.ArtifactId]!["dependencies"]!.AsArray().Add(prod.Cluster.ArtifactId));
        var output = new StringWriter();

        var exit = PreviewCommand.Run(baseDir, headDir, Path.Combine(_root, "out"), "main", "feature", _engine, output);

        Assert.Equal(0, exit);
        var deltas = ReadJson()["deployPlan"]!.AsArray();
        var delta = deltas.Single(d => (string?)d!["environment"] == "prod")!;
        Assert.True((bool)delta["lengthensCriticalPath"]!);
        Assert.Equal(
            new JsonArray(new JsonObject { ["stack"] = database.StackName, ["dependsOn"] = prod.Cluster.StackName }).ToJsonString(),
            delta["dependenciesAdded"]!.ToJsonString());
        Assert.Contains(prod.Cluster.StackName, delta["firstDeployAfter"]!["criticalPath"]!.AsArray().Select(s => (string?)s));
        Assert.DoesNotContain(prod.Cluster.StackName, delta["firstDeployBefore"]!["criticalPath"]!.AsArray().Select(s => (string?)s));
        Assert.True((double)delta["firstDeployAfter"]!["criticalMinutes"]! > (double)delta["firstDeployBefore"]!["criticalMinutes"]!);
        var text = output.ToString();
        Assert.Contains("### Deploy plan", text, StringComparison.Ordinal);
        Assert.Contains("- ⚠️ **prod**: the first deploy's critical path gets ~", text, StringComparison.Ordinal);
        Assert.Contains($"- **prod**: `{database.StackName}` now waits for `{prod.Cluster.StackName}`.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("| dev |", text[text.IndexOf("### Deploy plan", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Names_the_stacks_to_deploy_first_when_an_ingress_rule_moves_to_another_source()
    {
        var baseDir = Copy("base");
        var headDir = Copy("head");
        var dev = _env.Stages["dev"];
        var database = dev.DatabaseStacks["us-east-1"];
        var clusterGroup = _env.Json(dev.Cluster)["Outputs"]!.AsObject()
            .Select(o => (string?)o.Value!["Export"]?["Name"]).Single(n => n?.Contains("ClusterSecurityGroupId", StringComparison.Ordinal) == true)!;
        // The rollback of the client group: the database admits the cluster's own group again.
        Edit(headDir, database, t =>
        {
            var resources = t["Resources"]!.AsObject();
            var (id, rule) = resources.Single(r => r.Key.Contains("DatabaseClients", StringComparison.Ordinal) && (string?)r.Value!["Type"] == "AWS::EC2::SecurityGroupIngress");
            var moved = rule!.DeepClone();
            moved["Properties"]!["SourceSecurityGroupId"] = new JsonObject { ["Fn::ImportValue"] = clusterGroup };
            resources.Remove(id);
            resources["DatabaseSecurityGroupfromClusterGroup"] = moved;
        });

        PreviewCommand.Run(baseDir, headDir, Path.Combine(_root, "out"), "main", "feature", _engine, TextWriter.Null);

        var move = Assert.Single(ReadJson()["deployPlan"]!.AsArray().Single(d => (string?)d!["environment"] == "dev")!["accessMoves"]!.AsArray());
        Assert.StartsWith($"`{database.StackName}`: port 5432 of `DatabaseSecurityGroup5C91FDCB` admits export `{clusterGroup}` instead of export `{dev.NetworkStacks["us-east-1"].StackName}:ExportsOutputFnGetAttDatabaseClients", (string?)move, StringComparison.Ordinal);
        Assert.Contains($"first deploy `{dev.Cluster.StackName}` and `{dev.Platform.StackName}` (`cdk deploy --exclusively`)", (string?)move, StringComparison.Ordinal);
        Assert.EndsWith($"then deploy `{database.StackName}`. See docs/runbooks/database-client-group.md.", (string?)move, StringComparison.Ordinal);
        Assert.Contains("⚠️ **dev**, deploy order for a live environment: ", File.ReadAllText(Path.Combine(_root, "out", "preview.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Blocks_a_replaced_database_an_orphaned_bucket_and_an_introduced_policy_error()
    {
        var baseDir = Copy("base");
        var headDir = Copy("head");
        var prod = _env.Stages["prod"];
        Edit(headDir, prod.DatabaseStacks.Values.First(), t => t["Resources"]!["DatabaseClusterC6094C50"]!["Properties"]!["StorageEncrypted"] = false);
        Edit(headDir, prod.Storage, t => t["Resources"]!.AsObject().Remove("Data2D4B752F"));
        Edit(headDir, prod.Storage, t =>
        {
            t["Resources"]!["AccessLogs247031D9"]!.AsObject().Remove("DeletionPolicy");
            t["Resources"]!["AccessLogs247031D9"]!.AsObject().Remove("UpdateReplacePolicy");
        });
        Edit(headDir, _env.Stages["dev"].Storage, t => t["Resources"]!["Data2D4B752F"]!["Properties"]!["Tags"]!.AsArray().Add(new JsonObject { ["Key"] = "team", ["Value"] = "data" }));
        Program.EnforcePolicies(headDir, TextWriter.Null);
        var output = new StringWriter();

        var exit = PreviewCommand.Run(baseDir, headDir, Path.Combine(_root, "out"), "main", "feature", _engine, output);

        Assert.Equal(PreviewCommand.BlockingExitCode, exit);
        var json = ReadJson();
        var database = Resource(json, prod.DatabaseStacks.Values.First().StackName, "DatabaseClusterC6094C50");
        Assert.Equal("replaced", (string?)database["change"]);
        Assert.Equal("StorageEncrypted", (string?)database["properties"]![0]!["path"]);
        Assert.True((bool)database["blocking"]!);
        var bucket = Resource(json, prod.Storage.StackName, "Data2D4B752F");
        Assert.Equal("orphaned", (string?)bucket["change"]);
        Assert.True((bool)bucket["blocking"]!);
        var tagged = Resource(json, _env.Stages["dev"].Storage.StackName, "Data2D4B752F");
        Assert.Equal("modified", (string?)tagged["change"]);
        Assert.False((bool)tagged["blocking"]!);
        Assert.Contains(json["policy"]!.AsArray(), p =>
            (string?)p!["ruleId"] == "INFRA-DATA-1" && (string?)p["logicalId"] == "AccessLogs247031D9" && (bool)p["blocking"]! && (string?)p["change"] == "introduced");
        var markdown = File.ReadAllText(Path.Combine(_root, "out", "preview.md"));
        // Two blocking changes: the bucket, and its export, which the backup plan still imports.
        Assert.Contains($"| prod | `{prod.Storage.StackName}` | us-east-1 | 0 | 1 | 0 | 1 | **2** |", markdown, StringComparison.Ordinal);
        Assert.Contains("database replaced (a new, empty one is created) by a change to StorageEncrypted", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_a_deleted_environment_file_as_the_removal_of_every_stack_and_blocks_on_its_data()
    {
        var baseDir = Copy("base");
        var headDir = Copy("head");
        var dev = _env.Stages["dev"];
        // What a synth of the repository without stacks/config/dev.yaml leaves: no Dev stage in the assembly.
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(headDir, "manifest.json")))!.AsObject();
        var stage = manifest["artifacts"]!.AsObject().Single(a => (string?)a.Value!["properties"]?["displayName"] == "Dev").Key;
        manifest["artifacts"]!.AsObject().Remove(stage);
        File.WriteAllText(Path.Combine(headDir, "manifest.json"), manifest.ToJsonString());
        Directory.Delete(Path.Combine(headDir, stage), recursive: true);

        var exit = PreviewCommand.Run(baseDir, headDir, Path.Combine(_root, "out"), "main", "feature", _engine, TextWriter.Null);

        Assert.Equal(PreviewCommand.BlockingExitCode, exit);
        var stacks = ReadJson()["stacks"]!.AsArray().Where(s => (string?)s!["environment"] == "dev").ToList();
        Assert.Equal(dev.Stacks.Count + 2, stacks.Count); // with the cluster's two nested provider stacks
        Assert.All(stacks, s => Assert.Equal("removed", (string?)s!["status"]));
        var bucket = Resource(ReadJson(), dev.Storage.StackName, "Data2D4B752F");
        Assert.Equal(("removed", true), ((string?)bucket["change"], (bool)bucket["blocking"]!));
        Assert.DoesNotContain(ReadJson()["stacks"]!.AsArray(), s => (string?)s!["environment"] != "dev" && (string?)s!["status"] != "unchanged");
    }

    [Fact]
    public void Blocks_an_export_that_an_importing_stack_still_needs()
    {
        var baseDir = Copy("base");
        var headDir = Copy("head");
        var dev = _env.Stages["dev"];
        var network = dev.NetworkStacks.Values.First();
        var outputs = _env.Json(network)["Outputs"]!.AsObject();
        var removed = outputs.First(o => (string?)o.Value!["Export"]!["Name"] is { } name && name.Contains("PrivateSubnet1", StringComparison.Ordinal));
        var removedName = (string)removed.Value!["Export"]!["Name"]!;
        Edit(headDir, network, t =>
        {
            t["Outputs"]!.AsObject().Remove(removed.Key);
            t["Resources"]!["NetworkVpc7FB7348F"]!["Properties"]!["CidrBlock"] = "10.99.0.0/16";
        });

        var exit = PreviewCommand.Run(baseDir, headDir, Path.Combine(_root, "out"), "main", "feature", _engine, TextWriter.Null);

        Assert.Equal(PreviewCommand.BlockingExitCode, exit);
        var conflicts = ReadJson()["stacks"]!.AsArray().Single(s => (string?)s!["stack"] == network.StackName)!["exportConflicts"]!.AsArray().Select(c => (string)c!).ToList();
        var removal = Assert.Single(conflicts, c => c.StartsWith($"export {removedName} is removed while ", StringComparison.Ordinal));
        Assert.Contains($" {dev.Cluster.StackName}, ", removal, StringComparison.Ordinal);
        Assert.Contains(dev.DatabaseStacks.Values.First().StackName, removal, StringComparison.Ordinal);
        Assert.EndsWith(" imports it: the deploy fails (deploy the importer without it first)", removal, StringComparison.Ordinal);
        Assert.Contains(conflicts, c => c.Contains("changes value (NetworkVpcPrivateSubnet2Subnet", StringComparison.Ordinal) && c.EndsWith("imports it: the deploy fails", StringComparison.Ordinal));
        Assert.Contains("export " + removedName + " is removed", File.ReadAllText(Path.Combine(_root, "out", "preview.md")), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static JsonNode Resource(JsonObject preview, string stackName, string logicalId) =>
        preview["stacks"]!.AsArray().Single(s => (string?)s!["stack"] == stackName)!["resources"]!.AsArray().Single(r => (string?)r!["logicalId"] == logicalId)!;

    private JsonObject ReadJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(_root, "out", "preview.json")))!.AsObject();

    // The run's templates with their policy reports, as the synth leaves them.
    private string Copy(string name)
    {
        var target = Path.Combine(_root, name);
        SynthesizedEnvironments.CopyTemplates(_env.CheckedTemplates, target);
        foreach (var report in Policies.PolicyGate.ReportFiles)
        {
            File.Copy(Path.Combine(_env.CheckedTemplates, report), Path.Combine(target, report), overwrite: true);
        }

        return target;
    }

    private static void EditManifest(string assembly, Stage stage, Action<JsonObject> edit)
    {
        var file = Path.Combine(assembly, Path.GetFileName(stage.Outdir), "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(manifest["artifacts"]!.AsObject());
        File.WriteAllText(file, manifest.ToJsonString());
    }

    private static void Edit(string assembly, EnvironmentStack stack, Action<JsonObject> edit)
    {
        var stageDirectory = Path.GetFileName(((Stage)stack.Node.Scope!).Outdir);
        var file = Path.Combine(assembly, stageDirectory, stack.TemplateFile);
        var template = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(template);
        File.WriteAllText(file, template.ToJsonString());
    }
}
