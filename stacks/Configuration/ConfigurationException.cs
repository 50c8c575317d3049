using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Stacks.Configuration;

/// <summary>One problem in an environment file: where it is, which key, and what to do.</summary>
/// <param name="File">The file, as given to the loader.</param>
/// <param name="Line">1-based line of the offending key or value (0 when the file itself is the problem).</param>
/// <param name="KeyPath">The key path, for example <c>network.flowLogs.retentionDays</c>.</param>
/// <param name="Message">The value received and what is allowed.</param>
public sealed record ConfigProblem(string File, int Line, string KeyPath, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {KeyPath}: {Message}" : $"{File}: {KeyPath}: {Message}";
}

/// <summary>Every problem found in one or more environment files. Nothing is synthesized when this is thrown.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public ConfigurationException(IReadOnlyList<ConfigProblem> problems)
        : base(Format(problems)) => Problems = problems;

    /// <summary>Every problem, in file and line order.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    private static string Format(IReadOnlyList<ConfigProblem> problems) =>
        $"The environment configuration has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was synthesized."
        + string.Concat(problems.Select(p => $"{System.Environment.NewLine}  - {p}"));
}
