using System;
using Constructs;

namespace Infra.Components;

/// <summary>
/// Marks each component in the construct tree, so tools can find the components of a synthesized app: the mark is
/// construct metadata (in the cloud assembly's manifest, never in a template, so it changes no resource).
/// </summary>
public static class ComponentMetadata
{
    /// <summary>The metadata type; its data is the component's class name (<c>VpcNetwork</c>).</summary>
    public const string Type = "infra:component";

    /// <summary>Marks <paramref name="component"/> with its class name.</summary>
    internal static void Mark(Construct component)
    {
        ArgumentNullException.ThrowIfNull(component);
        component.Node.AddMetadata(Type, component.GetType().Name);
    }
}
