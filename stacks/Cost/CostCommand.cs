using System;
using System.IO;

namespace Infra.Stacks.Cost;

/// <summary>The <c>cost</c> verb behind <c>make cost</c>: estimates a synthesized assembly and writes the reports.</summary>
public static class CostCommand
{
    /// <summary>
    /// Prints the estimate of <paramref name="assemblyDirectory"/> (every environment, or <paramref name="environment"/>)
    /// and writes <c>cost.md</c> and <c>cost.json</c> to <paramref name="outputDirectory"/>. Returns 0; 1 when the
    /// assembly is missing; 3 when a resource type has no price, so the table gets updated before anyone trusts the total.
    /// </summary>
    public static int Run(string assemblyDirectory, string outputDirectory, TextWriter output, TextWriter errors, string? environment = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        CostEstimate estimate;
        try
        {
            estimate = CostEstimator.Estimate(assemblyDirectory, environment: environment);
        }
        catch (FileNotFoundException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }

        output.Write(CostReport.Text(estimate));
        Directory.CreateDirectory(outputDirectory);
        File.WriteAllText(Path.Combine(outputDirectory, "cost.md"), CostReport.Markdown(estimate));
        File.WriteAllText(Path.Combine(outputDirectory, "cost.json"), CostReport.Json(estimate));
        output.WriteLine($"Reports: {Path.Combine(outputDirectory, "cost.md")} and {Path.Combine(outputDirectory, "cost.json")}.");
        foreach (var unpriced in estimate.Environments)
        {
            if (unpriced.Unpriced.Count > 0)
            {
                errors.WriteLine($"{unpriced.Environment}: {unpriced.Unpriced.Count} resource types have no price; the total leaves them out. Add them to {PriceTable.RepositoryPath} (docs/cost.md).");
                return 3;
            }
        }

        return 0;
    }
}
