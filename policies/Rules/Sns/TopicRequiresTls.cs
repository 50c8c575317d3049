using System.Collections.Generic;

namespace Infra.Policies.Rules.Sns;

/// <summary>A topic's policy denies every request made without TLS.</summary>
public sealed class TopicRequiresTls : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-SNS-2",
        PolicyLevel.Warning,
        "SNS",
        "Topic policies deny requests without TLS",
        "SNS accepts plain HTTP publishes unless the topic policy denies them; messages and request signatures would cross the network in clear text.",
        "Add a Deny statement for sns:Publish on the topic with the condition Bool aws:SecureTransport = false (in CDK, EnforceSSL = true on TopicProps).",
        CdkNag: "AwsSolutions-SNS3");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = RuleTypes.Of("AWS::SNS::Topic");

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource) =>
        ResourcePolicyTls.Check(resource, "AWS::SNS::TopicPolicy", "Topics", "topic");
}
