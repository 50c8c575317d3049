namespace Infra.Components;

/// <summary>
/// One problem with a component's props: the property path it is about and what is wrong, in words that need no
/// knowledge of C#. The path uses the props' member names (<c>Gateway.MinReplicas</c>,
/// <c>NodePools[0].Disruption.ConsolidateAfter</c>) so a caller that builds props from another source (a
/// configuration file) can map it back to where the value came from without reading the message.
/// </summary>
/// <param name="Property">The property path; empty when the problem is about the props as a whole.</param>
/// <param name="Message">The value received and what is allowed, one sentence or two.</param>
public sealed record PropertyProblem(string Property, string Message)
{
    /// <summary>The same problem, under <paramref name="prefix"/> (<c>Gateway</c> + <c>MinReplicas</c> gives <c>Gateway.MinReplicas</c>).</summary>
    public PropertyProblem Under(string prefix) =>
        this with { Property = string.IsNullOrEmpty(Property) ? prefix : Property.StartsWith('[') ? prefix + Property : $"{prefix}.{Property}" };

    /// <inheritdoc />
    public override string ToString() => string.IsNullOrEmpty(Property) ? Message : $"{Property}: {Message}";
}
