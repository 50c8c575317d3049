using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Lambda;
using Infra.Policies;
using Infra.Policies.Rules.Lambda;
using Xunit;

namespace Infra.Stacks.Tests.Environments;

[Collection(EnvironmentsCollection.Name)]
public sealed class LambdaRuntimeTests
{
    // Loads a handler module with the AWS SDK v3 (present in the Lambda runtime, not here) stubbed, and reports the
    // exported handler's shape. Node 24 only runs async (or promise-returning) handlers without the callback argument.
    private const string Probe = """
        const Module = require('module');
        const load = Module._load;
        Module._load = function (request, parent, isMain) {
          if (request.startsWith('@aws-sdk/')) { return new Proxy({}, { get: () => class {} }); }
          return load.apply(this, arguments);
        };
        const [file, name] = process.argv.slice(1);
        const handler = require(file)[name];
        console.log(JSON.stringify({ type: typeof handler, kind: handler && handler.constructor.name, arity: handler && handler.length }));
        """;

    private readonly SynthesizedEnvironments _env;

    public LambdaRuntimeTests(SynthesizedEnvironments environments) => _env = environments;

    // Every template of the assembly: the stacks and their nested stacks (the CDK's EKS providers live there).
    private IEnumerable<(string Template, string Id, JsonObject Function)> Functions() =>
        TemplateLoader.Load(_env.OutDir)
            .SelectMany(t => t.OfType("AWS::Lambda::Function").Select(f => (t.StackName, f.LogicalId, f.Raw)));

    [Fact]
    public void Every_function_in_every_template_runs_on_a_runtime_aws_still_allows_creating()
    {
        var functions = Functions().ToList();
        Assert.Contains(functions, f => f.Template.EndsWith(".nested", StringComparison.Ordinal) || f.Template.Contains("Provider", StringComparison.Ordinal));
        foreach (var (template, id, function) in functions)
        {
            var runtime = (string?)function["Properties"]!["Runtime"];
            Assert.True(runtime is not null && FunctionSupportedRuntime.AllowedRuntimes.Contains(runtime), $"{template}/{id} runs on {runtime}");
            Assert.True(!runtime.StartsWith("nodejs", StringComparison.Ordinal) || runtime == SupportedLambdaRuntimes.NodeRuntime,
                $"{template}/{id} runs on {runtime}, not {SupportedLambdaRuntimes.NodeRuntime}");
        }
    }

    [Fact]
    public void Every_node_handler_is_an_async_function_that_node24_can_invoke()
    {
        var handlers = Functions()
            .Where(f => ((string?)f.Function["Properties"]!["Runtime"])?.StartsWith("nodejs", StringComparison.Ordinal) == true)
            .Select(f => (Asset: ((string)f.Function["Properties"]!["Code"]!["S3Key"]!).Replace(".zip", "", StringComparison.Ordinal), Handler: (string)f.Function["Properties"]!["Handler"]!))
            .Distinct()
            .ToList();
        Assert.NotEmpty(handlers);
        foreach (var (asset, handler) in handlers)
        {
            var module = handler[..handler.LastIndexOf('.')];
            var export = handler[(handler.LastIndexOf('.') + 1)..];
            var file = Path.Combine(_env.OutDir, $"asset.{asset}", $"{module}.js");
            Assert.True(File.Exists(file), $"no handler file {file}");
            var shape = JsonNode.Parse(RunNode(file, export))!;
            Assert.Equal("function", (string?)shape["type"]);
            Assert.True((string?)shape["kind"] == "AsyncFunction", $"{asset}/{handler} is a {(string?)shape["kind"]}, not an async function");
            Assert.True((int)shape["arity"]! <= 2, $"{asset}/{handler} takes a callback ({(int)shape["arity"]!} parameters)");
        }
    }

    private static string RunNode(string file, string export)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-e", Probe, "--", file, export })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"node failed on {file}: {error}");
        return output.Trim();
    }
}
