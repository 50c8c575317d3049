using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Infra.Stacks.Deploy;

/// <summary>Prints the deploy plan of a synthesized cloud assembly: the <c>deploy-plan</c> verb, which <c>make plan</c> runs.</summary>
public static class DeployPlanReport
{
    /// <summary>Where the table of typical times is documented.</summary>
    public const string TableReference = "docs/delivery.md#deploy-plan";

    /// <summary>
    /// Prints every environment's waves and first-deploy critical path; returns 0, or 2 when the assembly is missing or
    /// its stacks depend on each other in a cycle.
    /// </summary>
    /// <param name="assemblyDirectory">The cloud assembly (<c>cdk.out</c>).</param>
    /// <param name="output">Where to print.</param>
    /// <param name="environment">Only this environment; every environment when omitted.</param>
    /// <param name="detailed">Every wave and stack; otherwise one line per environment (what <c>make plan</c> shows, to fit a screen).</param>
    public static int Print(string assemblyDirectory, TextWriter output, string? environment = null, bool detailed = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        IReadOnlyList<EnvironmentDeployPlan> plans;
        try
        {
            plans = DeployPlan.FirstDeploy(assemblyDirectory, environment);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            output.WriteLine(e.Message);
            return 2;
        }

        output.WriteLine();
        output.WriteLine($"Deploy plan: the first deploy of each environment, estimated from typical creation times per resource type ({TableReference}, reviewed {ResourceDurations.Reviewed}){(detailed ? "." : "; make deploy-plan shows every wave:")}");
        foreach (var plan in plans)
        {
            if (detailed)
            {
                output.WriteLine();
                Write(plan, output);
            }
            else
            {
                WriteSummary(plan, output);
            }
        }

        return 0;
    }

    /// <summary>One environment: its summary line, its waves with each stack's estimate, and its critical path.</summary>
    public static void Write(EnvironmentDeployPlan plan, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        var critical = plan.CriticalPath.Select(s => s.StackName).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"{plan.Environment}: {plan.Waves.Count} waves, at most {plan.WidestWave} stacks at once; critical path {Minutes(plan.CriticalMinutes)}, one stack at a time {Minutes(plan.SerialMinutes)}");
        var width = plan.Stacks.Max(s => s.StackName.Length);
        foreach (var (wave, index) in plan.Waves.Select((w, i) => (w, i + 1)))
        {
            foreach (var (stack, position) in wave.Select((s, i) => (s, i)))
            {
                var label = position == 0 ? $"wave {index}" : "";
                var marker = critical.Contains(stack.StackName) ? "*" : " ";
                var after = stack.DependsOn.Count == 0 ? "" : $"  after {string.Join(", ", stack.DependsOn)}";
                output.WriteLine($"  {label,-7} {marker} {stack.StackName.PadRight(width)}  {stack.Region,-14} {Minutes(stack.Minutes),8}{after}");
            }
        }

        output.WriteLine($"  critical path (*): {string.Join(" → ", plan.CriticalPath.Select(s => $"{s.StackName} ({Minutes(s.Minutes)})"))} = {Minutes(plan.CriticalMinutes)}");
        if (plan.CriticalPath is [.., { Chain.LogicalIds.Count: > 0 } last])
        {
            output.WriteLine($"    slowest in {last.StackName}: {string.Join(" → ", last.Chain.LogicalIds)}");
        }
    }

    /// <summary>One environment in one line: waves, the critical path through its stacks, and the serial time it saves.</summary>
    public static void WriteSummary(EnvironmentDeployPlan plan, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"  {plan.Environment}: {plan.Waves.Count} waves, critical path {Minutes(plan.CriticalMinutes)} ({string.Join(" → ", plan.CriticalPath.Select(s => s.StackName))}); one stack at a time {Minutes(plan.SerialMinutes)}");
    }

    /// <summary>An estimate as the plan prints it: whole minutes from 10 up, else one decimal (<c>~47 min</c>, <c>~4.5 min</c>).</summary>
    public static string Minutes(double minutes) =>
        $"~{(minutes >= 10 ? Math.Round(minutes, MidpointRounding.AwayFromZero) : Math.Round(minutes, 1, MidpointRounding.AwayFromZero)).ToString("0.#", CultureInfo.InvariantCulture)} min";
}
