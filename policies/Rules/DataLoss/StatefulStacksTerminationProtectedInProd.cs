using System.Collections.Generic;

namespace Infra.Policies.Rules.DataLoss;

/// <summary>In prod, a stack that holds a stateful resource has termination protection.</summary>
public sealed class StatefulStacksTerminationProtectedInProd : IPolicyRule
{
    /// <inheritdoc />
    public RuleInfo Info { get; } = new(
        "INFRA-DATA-3",
        PolicyLevel.Error,
        "DataLoss",
        "In prod, stacks that hold stateful resources have termination protection",
        "A retain policy keeps the data when the stack is deleted, but the deletion still happens: the resources leave CloudFormation's management, their exports and alarms go, and bringing them back means an import. One mistaken cdk destroy or console click on an unprotected stack does that; termination protection refuses it.",
        "Turn on termination protection for every stack that holds a database, bucket, key, cluster, secret or log group (in CDK, TerminationProtection = true; the environment stages derive it from what each stack holds when protection.terminationProtection is true).");

    /// <inheritdoc />
    public IReadOnlySet<string> ResourceTypes { get; } = StatefulResourcesRetainedInProd.StatefulTypes;

    /// <inheritdoc />
    public IEnumerable<Violation> Check(TemplateResource resource)
    {
        if (resource.Template.IsProduction && resource.Template.TerminationProtection == false)
        {
            yield return new Violation($"Stack {resource.Template.StackName} holds this {resource.Type} but has no termination protection; turn it on.");
        }
    }
}
