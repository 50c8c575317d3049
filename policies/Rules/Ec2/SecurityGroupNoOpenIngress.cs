using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Infra.Policies.Rules.Ec2;

/// <summary>Security groups allow no inbound traffic from the whole internet.</summary>
public sealed class SecurityGroupNoOpenIngress : IPolicyRule
{
    private const string SecurityGroup = "AWS::EC2::SecurityGroup";
    private static readonly (string Property, string Anywhere)[] OpenCidrs = [("CidrIp", "0.0.0.0/0"), ("CidrIpv6", "::/0")];

    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-EC2-1",
        PolicyLevel.Error,
        "EC2",
        "Security groups allow no ingress from 0.0.0.0/0 or ::/0",
        "An ingress rule open to 0.0.0.0/0 or ::/0 exposes the port to every scanner on the internet within minutes; SSH, RDP and database ports are brute-forced, and any unpatched service behind it is one exploit away.",
        "Allow only known CIDR ranges (CidrIp/CidrIpv6) or, better, a source security group (SourceSecurityGroupId; in CDK, sg.Connections.AllowFrom(otherSg, port)). An internet-facing load balancer suppresses this rule with a reason, for its listener ports only (appliesTo Ingress::0.0.0.0/0:443).",
        CdkNag: "AwsSolutions-EC23",
        Checkov: "CKV_AWS_24, CKV_AWS_25, CKV_AWS_260");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of(SecurityGroup, "AWS::EC2::SecurityGroupIngress");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Type != SecurityGroup)
        {
            return OpenRanges(resource.Properties, "");
        }

        var ingress = resource.Properties["SecurityGroupIngress"];
        return Cfn.IsIntrinsic(ingress)
            ? []
            : Cfn.Items(ingress)
                .Select((rule, index) => (Rule: rule as JsonObject, Index: index))
                .Where(r => r.Rule is not null && !Cfn.IsIntrinsic(r.Rule))
                .SelectMany(r => OpenRanges(r.Rule!, $"SecurityGroupIngress[{r.Index}]."));
    }

    private static IEnumerable<Violation> OpenRanges(JsonObject rule, string prefix)
    {
        foreach (var (property, anywhere) in OpenCidrs)
        {
            if (Cfn.AsString(rule[property]) == anywhere)
            {
                yield return new Violation(
                    $"{prefix}{property} is {anywhere} ({Traffic(rule)}); allow only known CIDR ranges or a source security group.",
                    $"Ingress::{anywhere}:{Ports(rule)}");
            }
        }
    }

    private static bool AllProtocols(JsonObject rule) => Cfn.AsString(rule["IpProtocol"]) is "-1" or "all";

    /// <summary>The port or range (<c>443</c>, <c>1024-65535</c>), <c>all</c>, or <c>(token)</c> when a port is an intrinsic.</summary>
    private static string Ports(JsonObject rule)
    {
        if (AllProtocols(rule))
        {
            return "all";
        }

        if (Cfn.IsIntrinsic(rule["FromPort"]) || Cfn.IsIntrinsic(rule["ToPort"]))
        {
            return "(token)";
        }

        var from = Cfn.AsLong(rule["FromPort"]);
        var to = Cfn.AsLong(rule["ToPort"]) ?? from;
        return from switch
        {
            null or -1 => "all",
            _ when from == to => $"{from}",
            _ => $"{from}-{to}",
        };
    }

    private static string Traffic(JsonObject rule) =>
        AllProtocols(rule) ? "all traffic" : $"{Cfn.AsString(rule["IpProtocol"]) ?? "(token)"} {Ports(rule)}";
}
