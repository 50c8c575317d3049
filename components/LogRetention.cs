using System.Collections.Generic;
using System.Linq;
using Amazon.CDK.AWS.Logs;

namespace Infra.Components;

/// <summary>Maps a retention in days to CloudWatch Logs' fixed set of retention values.</summary>
public static class LogRetention
{
    private static readonly Dictionary<int, RetentionDays> ByDays = new()
    {
        [1] = RetentionDays.ONE_DAY, [3] = RetentionDays.THREE_DAYS, [5] = RetentionDays.FIVE_DAYS,
        [7] = RetentionDays.ONE_WEEK, [14] = RetentionDays.TWO_WEEKS, [30] = RetentionDays.ONE_MONTH,
        [60] = RetentionDays.TWO_MONTHS, [90] = RetentionDays.THREE_MONTHS, [120] = RetentionDays.FOUR_MONTHS,
        [150] = RetentionDays.FIVE_MONTHS, [180] = RetentionDays.SIX_MONTHS, [365] = RetentionDays.ONE_YEAR,
        [400] = RetentionDays.THIRTEEN_MONTHS, [545] = RetentionDays.EIGHTEEN_MONTHS, [731] = RetentionDays.TWO_YEARS,
        [1096] = RetentionDays.THREE_YEARS, [1827] = RetentionDays.FIVE_YEARS, [2192] = RetentionDays.SIX_YEARS,
        [2557] = RetentionDays.SEVEN_YEARS, [2922] = RetentionDays.EIGHT_YEARS, [3288] = RetentionDays.NINE_YEARS,
        [3653] = RetentionDays.TEN_YEARS,
    };

    /// <summary>The retention values CloudWatch Logs accepts, in days (never-expire is deliberately not offered).</summary>
    public static IReadOnlyList<int> AllowedDays { get; } = ByDays.Keys.Order().ToArray();

    /// <summary>Whether CloudWatch Logs accepts <paramref name="days"/> as a retention.</summary>
    public static bool IsAllowed(int days) => ByDays.ContainsKey(days);

    /// <summary>The CDK value for <paramref name="days"/>; check <see cref="IsAllowed"/> first.</summary>
    public static RetentionDays FromDays(int days) => ByDays[days];
}
