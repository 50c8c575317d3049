using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Lambda;

/// <summary>Lambda functions use a runtime AWS still allows creating functions with.</summary>
public sealed class FunctionSupportedRuntime : IPolicyRule
{
    /// <summary>The runtimes allowed: AWS still allows creating functions with them in November 2026.</summary>
    /// <remarks>
    /// <c>nodejs22.x</c> is deprecated on 2027-04-30 and <c>dotnet8</c> follows .NET 8's end of support in November 2026;
    /// both are still allowed, but new code should use <c>nodejs24.x</c> and <c>dotnet10</c>.
    /// </remarks>
    public static IReadOnlyList<string> AllowedRuntimes { get; } =
    [
        "nodejs22.x", "nodejs24.x",
        "python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
        "java8.al2", "java11", "java17", "java21", "java25",
        "dotnet8", "dotnet10",
        "ruby3.3", "ruby3.4",
        "provided.al2", "provided.al2023",
    ];

    /// <summary>
    /// Runtimes AWS has deprecated or deprecates by 2027-02 (updates, then creation, are blocked after deprecation),
    /// with the runtime to move to.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RetiredRuntimes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nodejs"] = "nodejs24.x",
        ["nodejs4.3"] = "nodejs24.x",
        ["nodejs6.10"] = "nodejs24.x",
        ["nodejs8.10"] = "nodejs24.x",
        ["nodejs10.x"] = "nodejs24.x",
        ["nodejs12.x"] = "nodejs24.x",
        ["nodejs14.x"] = "nodejs24.x",
        ["nodejs16.x"] = "nodejs24.x",
        ["nodejs18.x"] = "nodejs24.x",
        ["nodejs20.x"] = "nodejs24.x",
        ["python2.7"] = "python3.13",
        ["python3.6"] = "python3.13",
        ["python3.7"] = "python3.13",
        ["python3.8"] = "python3.13",
        ["python3.9"] = "python3.13",
        ["java8"] = "java21 (or java8.al2 to stay on Java 8)",
        ["dotnetcore1.0"] = "dotnet10",
        ["dotnetcore2.0"] = "dotnet10",
        ["dotnetcore2.1"] = "dotnet10",
        ["dotnetcore3.1"] = "dotnet10",
        ["dotnet6"] = "dotnet10",
        ["dotnet7"] = "dotnet10",
        ["ruby2.5"] = "ruby3.4",
        ["ruby2.7"] = "ruby3.4",
        ["ruby3.2"] = "ruby3.4",
        ["go1.x"] = "provided.al2023 (a Go bootstrap binary)",
        ["provided"] = "provided.al2023",
    };

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-LAMBDA-1",
        PolicyLevel.Error,
        "Lambda",
        "Lambda functions use a runtime AWS still supports",
        "A deprecated runtime gets no security patches; AWS then blocks creating and later updating functions on it, so the next deploy of a changed function fails when a fix is most urgent.",
        "Set Runtime to an allowed runtime, the newest of its family (in CDK, a Runtime constant such as Runtime.JAVA_21, or new Runtime(\"nodejs24.x\", RuntimeFamily.NODEJS) where CDK 2.160 lacks the constant); the SupportedLambdaRuntimes aspect moves CDK's own Node.js handlers. Container-image functions have no Runtime and pass.",
        CdkNag: "AwsSolutions-L1",
        Checkov: "CKV_AWS_363");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::Lambda::Function");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var runtime = Cfn.AsString(resource.Properties["Runtime"]);
        if (runtime is null || AllowedRuntimes.Contains(runtime))
        {
            yield break;
        }

        yield return new Violation(RetiredRuntimes.TryGetValue(runtime, out var replacement)
            ? $"Runtime is {runtime}, which is deprecated or reaches deprecation by 2027-02; set it to {replacement}."
            : $"Runtime is {runtime}, which is not in the allowed list ({string.Join(", ", AllowedRuntimes)}); set it to one of them.");
    }
}
