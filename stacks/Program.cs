using System;
using System.IO;
using Amazon.CDK;
using Infra.Components;
using Infra.Policies;
using Infra.Stacks.Configuration;
using Infra.Stacks.Preview;
using Infra.Stacks.Stages;

namespace Infra.Stacks;

/// <summary>The CDK app, plus the verbs the Makefile uses.</summary>
public static class Program
{
    /// <summary>The folder of the environment files, relative to the repository root where the CDK CLI runs the app.</summary>
    public const string DefaultConfigDirectory = "stacks/config";

    private const string Usage = """
        usage: Infra.Stacks                                   synthesize every environment and enforce the policy pack (the CDK CLI runs this)
               Infra.Stacks summary <cdk.out>                 print what a synthesized cloud assembly holds
               Infra.Stacks policy <dir|file> [--environment <env>] [--reports <dir>]
                                                              check any CloudFormation templates (JSON or YAML) against the pack
               Infra.Stacks rules [<file>]                    print (or write) the rule catalogue, RULES.md
               Infra.Stacks preview <base cdk.out> <head cdk.out> [--out <dir>] [--base-label <text>] [--head-label <text>]
                                                              compare two synthesized assemblies (make diff); exit 2 on a blocking change
        """;

    /// <summary>Dispatches to the synth (no arguments) or to a verb.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case []:
                return Synthesize(DefaultConfigDirectory, "cdk.json", outdir: null, Console.Error);
            case ["summary", var assemblyDirectory]:
                return PlanSummary.Print(assemblyDirectory, Console.Out);
            case ["rules"]:
                Console.Out.Write(RuleCatalogue.Render(PolicyPack.Default));
                return 0;
            case ["rules", var file]:
                File.WriteAllText(file, RuleCatalogue.Render(PolicyPack.Default));
                return 0;
            case ["policy", var path, .. var options]:
                return CheckTemplates(path, options, Console.Out, Console.Error);
            case ["preview", var baseAssembly, var headAssembly, .. var options]:
                return Preview(baseAssembly, headAssembly, options, Console.Out, Console.Error);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>
    /// Loads every environment file, synthesizes every stage, then runs the policy pack over the result. Invalid input
    /// prints one message listing every problem (no stack trace), synthesizes nothing and returns 1; an unsuppressed
    /// policy error prints every finding and returns 1, so <c>cdk synth</c> and <c>cdk deploy</c> stop.
    /// </summary>
    /// <param name="configDirectory">The folder of the environment files.</param>
    /// <param name="cdkJson">The cdk.json whose context pins the feature flags; its folder is the repository root.</param>
    /// <param name="outdir">Where the cloud assembly goes; <c>null</c> lets the CDK CLI decide.</param>
    /// <param name="errors">Where problems and the policy report are written.</param>
    /// <param name="pack">The policy pack; <see cref="PolicyPack.Default"/> when omitted.</param>
    public static int Synthesize(string configDirectory, string cdkJson, string? outdir, TextWriter errors, PolicyPack? pack = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string assemblyDirectory;
        try
        {
            var configs = EnvironmentConfigLoader.LoadAll(configDirectory);
            var app = new App(new AppProps { Context = CdkJsonContext.Load(cdkJson), Outdir = outdir });
            var repositoryRoot = Path.GetDirectoryName(Path.GetFullPath(cdkJson))!;
            foreach (var config in configs)
            {
                new EnvironmentStage(app, config, repositoryRoot);
            }

            assemblyDirectory = app.Synth().Directory;
        }
        catch (ConfigurationException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
        catch (ConstructValidationException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
        catch (FileNotFoundException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }

        return EnforcePolicies(assemblyDirectory, errors, pack);
    }

    /// <summary>
    /// The step after every synth: runs the policy pack over the cloud assembly, prints every finding, writes the
    /// reports next to the templates, and returns 1 on an unsuppressed error so the CDK CLI stops.
    /// </summary>
    public static int EnforcePolicies(string assemblyDirectory, TextWriter errors, PolicyPack? pack = null) =>
        PolicyGate.Enforce(pack ?? PolicyPack.Default, assemblyDirectory, assemblyDirectory, errors);

    private static int Preview(string baseAssembly, string headAssembly, string[] options, TextWriter output, TextWriter errors)
    {
        var (outputDirectory, baseLabel, headLabel) = ("artifacts/diff", baseAssembly, headAssembly);
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--out" when i + 1 < options.Length:
                    outputDirectory = options[++i];
                    break;
                case "--base-label" when i + 1 < options.Length:
                    baseLabel = options[++i];
                    break;
                case "--head-label" when i + 1 < options.Length:
                    headLabel = options[++i];
                    break;
                default:
                    errors.WriteLine($"unknown option '{options[i]}'.{System.Environment.NewLine}{Usage}");
                    return 2;
            }
        }

        try
        {
            return PreviewCommand.Run(baseAssembly, headAssembly, outputDirectory, baseLabel, headLabel, new CloudFormationDiffEngine(Directory.GetCurrentDirectory()), output);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    private static int CheckTemplates(string path, string[] options, TextWriter output, TextWriter errors)
    {
        string? environment = null;
        var reports = Path.Combine(Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!, "policy");
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--environment" when i + 1 < options.Length:
                    environment = options[++i];
                    break;
                case "--reports" when i + 1 < options.Length:
                    reports = options[++i];
                    break;
                default:
                    errors.WriteLine($"unknown option '{options[i]}'.{System.Environment.NewLine}{Usage}");
                    return 2;
            }
        }

        try
        {
            return PolicyGate.Enforce(PolicyPack.Default, path, reports, output, environment);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
    }
}
