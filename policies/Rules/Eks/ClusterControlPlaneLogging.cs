using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Eks;

/// <summary>The cluster sends every control-plane log type to CloudWatch Logs.</summary>
public sealed class ClusterControlPlaneLogging : IPolicyRule
{
    /// <summary>The control-plane log types that must be enabled.</summary>
    public static IReadOnlyList<string> RequiredLogTypes { get; } = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-2",
        PolicyLevel.Error,
        "EKS",
        "EKS clusters log api, audit, authenticator, controllerManager and scheduler",
        "EKS keeps no control-plane logs unless asked: without audit and authenticator logs nobody can tell who did what through the Kubernetes API, and without the others failed scheduling or controller errors cannot be diagnosed.",
        "Enable all five types: Logging.ClusterLogging.EnabledTypes on AWS::EKS::Cluster; in CDK, ClusterLogging = [ClusterLoggingTypes.API, AUDIT, AUTHENTICATOR, CONTROLLER_MANAGER, SCHEDULER].",
        CdkNag: "AwsSolutions-EKS2");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = EksClusterConfig.Types;

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var config = EksClusterConfig.Of(resource);
        if (config is null)
        {
            yield break;
        }

        var field = config.Field("Logging.ClusterLogging.EnabledTypes", "logging.clusterLogging");
        var enabled = field.IsUnknown ? null : config.IsCdk ? CdkEnabledTypes(field.Value) : CfnEnabledTypes(field.Value);
        if (enabled is null)
        {
            yield break;
        }

        var missing = RequiredLogTypes.Where(t => !enabled.Contains(t)).ToList();
        if (missing.Count == 0)
        {
            yield break;
        }

        var required = string.Join(", ", missing);
        yield return new Violation(field.Value is null ? $"{field.Path} is not set; enable {required}."
            : enabled.Count == 0 ? $"{field.Path} enables no log types; enable {required}."
            : $"{field.Path} enables {string.Join(", ", enabled.Distinct())}; also enable {required}.");
    }

    /// <summary>The types of <c>[{ "Type": "api" }, ...]</c>; <c>null</c> when one is an intrinsic.</summary>
    private static List<string>? CfnEnabledTypes(JsonNode? enabledTypes)
    {
        var types = Cfn.Items(enabledTypes).Select(i => i is JsonObject o && !Cfn.IsIntrinsic(o) ? Cfn.AsString(o["Type"]) : null).ToList();
        return types.Contains(null) ? null : types.OfType<string>().ToList();
    }

    /// <summary>The types of the entries with <c>enabled: true</c> in <c>[{ "types": [...], "enabled": true }]</c>; <c>null</c> when unknown.</summary>
    private static List<string>? CdkEnabledTypes(JsonNode? clusterLogging)
    {
        var types = new List<string>();
        foreach (var entry in Cfn.Items(clusterLogging))
        {
            if (entry is not JsonObject setup || Cfn.IsIntrinsic(setup) || Cfn.IsIntrinsic(setup["enabled"]) || Cfn.IsIntrinsic(setup["types"]))
            {
                return null;
            }

            if (Cfn.AsBool(setup["enabled"]) != true)
            {
                continue;
            }

            var items = Cfn.Items(setup["types"]).ToList();
            if (items.Any(Cfn.IsIntrinsic))
            {
                return null;
            }

            types.AddRange(Cfn.Strings(setup["types"]));
        }

        return types;
    }
}
