using System.Collections.Generic;
using Constructs;

namespace Infra.Components.Internal;

/// <summary>Collects every validation problem of a construct's props, then throws once.</summary>
internal sealed class ValidationCollector
{
    private readonly List<string> _problems = new();

    public IReadOnlyList<string> Problems => _problems;

    public void Require(bool condition, string problem)
    {
        if (!condition)
        {
            _problems.Add(problem);
        }
    }

    public void AddRange(IEnumerable<string> problems) => _problems.AddRange(problems);

    public void ThrowIfAny(Construct scope, string id, string propsType)
    {
        if (_problems.Count > 0)
        {
            var parent = scope.Node.Path;
            throw new ConstructValidationException(string.IsNullOrEmpty(parent) ? id : $"{parent}/{id}", propsType, _problems);
        }
    }
}
