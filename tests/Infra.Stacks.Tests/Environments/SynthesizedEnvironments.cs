using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Amazon.CDK;
using Infra.Policies;
using Infra.Stacks.Configuration;
using Infra.Stacks.Diagram;
using Infra.Stacks.Stages;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

/// <summary>
/// Loads the real environment files and synthesizes the whole app exactly once per test run; every environment test
/// reads from this one cloud assembly.
/// </summary>
public sealed class SynthesizedEnvironments : IDisposable
{
    private readonly ConcurrentDictionary<string, JsonObject> _json = new();
    private readonly Lazy<(string Directory, int Exit, string Output)> _checked;
    private readonly Lazy<PolicyReport> _policy;
    private readonly Lazy<string> _diagram;

    public SynthesizedEnvironments()
    {
        OutDir = Path.Combine(Path.GetTempPath(), $"infra-tests-{Guid.NewGuid():N}");
        var app = new App(new AppProps { Context = CdkJsonContext.Load(RepoPaths.CdkJson), Outdir = OutDir });
        Stages = EnvironmentConfigLoader.LoadAll(RepoPaths.ConfigDirectory)
            .ToDictionary(c => c.Name, c => new EnvironmentStage(app, c, RepoPaths.Root));
        app.Synth();
        _checked = new Lazy<(string, int, string)>(() =>
        {
            var copy = OutDir + "-checked";
            CopyTemplates(OutDir, copy);
            using var output = new StringWriter();
            var exit = Program.EnforcePolicies(copy, output);
            return (copy, exit, output.ToString());
        });
        _policy = new Lazy<PolicyReport>(() => PolicyEngine.Evaluate(PolicyPack.Default, TemplateLoader.Load(OutDir)));
        _diagram = new Lazy<string>(() => ArchitectureDiagram.Render(OutDir));
    }

    /// <summary>Copies the manifests and templates of an assembly (every JSON file outside the asset folders).</summary>
    public static void CopyTemplates(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (!relative.StartsWith("asset.", StringComparison.Ordinal))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
                File.Copy(file, Path.Combine(to, relative));
            }
        }
    }

    /// <summary>The cloud assembly directory.</summary>
    public string OutDir { get; }

    /// <summary>
    /// A copy of the assembly's manifests and templates (no assets) with the policy reports the synth step writes, made
    /// once on first use: what <c>make diff</c> compares. Copy it before changing it.
    /// </summary>
    public string CheckedTemplates => _checked.Value.Directory;

    /// <summary>The exit code of the synth's policy step over <see cref="CheckedTemplates"/>.</summary>
    public int PolicyStepExit => _checked.Value.Exit;

    /// <summary>What the synth's policy step printed over <see cref="CheckedTemplates"/>.</summary>
    public string PolicyStepOutput => _checked.Value.Output;

    /// <summary>The default pack's report over the whole assembly, evaluated once.</summary>
    public PolicyReport Policy => _policy.Value;

    /// <summary>The architecture diagram of the assembly, drawn once.</summary>
    public string Diagram => _diagram.Value;

    /// <summary>Each environment's stage.</summary>
    public IReadOnlyDictionary<string, EnvironmentStage> Stages { get; }

    /// <summary>Every stack of every environment.</summary>
    public IEnumerable<EnvironmentStack> AllStacks => Stages.Values.SelectMany(s => s.Stacks);

    /// <summary>The synthesized template of <paramref name="stack"/>, as JSON (parsed once).</summary>
    public JsonObject Json(EnvironmentStack stack) =>
        _json.GetOrAdd(stack.ArtifactId + stack.Node.Path, _ =>
            JsonNode.Parse(File.ReadAllText(Path.Combine(((Stage)stack.Node.Scope!).Outdir, stack.TemplateFile)))!.AsObject());

    public void Dispose()
    {
        foreach (var directory in new[] { OutDir, OutDir + "-checked" })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EnvironmentsCollection : ICollectionFixture<SynthesizedEnvironments>
{
    public const string Name = "Synthesized environments";
}
