using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Components;

/// <summary>
/// Thrown when a component's props are invalid. It lists every problem at once, each naming the prop, the value
/// received and what is allowed, so one synth shows everything there is to fix.
/// </summary>
public sealed class ConstructValidationException : Exception
{
    /// <summary>Creates the exception for the construct at <paramref name="constructPath"/>.</summary>
    public ConstructValidationException(string constructPath, string propsType, IReadOnlyList<PropertyProblem> problems)
        : base(Format(constructPath, propsType, problems))
    {
        ConstructPath = constructPath;
        PropertyProblems = problems;
        Problems = problems.Select(p => p.ToString()).ToArray();
    }

    /// <summary>The construct path (<c>Node.Path</c>) whose props were rejected.</summary>
    public string ConstructPath { get; }

    /// <summary>Every problem found, with the property path it is about.</summary>
    public IReadOnlyList<PropertyProblem> PropertyProblems { get; }

    /// <summary>Every problem found, one sentence each, prefixed with its property path.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string path, string propsType, IReadOnlyList<PropertyProblem> problems) =>
        $"Invalid {propsType} for '{path}' ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}):"
        + string.Concat(problems.Select(p => $"{System.Environment.NewLine}  - {p}"));
}
