using System;
using System.IO;
using System.Linq;
using Infra.Components.Resilience;
using Infra.Stacks.Configuration;
using Infra.Stacks.Stages;

namespace Infra.Stacks;

/// <summary>
/// Where an environment's experiment lives (<c>make chaos</c>): the account, the region and the tag its template carries,
/// from the environment file, so the script can find the template without knowing its id (which changes with its tags).
/// </summary>
public static class ChaosCommand
{
    /// <summary>
    /// Prints <c>account=</c>, <c>region=</c>, <c>profile=</c>, <c>tag=</c> and <c>name=</c> lines for
    /// <paramref name="experiment"/> of <paramref name="environment"/>; 0, or 2 with the reason when the environment does
    /// not hold that experiment.
    /// </summary>
    public static int PrintTarget(string configDirectory, string environment, string experiment, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        EnvironmentConfig config;
        try
        {
            config = EnvironmentConfigLoader.LoadAll(configDirectory, [environment]).Single();
        }
        catch (ConfigurationException e)
        {
            errors.WriteLine(e.Message);
            return 2;
        }

        var held = config.Chaos?.Experiments ?? [];
        if (!RecoveryConfigReader.Experiments.TryGetValue(experiment, out var kind) || !held.Contains(kind))
        {
            errors.WriteLine(held.Count == 0
                ? $"{environment} holds no experiment (its file has no chaos section)."
                : $"'{experiment}' is not an experiment of {environment}; use one of: {string.Join(", ", held.Select(RecoveryConfigReader.Name))}.");
            return 2;
        }

        var region = config.Regions.First(r => ResilienceStack.ExperimentsIn(config, r).Contains(kind));
        output.WriteLine($"account={config.Account}");
        output.WriteLine($"region={region.Name}");
        output.WriteLine($"profile={EnvironmentConfigLoader.ProfileName(config.Profile)}");
        output.WriteLine($"tag={FaultInjectionExperiment.NameTag}");
        output.WriteLine($"name={ResilienceStack.ExperimentName(config, kind)}");
        output.WriteLine($"log={ResilienceStack.LogGroupName(config)}");
        return 0;
    }
}
