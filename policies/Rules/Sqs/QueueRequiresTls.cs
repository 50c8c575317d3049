using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules.Sqs;

/// <summary>A queue's policy denies every request made without TLS.</summary>
public sealed class QueueRequiresTls : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-SQS-2",
        PolicyLevel.Error,
        "SQS",
        "Queue policies deny requests without TLS",
        "SQS accepts plain HTTP unless the queue policy denies it; messages and request signatures would cross the network in clear text.",
        "Add a Deny statement for sqs:* on the queue with the condition Bool aws:SecureTransport = false (in CDK, EnforceSSL = true on QueueProps).",
        CdkNag: "AwsSolutions-SQS4");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::SQS::Queue");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var policies = resource.Template.OfType("AWS::SQS::QueuePolicy")
            .Where(p => Cfn.RefersTo(p.Properties["Queues"], resource.LogicalId))
            .ToList();
        var deniesPlainHttp = policies
            .SelectMany(p => Cfn.Statements(p.Properties["PolicyDocument"]))
            .Any(s => !Cfn.IsAllow(s) && Cfn.AsString(Cfn.At(s, "Condition.Bool.aws:SecureTransport")) == "false");
        if (!deniesPlainHttp)
        {
            yield return new Violation(policies.Count == 0
                ? "The queue has no queue policy in this template, so nothing denies requests without TLS."
                : "No statement of the queue policy denies requests with aws:SecureTransport = false.");
        }
    }
}
