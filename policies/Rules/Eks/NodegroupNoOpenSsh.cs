using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Eks;

/// <summary>Managed node groups do not open SSH to the internet.</summary>
public sealed class NodegroupNoOpenSsh : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EKS-5",
        PolicyLevel.Error,
        "EKS",
        "EKS node groups allow SSH only from named security groups",
        "With RemoteAccess and no SourceSecurityGroups, EKS opens port 22 on every node to 0.0.0.0/0; the nodes then face brute-force attempts and any sshd vulnerability from the whole internet.",
        "Remove RemoteAccess and reach nodes with SSM Session Manager, or set RemoteAccess.SourceSecurityGroups to the groups allowed to connect (in CDK, RemoteAccess = new NodegroupRemoteAccess { SshKeyName = ..., SourceSecurityGroups = [...] }).",
        Checkov: "CKV_AWS_100");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EKS::Nodegroup");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var remoteAccess = resource.Properties["RemoteAccess"];
        if (remoteAccess is null || IntrinsicPath.IsUnknown(remoteAccess, "SourceSecurityGroups"))
        {
            yield break;
        }

        var groups = resource.Property("RemoteAccess.SourceSecurityGroups");
        if (!Cfn.Items(groups).Any())
        {
            yield return new Violation(
                $"RemoteAccess.SourceSecurityGroups is {(groups is null ? "not set" : "empty")}, so EKS opens SSH (port 22) on the nodes to 0.0.0.0/0; remove RemoteAccess or list the security groups allowed to connect.");
        }
    }
}
