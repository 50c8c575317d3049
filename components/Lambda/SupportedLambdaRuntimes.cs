using System;
using System.Collections.Generic;
using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace Infra.Components.Lambda;

/// <summary>
/// An aspect that moves every Node.js Lambda function in its scope, including the ones the CDK adds for its own
/// custom resources, to a runtime AWS still allows creating functions with.
/// </summary>
/// <remarks>
/// CDK 2.160's built-in providers (restrict-default-security-group, S3 auto-delete-objects, the provider framework)
/// pin <c>nodejs20.x</c>: deprecated since 2026-04-30, creation blocked from 2027-02-01. Their handlers are
/// <c>async (event, context)</c> functions using the AWS SDK v3, so they run unchanged on <c>nodejs24.x</c>, which drops
/// only callback-style handlers. Add the aspect to a <see cref="Stage"/> or <see cref="App"/> (aspects do not cross
/// stage boundaries): <c>Aspects.Of(stage).Add(new SupportedLambdaRuntimes())</c>.
/// </remarks>
public sealed class SupportedLambdaRuntimes : DeputyBase, IAspect
{
    /// <summary>The runtime every Node.js function is moved to: supported into 2028.</summary>
    public const string NodeRuntime = "nodejs24.x";

    /// <summary>Node.js runtimes that are deprecated or close to it (November 2026) and are replaced.</summary>
    public static IReadOnlySet<string> ReplacedNodeRuntimes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
        "nodejs18.x", "nodejs20.x", "nodejs22.x",
    };

    /// <inheritdoc />
    public void Visit(IConstruct node)
    {
        switch (node)
        {
            case CfnFunction function when function.Runtime is { } runtime && ReplacedNodeRuntimes.Contains(runtime):
                function.Runtime = NodeRuntime;
                break;
            // CustomResourceProvider (the CDK's own singleton handlers) emits a raw AWS::Lambda::Function CfnResource;
            // that provider only supports Node.js, so its runtime is always replaced.
            case CfnResource resource when resource is not CfnFunction && resource.CfnResourceType == "AWS::Lambda::Function":
                resource.AddPropertyOverride("Runtime", NodeRuntime);
                break;
        }
    }
}
