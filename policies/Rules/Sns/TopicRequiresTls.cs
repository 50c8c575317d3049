using System.Collections.Generic;
using System.Linq;

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
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        var policies = resource.Template.OfType("AWS::SNS::TopicPolicy")
            .Where(p => Cfn.RefersTo(p.Properties["Topics"], resource.LogicalId))
            .ToList();
        var deniesPlainHttp = policies
            .SelectMany(p => Cfn.Statements(p.Properties["PolicyDocument"]))
            .Any(s => !Cfn.IsAllow(s) && Cfn.AsString(Cfn.At(s, "Condition.Bool.aws:SecureTransport")) == "false");
        if (!deniesPlainHttp)
        {
            yield return new Violation(policies.Count == 0
                ? "The topic has no topic policy in this template, so nothing denies requests without TLS."
                : "No statement of the topic policy denies requests with aws:SecureTransport = false.");
        }
    }
}
