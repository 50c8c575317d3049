using System.Collections.Generic;
using System.Linq;

namespace Infra.Policies.Rules;

/// <summary>The check shared by the TLS-only rules: a resource policy of the resource denies aws:SecureTransport = false.</summary>
internal static class ResourcePolicyTls
{
    /// <summary>
    /// The violation, if no <paramref name="policyType"/> resource that names <paramref name="resource"/> in
    /// <paramref name="targetProperty"/> has a Deny statement on <c>aws:SecureTransport = false</c>.
    /// </summary>
    /// <param name="resource">The bucket, queue or topic.</param>
    /// <param name="policyType">The policy's type, for example <c>AWS::SQS::QueuePolicy</c>.</param>
    /// <param name="targetProperty">The policy property naming its targets (<c>Bucket</c>, <c>Queues</c>, <c>Topics</c>).</param>
    /// <param name="noun">The resource in words (<c>bucket</c>, <c>queue</c>, <c>topic</c>).</param>
    public static IEnumerable<Violation> Check(TemplateResource resource, string policyType, string targetProperty, string noun)
    {
        var policies = resource.Template.OfType(policyType)
            .Where(p => Cfn.RefersTo(p.Properties[targetProperty], resource.LogicalId))
            .ToList();
        var deniesPlainHttp = policies
            .SelectMany(p => Cfn.Statements(p.Properties["PolicyDocument"]))
            .Any(s => !Cfn.IsAllow(s) && Cfn.AsString(Cfn.At(s, "Condition.Bool.aws:SecureTransport")) == "false");
        if (!deniesPlainHttp)
        {
            yield return new Violation(policies.Count == 0
                ? $"The {noun} has no {noun} policy in this template, so nothing denies requests without TLS."
                : $"No statement of the {noun} policy denies requests with aws:SecureTransport = false.");
        }
    }
}
