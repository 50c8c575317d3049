using System.Collections.Generic;
using Constructs;

namespace Infra.Components.Internal;

/// <summary>Collects every validation problem of a construct's props, then throws once.</summary>
internal sealed class ValidationCollector
{
    private readonly List<PropertyProblem> _problems = new();

    public IReadOnlyList<PropertyProblem> Problems => _problems;

    /// <summary>Records <paramref name="message"/> against <paramref name="property"/> unless <paramref name="condition"/> holds.</summary>
    public void Require(bool condition, string property, string message)
    {
        if (!condition)
        {
            _problems.Add(new PropertyProblem(property, message));
        }
    }

    public void Add(string property, string message) => _problems.Add(new PropertyProblem(property, message));

    public void AddRange(IEnumerable<PropertyProblem> problems) => _problems.AddRange(problems);

    public void ThrowIfAny(Construct scope, string id, string propsType) => ThrowIfAny(scope, id, propsType, _problems);

    /// <summary>Throws <see cref="ConstructValidationException"/> when <paramref name="problems"/> is not empty.</summary>
    public static void ThrowIfAny(Construct scope, string id, string propsType, IReadOnlyList<PropertyProblem> problems)
    {
        if (problems.Count > 0)
        {
            var parent = scope.Node.Path;
            throw new ConstructValidationException(string.IsNullOrEmpty(parent) ? id : $"{parent}/{id}", propsType, problems);
        }
    }
}
