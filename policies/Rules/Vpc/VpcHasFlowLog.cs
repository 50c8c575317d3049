using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Vpc;

/// <summary>Every VPC has a flow log in the same template.</summary>
public sealed class VpcHasFlowLog : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-VPC-1",
        PolicyLevel.Error,
        "VPC",
        "VPCs have a flow log",
        "Without flow logs there is no record of which addresses talked to what: a breach, a data exfiltration or a misrouted dependency cannot be traced after the fact.",
        "Add an AWS::EC2::FlowLog whose ResourceId refers to the VPC (VpcNetwork does; in CDK, vpc.AddFlowLog(...) or FlowLogs on VpcProps).",
        CdkNag: "AwsSolutions-VPC7");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::EC2::VPC");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var hasFlowLog = resource.Template.OfType("AWS::EC2::FlowLog")
            .Any(f => Cfn.RefersTo(f.Properties["ResourceId"], resource.LogicalId));
        if (!hasFlowLog)
        {
            yield return new Violation("No AWS::EC2::FlowLog in this template has a ResourceId that refers to the VPC.");
        }
    }
}
