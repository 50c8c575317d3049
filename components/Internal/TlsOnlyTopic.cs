using System.Collections.Generic;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Constructs;

namespace Infra.Components.Internal;

/// <summary>
/// An SNS topic encrypted with a customer-managed key whose policy refuses publishing without TLS. Not
/// <c>TopicProps.EnforceSSL</c>: in CDK 2.160 for .NET it writes no topic policy (the topic tests and INFRA-SNS-2 catch it).
/// </summary>
internal static class TlsOnlyTopic
{
    public static Topic Create(Construct scope, string id, string displayName, IKey key)
    {
        var topic = new Topic(scope, id, new TopicProps { DisplayName = displayName, MasterKey = key });
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyInsecureTransport",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["sns:Publish"],
            Resources = [topic.TopicArn],
            Conditions = new Dictionary<string, object> { ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" } },
        }));
        return topic;
    }
}
