using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Stacks.Configuration;

/// <summary>
/// The commercial regions this project deploys to and their availability-zone names, kept in code so validation and
/// synthesis never look anything up. Add a region here (with its AZ letters) before using it in a config file.
/// </summary>
public static class AwsRegions
{
    private static readonly Dictionary<string, string> ZoneLetters = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = "abcdef",
        ["us-east-2"] = "abc",
        ["us-west-1"] = "abc",
        ["us-west-2"] = "abcd",
        ["ca-central-1"] = "abd",
        ["eu-west-1"] = "abc",
        ["eu-west-2"] = "abc",
        ["eu-west-3"] = "abc",
        ["eu-central-1"] = "abc",
        ["eu-north-1"] = "abc",
        ["eu-south-1"] = "abc",
        ["ap-south-1"] = "abc",
        ["ap-southeast-1"] = "abc",
        ["ap-southeast-2"] = "abc",
        ["ap-northeast-1"] = "acd",
        ["ap-northeast-2"] = "abcd",
        ["sa-east-1"] = "abc",
    };

    /// <summary>The known regions.</summary>
    public static IReadOnlyList<string> Names { get; } = ZoneLetters.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether <paramref name="region"/> is a known region.</summary>
    public static bool IsKnown(string region) => ZoneLetters.ContainsKey(region);

    /// <summary>The availability zones of a known region.</summary>
    public static IReadOnlyList<string> AvailabilityZones(string region) =>
        ZoneLetters.TryGetValue(region, out var letters) ? letters.Select(l => $"{region}{l}").ToArray() : [];
}
