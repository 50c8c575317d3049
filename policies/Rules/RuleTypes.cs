using System;
using System.Collections.Generic;

namespace Infra.Policies.Rules;

/// <summary>Builds the resource-type sets rules declare.</summary>
internal static class RuleTypes
{
    public static IReadOnlySet<string> Of(params string[] types) => new HashSet<string>(types, StringComparer.Ordinal);
}
