using System;

namespace Infra.Components;

/// <summary>Facts about EC2 and RDS instance type names.</summary>
public static class InstanceFamilies
{
    /// <summary>
    /// Whether <paramref name="instanceType"/> (for example <c>m7g.large</c> or <c>db.r7g.large</c>) is a Graviton type:
    /// its family has a <c>g</c> right after the generation digit (m7g, c8g, t4g, r7gd).
    /// </summary>
    public static bool IsGraviton(string instanceType)
    {
        ArgumentNullException.ThrowIfNull(instanceType);
        var parts = instanceType.Split('.');
        var family = parts.Length >= 3 && parts[0] == "db" ? parts[1] : parts[0];
        var digit = family.AsSpan().IndexOfAnyInRange('0', '9');
        return digit >= 0 && digit + 1 < family.Length && family[digit + 1] == 'g';
    }
}
