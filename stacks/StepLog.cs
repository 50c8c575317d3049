using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Infra.Stacks;

/// <summary>
/// One console line per long step, written when the step ends: <c>synthesizing dev ... 9.8 s: 5 stacks</c>
/// (<c>scripts/step.sh</c> writes the same lines for the Makefile's steps). The time goes to the console only, never
/// into a template, a report or a verdict; this is the one place production code measures elapsed time
/// (DeterminismTests allows it here and nowhere else).
/// </summary>
public sealed class StepLog
{
    private readonly TextWriter _output;
    private readonly Func<TimeSpan> _elapsed;

    /// <summary>Writes to <paramref name="output"/>, measuring with <paramref name="elapsed"/> (time since any fixed start).</summary>
    public StepLog(TextWriter output, Func<TimeSpan> elapsed)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(elapsed);
        _output = output;
        _elapsed = elapsed;
    }

    /// <summary>A log measuring with a monotonic stopwatch, for the console.</summary>
    public static StepLog Measuring(TextWriter output)
    {
        var stopwatch = Stopwatch.StartNew();
        return new StepLog(output, () => stopwatch.Elapsed);
    }

    /// <summary>
    /// Runs <paramref name="action"/> and, when it returns, writes <c>{step} ... {seconds} s</c>, followed by
    /// <c>: {outcome}</c> when <paramref name="outcome"/> is given. A step that throws writes nothing: its error says more.
    /// </summary>
    public T Run<T>(string step, Func<T> action, Func<T, string>? outcome = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = _elapsed();
        var result = action();
        var seconds = (_elapsed() - start).TotalSeconds;
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step} ... {seconds:0.0} s{(outcome is null ? "" : ": " + outcome(result))}"));
        return result;
    }
}
