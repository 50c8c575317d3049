using System.Collections.Generic;

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
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        ResourcePolicyTls.Check(resource, "AWS::SQS::QueuePolicy", "Queues", "queue");
}
