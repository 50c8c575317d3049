using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Components.Lambda;
using Infra.TestKit;
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

    [Fact]
    public void Every_function_in_every_template_runs_on_a_runtime_aws_still_allows_creating()
    {
        var functions = _env.AllStacks
            .SelectMany(s => _env.Json(s).Resources("AWS::Lambda::Function").Select(f => (Stack: s.StackName, f.Key, f.Value)))
            .ToList();
        Assert.NotEmpty(functions);
        foreach (var (stack, id, function) in functions)
        {
            var runtime = (string?)function["Properties"]!["Runtime"];
            Assert.True(runtime == SupportedLambdaRuntimes.NodeRuntime, $"{stack}/{id} runs on {runtime}");
        }
    }

    [Fact]
    public void Every_handler_is_an_async_function_that_node24_can_invoke()
    {
        var handlers = _env.AllStacks
            .SelectMany(s => _env.Json(s).Resources("AWS::Lambda::Function").Values)
            .Select(f => (Asset: ((string)f["Properties"]!["Code"]!["S3Key"]!).Replace(".zip", "", System.StringComparison.Ordinal), Handler: (string)f["Properties"]!["Handler"]!))
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
