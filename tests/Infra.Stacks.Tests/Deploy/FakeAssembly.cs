using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Infra.Policies;

namespace Infra.Stacks.Tests.Deploy;

/// <summary>A small cloud assembly written by hand: stacks with templates, dependencies and the environment they declare.</summary>
internal sealed class FakeAssembly : IDisposable
{
    private readonly JsonObject _artifacts = [];

    public FakeAssembly() => Directory = System.IO.Directory.CreateTempSubdirectory("infra-deploy-plan-").FullName;

    public string Directory { get; }

    /// <summary>Adds a stack of <paramref name="environment"/> holding <paramref name="resources"/> (logical id to resource JSON).</summary>
    public FakeAssembly Stack(string environment, string name, JsonObject resources, params string[] dependsOn)
    {
        File.WriteAllText(Path.Combine(Directory, $"{name}.template.json"), new JsonObject { ["Resources"] = resources }.ToJsonString());
        _artifacts[name] = new JsonObject
        {
            ["type"] = "aws:cloudformation:stack",
            ["environment"] = "aws://111111111111/us-east-1",
            ["properties"] = new JsonObject { ["templateFile"] = $"{name}.template.json", ["stackName"] = name },
            ["dependencies"] = new JsonArray(dependsOn.Append($"{name}.assets").Select(d => (JsonNode?)d).ToArray()),
            ["metadata"] = new JsonObject
            {
                [$"/{name}"] = new JsonArray(new JsonObject
                {
                    ["type"] = AssemblyStack.EnvironmentMetadataType,
                    ["data"] = new JsonObject { ["name"] = environment, ["profile"] = "development" },
                }),
            },
        };
        Write();
        return this;
    }

    /// <summary>Writes a nested stack's template beside its parent's, where the parent's asset metadata points.</summary>
    public FakeAssembly NestedTemplate(string file, JsonObject resources)
    {
        File.WriteAllText(Path.Combine(Directory, file), new JsonObject { ["Resources"] = resources }.ToJsonString());
        return this;
    }

    /// <summary>A resource of <paramref name="type"/> that waits for <paramref name="dependsOn"/>.</summary>
    public static JsonObject Resource(string type, params string[] dependsOn) => Resource(type, [], dependsOn);

    /// <summary>A resource of <paramref name="type"/> with properties, waiting for <paramref name="dependsOn"/>.</summary>
    public static JsonObject Resource(string type, JsonObject properties, params string[] dependsOn)
    {
        var resource = new JsonObject { ["Type"] = type, ["Properties"] = properties };
        if (dependsOn.Length > 0)
        {
            resource["DependsOn"] = new JsonArray(dependsOn.Select(d => (JsonNode?)d).ToArray());
        }

        return resource;
    }

    /// <summary>Resources by logical id.</summary>
    public static JsonObject Resources(params (string Id, JsonObject Resource)[] resources) =>
        new(resources.Select(r => KeyValuePair.Create(r.Id, (JsonNode?)r.Resource)));

    private void Write() =>
        File.WriteAllText(Path.Combine(Directory, "manifest.json"), new JsonObject { ["version"] = "38.0.1", ["artifacts"] = _artifacts.DeepClone() }.ToJsonString());

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
