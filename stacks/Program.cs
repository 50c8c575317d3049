using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Amazon.CDK;
using Infra.Components;
using Infra.Policies;
using Infra.Policies.Reports;
using Infra.Stacks.Configuration;
using Infra.Stacks.Deploy;
using Infra.Stacks.Diagram;
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
               Infra.Stacks summary <cdk.out> [--findings all]  print what a synthesized cloud assembly holds and its findings by rule (all: every finding)
               Infra.Stacks deploy-plan <cdk.out> [--environment <name>] [--summary]
                                                              print each environment's deploy waves and first-deploy critical path (--summary: one line each)
               Infra.Stacks policy <dir|file> [--environment <name>] [--profile <profile>] [--reports <dir>] [--findings all]
                                                              check any CloudFormation templates (JSON or YAML) against the pack; reports in artifacts/policy
               Infra.Stacks rules [<file>]                    print (or write) the rule catalogue, RULES.md
               Infra.Stacks diagram <cdk.out> [--write <file>]      print the architecture as Mermaid, or embed it in the file (README.md)
               Infra.Stacks config <environment>               print the effective configuration, each value with the file and line that set it
               Infra.Stacks deploy-target <environment>       print the stage's stack selector, region and OIDC role as key=value lines (GITHUB_OUTPUT)
               Infra.Stacks cost <cdk.out> [--out <dir>] [--environment <name>]
                                                              the monthly idle cost of every environment (make cost)
               Infra.Stacks chaos-target <environment> <experiment>  print where the experiment's template is (account, region, tag) as key=value lines (make chaos)
               Infra.Stacks preview <base cdk.out> <head cdk.out> [--out <dir>] [--base-label <text>] [--head-label <text>] [--environment <name>]
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
            case ["summary", var assemblyDirectory, .. var options]:
                return Summary(assemblyDirectory, options, Console.Out, Console.Error);
            case ["deploy-plan", var assemblyDirectory]:
                return DeployPlanReport.Print(assemblyDirectory, Console.Out);
            case ["deploy-plan", var assemblyDirectory, "--environment", var environment]:
                return DeployPlanReport.Print(assemblyDirectory, Console.Out, environment);
            case ["deploy-plan", var assemblyDirectory, "--summary"]:
                return DeployPlanReport.Print(assemblyDirectory, Console.Out, detailed: false);
            case ["deploy-plan", var assemblyDirectory, "--environment", var environment, "--summary"]:
                return DeployPlanReport.Print(assemblyDirectory, Console.Out, environment, detailed: false);
            case ["rules"]:
                Console.Out.Write(RuleCatalogue.Render(PolicyPack.Default));
                return 0;
            case ["rules", var file]:
                File.WriteAllText(file, RuleCatalogue.Render(PolicyPack.Default));
                return 0;
            case ["policy", var path, .. var options]:
                return CheckTemplates(path, options, Console.Out, Console.Error);
            case ["diagram", var assemblyDirectory]:
                return Diagram(assemblyDirectory, null, Console.Out, Console.Error);
            case ["diagram", var assemblyDirectory, "--write", var file]:
                return Diagram(assemblyDirectory, file, Console.Out, Console.Error);
            case ["config", var environment]:
                return PrintEffectiveConfig(DefaultConfigDirectory, environment, Console.Out, Console.Error);
            case ["deploy-target", var environment]:
                return PrintDeployTarget(DefaultConfigDirectory, environment, Console.Out, Console.Error);
            case ["cost", var assemblyDirectory, .. var options]:
                return EstimateCost(assemblyDirectory, options, Console.Out, Console.Error);
            case ["chaos-target", var environment, var experiment]:
                return ChaosCommand.PrintTarget(DefaultConfigDirectory, environment, experiment, Console.Out, Console.Error);
            case ["preview", var baseAssembly, var headAssembly, .. var options]:
                return Preview(baseAssembly, headAssembly, options, Console.Out, Console.Error);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    /// <summary>
    /// Loads every environment file (or those the context key <c>environment</c> names), synthesizes their stages, then runs the policy pack over the result. Invalid input
    /// prints one message listing every problem (no stack trace), synthesizes nothing and returns 1; an unsuppressed
    /// policy error prints every finding and returns 1, so <c>cdk synth</c> and <c>cdk deploy</c> stop.
    /// </summary>
    /// <param name="configDirectory">The folder of the environment files.</param>
    /// <param name="cdkJson">The cdk.json whose context pins the feature flags; its folder is the repository root.</param>
    /// <param name="outdir">Where the cloud assembly goes; <c>null</c> lets the CDK CLI decide.</param>
    /// <param name="errors">Where problems and the policy report are written.</param>
    /// <param name="pack">The policy pack; <see cref="PolicyPack.Default"/> when omitted.</param>
    /// <param name="environments">The environments to synthesize; when omitted, those the context names, else every file.</param>
    /// <param name="steps">Where each environment's and the policy step's time goes (one line each); the console of <paramref name="errors"/> when omitted.</param>
    public static int Synthesize(
        string configDirectory, string cdkJson, string? outdir, TextWriter errors, PolicyPack? pack = null, IReadOnlyList<string>? environments = null, StepLog? steps = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        steps ??= StepLog.Measuring(errors);
        string assemblyDirectory;
        try
        {
            // Every file is read and validated before the App exists: a bad file leaves no cloud assembly behind.
            var configs = EnvironmentConfigLoader.LoadAll(configDirectory, environments ?? SelectedEnvironments());
            // The first CDK call starts the jsii runtime (Node.js, loading aws-cdk-lib): seconds before any environment.
            var app = steps.Run("starting the CDK (jsii runtime)", () => new App(new AppProps { Context = CdkJsonContext.Load(cdkJson), Outdir = outdir }));
            var repositoryRoot = Path.GetDirectoryName(Path.GetFullPath(cdkJson))!;
            foreach (var config in configs)
            {
                // Each stage synthesizes on its own (Stage.Synth caches its assembly, which App.Synth then takes as is),
                // so the console says which environment the time went to.
                steps.Run($"synthesizing {config.Name}", () =>
                {
                    var stage = new EnvironmentStage(app, config, repositoryRoot);
                    stage.Synth();
                    return stage;
                }, stage => $"{stage.Stacks.Count} stacks");
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

        return EnforcePolicies(assemblyDirectory, errors, pack, steps);
    }

    /// <summary>The context key that limits a synth to some environments: <c>cdk synth -c environment=dev</c> (<c>make plan ENV=dev</c>).</summary>
    public const string EnvironmentContextKey = "environment";

    // The environments the CLI's context names (comma-separated), or null for every file. The CDK CLI hands an app its
    // context as JSON in CDK_CONTEXT_JSON, which the App reads too; it is read here, at the entry point, so that the
    // files are validated before an App (and its output folder) exists.
    private static string[]? SelectedEnvironments() =>
        System.Environment.GetEnvironmentVariable("CDK_CONTEXT_JSON") is { Length: > 0 } json
        && System.Text.Json.Nodes.JsonNode.Parse(json)?[EnvironmentContextKey]?.GetValue<string>() is { } names
        && names.Trim().Length > 0
            ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;

    /// <summary>
    /// The step after every synth: runs the policy pack over the cloud assembly, writes the reports (every finding)
    /// next to the templates, prints every blocking error in full and then one step line with the verdict
    /// (<c>checking policies ... 1.0 s: PASSED (...); reports: ...</c>), and returns 1 on an unsuppressed error so the
    /// CDK CLI stops. The warnings are <c>make plan</c>'s to print (<see cref="PlanSummary"/>), grouped by rule.
    /// </summary>
    public static int EnforcePolicies(string assemblyDirectory, TextWriter errors, PolicyPack? pack = null, StepLog? steps = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var report = (steps ?? StepLog.Measuring(errors)).Run("checking policies", () =>
        {
            var checkedReport = PolicyGate.Check(pack ?? PolicyPack.Default, assemblyDirectory, assemblyDirectory);
            ConsoleReport.WriteFindings(checkedReport.Findings, errors, FindingsDetail.Errors);
            return checkedReport;
        }, r => $"{PolicyCounts.Of(r)}; reports: {PolicyGate.ReportsIn(assemblyDirectory)}");
        return report.Passed ? 0 : 1;
    }

    /// <summary>Where <c>make policy</c> writes its reports unless <c>--reports</c> says otherwise: never into the folder it checks.</summary>
    public const string DefaultPolicyReports = "artifacts/policy";

    private static int Summary(string assemblyDirectory, string[] options, TextWriter output, TextWriter errors) =>
        ReadOptions(options, ["--findings"], errors) is { } values && ReadFindingsDetail(values, errors) is { } detail
            ? PlanSummary.Print(assemblyDirectory, output, detail)
            : 2;

    // --findings summary (the default), all, or errors (the synth's own level).
    private static FindingsDetail? ReadFindingsDetail(Dictionary<string, string> values, TextWriter errors)
    {
        var text = values.GetValueOrDefault("--findings", "summary");
        FindingsDetail? detail = text switch
        {
            "summary" => FindingsDetail.Summary,
            "all" => FindingsDetail.All,
            "errors" => FindingsDetail.Errors,
            _ => null,
        };
        if (detail is not null)
        {
            return detail;
        }

        errors.WriteLine($"--findings '{text}' (FINDINGS= in make) is not a level; use summary (findings grouped by rule, the default), all (every finding) or errors (blocking errors only).");
        return null;
    }

    /// <summary>
    /// Prints the effective configuration of <paramref name="environment"/> (its file merged over the files it builds
    /// on), each value with the file and line that set it. Returns 1 with every problem when the file is invalid, 2 for
    /// an unknown environment.
    /// </summary>
    public static int PrintEffectiveConfig(string configDirectory, string environment, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsEnvironment(configDirectory, environment, errors))
        {
            return 2;
        }

        try
        {
            output.Write(EnvironmentConfigLoader.Effective(configDirectory, environment, Directory.GetCurrentDirectory()));
            return 0;
        }
        catch (ConfigurationException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    // Whether the config folder has a file for the environment; says which it has when not.
    private static bool IsEnvironment(string configDirectory, string environment, TextWriter errors)
    {
        var known = EnvironmentConfigLoader.EnvironmentNames(configDirectory);
        if (known.Contains(environment))
        {
            return true;
        }

        errors.WriteLine($"unknown environment '{environment}'; use one of {string.Join(", ", known)} (the files in {configDirectory}).");
        return false;
    }

    /// <summary>
    /// What the deploy workflow needs to deploy one environment, from its validated config file: the CDK stack
    /// selector of its stage (<c>Prod/*</c>), its account, primary region and the role to assume with OIDC.
    /// Returns 1 with every problem of the file when it is invalid, 2 for an unknown environment.
    /// </summary>
    public static int PrintDeployTarget(string configDirectory, string environment, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!IsEnvironment(configDirectory, environment, errors))
        {
            return 2;
        }

        try
        {
            var config = EnvironmentConfigLoader.LoadAll(configDirectory, [environment]).Single();
            output.WriteLine($"environment={config.Name}");
            output.WriteLine($"stacks={EnvironmentStage.StageId(config)}/*");
            output.WriteLine($"account={config.Account}");
            output.WriteLine($"region={config.PrimaryRegion.Name}");
            output.WriteLine($"role-arn={config.Deployment.RoleArn}");
            return 0;
        }
        catch (ConfigurationException e)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>
    /// Prints the architecture diagram of <paramref name="assemblyDirectory"/>, or embeds it in <paramref name="file"/>
    /// between its markers. Returns 1, with what to do, when the assembly or the file's markers are missing.
    /// </summary>
    public static int Diagram(string assemblyDirectory, string? file, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            var diagram = ArchitectureDiagram.Render(assemblyDirectory);
            if (file is null)
            {
                output.Write(diagram);
                return 0;
            }

            File.WriteAllText(file, ArchitectureDiagram.Embed(File.ReadAllText(file), diagram));
            output.WriteLine($"Architecture diagram written to {file}.");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    private static int Preview(string baseAssembly, string headAssembly, string[] options, TextWriter output, TextWriter errors)
    {
        if (ReadOptions(options, ["--out", "--base-label", "--head-label", "--environment"], errors) is not { } values)
        {
            return 2;
        }

        var environment = values.GetValueOrDefault("--environment");
        var outputDirectory = values.GetValueOrDefault("--out", "artifacts/diff");
        var baseLabel = values.GetValueOrDefault("--base-label", baseAssembly);
        var headLabel = values.GetValueOrDefault("--head-label", headAssembly);
        try
        {
            return PreviewCommand.Run(baseAssembly, headAssembly, outputDirectory, baseLabel, headLabel, new CloudFormationDiffEngine(Directory.GetCurrentDirectory()), output, environment);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            errors.WriteLine(e.Message);
            return 1;
        }
    }

    private static int EstimateCost(string assemblyDirectory, string[] options, TextWriter output, TextWriter errors) =>
        ReadOptions(options, ["--out", "--environment"], errors) is { } values
            ? Cost.CostCommand.Run(assemblyDirectory, values.GetValueOrDefault("--out", "artifacts/cost"), output, errors, values.GetValueOrDefault("--environment"))
            : 2;

    private static int CheckTemplates(string path, string[] options, TextWriter output, TextWriter errors)
    {
        if (ReadOptions(options, ["--environment", "--profile", "--reports", "--findings"], errors) is not { } values || ReadFindingsDetail(values, errors) is not { } detail)
        {
            return 2;
        }

        var environment = values.GetValueOrDefault("--environment");
        var profile = values.GetValueOrDefault("--profile");
        if (profile is not null && !EnvironmentConfigLoader.Profiles.ContainsKey(profile))
        {
            errors.WriteLine($"--profile '{profile}' is not a profile; use one of {string.Join(", ", EnvironmentConfigLoader.Profiles.Keys)} (production turns on the production-only rules).");
            return 2;
        }

        var reports = values.GetValueOrDefault("--reports", DefaultPolicyReports);
        try
        {
            return PolicyGate.Enforce(PolicyPack.Default, path, reports, output, environment, profile, detail, "FINDINGS=all (--findings all) lists them all");
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            errors.WriteLine(e.Message);
            return 2;
        }
    }

    // "--name value" pairs of the allowed names; null (after printing the usage) on anything else.
    private static Dictionary<string, string>? ReadOptions(string[] options, string[] allowed, TextWriter errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Length; i++)
        {
            if (!allowed.Contains(options[i]))
            {
                errors.WriteLine($"unknown option '{options[i]}'; this verb takes {string.Join(", ", allowed)}.{System.Environment.NewLine}{Usage}");
                return null;
            }

            if (i + 1 >= options.Length)
            {
                errors.WriteLine($"option '{options[i]}' needs a value.{System.Environment.NewLine}{Usage}");
                return null;
            }

            values[options[i]] = options[++i];
        }

        return values;
    }
}
