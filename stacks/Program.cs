using System;
using System.IO;
using Amazon.CDK;
using Infra.Components;
using Infra.Stacks.Configuration;
using Infra.Stacks.Stages;

namespace Infra.Stacks;

/// <summary>The CDK app: one stage per environment file, or a summary of a synthesized cloud assembly.</summary>
public static class Program
{
    /// <summary>The folder of the environment files, relative to the repository root where the CDK CLI runs the app.</summary>
    public const string DefaultConfigDirectory = "stacks/config";

    /// <summary>
    /// <c>Infra.Stacks</c> synthesizes every environment (run by the CDK CLI, see cdk.json);
    /// <c>Infra.Stacks summary &lt;cdk.out&gt;</c> prints what a synthesized assembly holds.
    /// </summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args is ["summary", var assemblyDirectory]
            ? PlanSummary.Print(assemblyDirectory, Console.Out)
            : Synthesize(DefaultConfigDirectory, "cdk.json", outdir: null, Console.Error);
    }

    /// <summary>
    /// Loads every environment file and synthesizes every stage. Invalid input prints one message listing every problem
    /// (no stack trace), synthesizes nothing and returns 1.
    /// </summary>
    /// <param name="configDirectory">The folder of the environment files.</param>
    /// <param name="cdkJson">The cdk.json whose context pins the feature flags.</param>
    /// <param name="outdir">Where the cloud assembly goes; <c>null</c> lets the CDK CLI decide.</param>
    /// <param name="errors">Where problems are reported.</param>
    public static int Synthesize(string configDirectory, string cdkJson, string? outdir, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            var configs = EnvironmentConfigLoader.LoadAll(configDirectory);
            var app = new App(new AppProps { Context = CdkJsonContext.Load(cdkJson), Outdir = outdir });
            foreach (var config in configs)
            {
                new EnvironmentStage(app, config);
            }

            app.Synth();
            return 0;
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
    }
}
