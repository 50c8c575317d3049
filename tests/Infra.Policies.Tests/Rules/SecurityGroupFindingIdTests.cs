using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace Infra.Policies.Tests.Rules;

/// <summary>INFRA-EC2-1 reports one finding per open rule, so a load balancer can acknowledge only its listener ports.</summary>
public sealed class SecurityGroupFindingIdTests
{
    private const string Resources = """
        { "G": { "Type": "AWS::EC2::SecurityGroup",
          "Metadata": { "infra:policy": { "suppressions": [
            { "id": "INFRA-EC2-1", "reason": "Internet-facing ALB: HTTPS listener", "appliesTo": ["Ingress::0.0.0.0/0:443"] } ] } },
          "Properties": { "GroupDescription": "alb", "SecurityGroupIngress": [
            { "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0" },
            { "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0" },
            { "IpProtocol": "tcp", "FromPort": 8000, "ToPort": 8100, "CidrIp": "0.0.0.0/0" },
            { "IpProtocol": "-1", "CidrIp": "0.0.0.0/0" } ] } } }
        """;

    [Fact]
    public void Each_open_rule_has_its_own_finding_id_and_only_the_named_one_is_suppressed()
    {
        var template = new TemplateDocument(new JsonObject { ["Resources"] = JsonNode.Parse(Resources)!.AsObject() }, "Fixture", "fixture.json", null);
        var pack = new PolicyPack([PolicyPack.Default.ById["INFRA-EC2-1"]]);
        var findings = PolicyEngine.Evaluate(pack, [template]).Findings.Where(f => f.Rule.Id == "INFRA-EC2-1").ToList();

        Assert.Equal(["Ingress::0.0.0.0/0:443", "Ingress::::/0:443", "Ingress::0.0.0.0/0:8000-8100", "Ingress::0.0.0.0/0:all"], findings.Select(f => f.FindingId));
        Assert.Equal(["Ingress::0.0.0.0/0:443"], findings.Where(f => f.IsSuppressed).Select(f => f.FindingId));
    }
}
