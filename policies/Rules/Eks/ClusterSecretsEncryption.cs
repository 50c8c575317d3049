using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Eks;

/// <summary>The cluster envelope-encrypts Kubernetes secrets with a KMS key.</summary>
public sealed class ClusterSecretsEncryption : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-3",
        PolicyLevel.Error,
        "EKS",
        "EKS clusters encrypt Kubernetes secrets with a KMS key",
        "Without a KMS key of your own for secrets you cannot control, audit (CloudTrail) or revoke access to the key protecting Kubernetes Secrets in etcd, which CIS and PCI ask for; the CDK cluster custom resource cannot add it after the cluster exists.",
        "Add an EncryptionConfig entry with Resources [secrets] and Provider.KeyArn set to a KMS key ARN (in CDK, SecretsEncryptionKey = a Key with rotation on).",
        Checkov: "CKV_AWS_58");

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

        var field = config.Field("EncryptionConfig", "encryptionConfig");
        var resourcesName = config.Name("Resources", "resources");
        var keyArnPath = config.Name("Provider.KeyArn", "provider.keyArn");
        if (field.IsUnknown)
        {
            yield break;
        }

        var entries = Cfn.Items(field.Value).ToList();
        if (entries.Any(e => e is not JsonObject || Cfn.IsIntrinsic(e) || Cfn.IsIntrinsic(e[resourcesName])))
        {
            yield break;
        }

        var index = entries.FindIndex(e => Cfn.Strings(e![resourcesName]).Contains("secrets"));
        if (index < 0)
        {
            yield return new Violation(entries.Count == 0
                ? $"{field.Path} is not set; add an entry with {resourcesName} [secrets] and {keyArnPath} set to a KMS key."
                : $"No {field.Path} entry includes secrets in {resourcesName}; add one with {keyArnPath} set to a KMS key.");
        }
        else if (!IntrinsicPath.IsUnknown(entries[index], keyArnPath) && Cfn.At(entries[index], keyArnPath) is null)
        {
            yield return new Violation($"{field.Path}[{index}].{keyArnPath} is not set; set it to a KMS key ARN.");
        }
    }
}
