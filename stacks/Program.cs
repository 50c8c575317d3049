using System;
using Amazon.CDK;
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
        if (args is ["summary", var assemblyDirectory])
        {
            return PlanSummary.Print(assemblyDirectory, Console.Out);
        }

        try
        {
            var configs = EnvironmentConfigLoader.LoadAll(DefaultConfigDirectory);
            var app = new App(new AppProps { Context = CdkJsonContext.Load("cdk.json") });
            foreach (var config in configs)
            {
                new EnvironmentStage(app, config);
            }

            app.Synth();
            return 0;
        }
        catch (ConfigurationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (Infra.Components.ConstructValidationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
