using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Infra.TestKit;
using Xunit;

namespace Infra.Stacks.Tests.Application;

/// <summary>
/// The same commit gives the same templates and the same policy verdict on any day: nothing the synth or the pack runs
/// may read the clock (the gate once blocked every synth, deploy and rollback of an unchanged commit on the day a
/// Kubernetes version left standard support). Dates are data, such as KubernetesSupportCalendar. The one exception is
/// StepLog, which measures how long a step took for a console line and nothing else.
/// </summary>
public sealed class DeterminismTests
{
    private static readonly Regex Clock = new(
        @"\b(DateTime(Offset)?\.(Utc)?Now|DateTime\.Today|TimeProvider\.System|Environment\.TickCount(64)?|Stopwatch)\b",
        RegexOptions.Compiled);

    // Elapsed time for the console's step lines ("synthesizing dev ... 9.8 s"); it never reaches a template or a verdict.
    private static readonly string StepLog = Path.Combine("stacks", "StepLog.cs");

    [Fact]
    public void No_production_code_reads_the_clock()
    {
        var offenders = new[] { "components", "policies", "stacks" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => Clock.IsMatch(l.Text) && Path.GetRelativePath(RepoPaths.Root, l.File) != StepLog)
            .Select(l => $"{Path.GetRelativePath(RepoPaths.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "Production code reads the clock; pass dates in as data:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_clock_pattern_catches_what_it_is_meant_to()
    {
        Assert.Matches(Clock, "var asOf = DateOnly.FromDateTime(DateTime.UtcNow);");
        Assert.Matches(Clock, "DateTimeOffset.Now");
        Assert.Matches(Clock, "TimeProvider.System.GetUtcNow()");
        Assert.Matches(Clock, "var stopwatch = Stopwatch.StartNew();");
        Assert.DoesNotMatch(Clock, "public static DateOnly ReviewedOn { get; } = new(2026, 12, 5);");
    }
}
