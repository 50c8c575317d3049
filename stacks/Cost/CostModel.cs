using System;
using System.Collections.Generic;
using System.Linq;

namespace Infra.Stacks.Cost;

/// <summary>Where a line's quantity comes from.</summary>
public enum CostBasis
{
    /// <summary>The template says it (a NAT gateway runs 730 hours, a node group's desired size).</summary>
    Template,

    /// <summary>A usage assumption (log volume, stored GB); the report lists the assumptions.</summary>
    Usage,

    /// <summary>What the cluster creates at run time because of this code (the gateway's NLB, volumes, capacity for platform pods).</summary>
    Runtime,
}

/// <summary>One priced line: what, how many, at what unit price, and the monthly cost.</summary>
/// <param name="Stack">The stack (or, for runtime parts, the stack whose component causes them).</param>
/// <param name="Region">Where it is billed.</param>
/// <param name="Resource">The logical id (or construct path for runtime parts) it prices.</param>
/// <param name="Item">What is billed (<c>NAT gateway hours</c>).</param>
/// <param name="Quantity">How many units a month.</param>
/// <param name="Unit">The unit (<c>gateway-hour</c>).</param>
/// <param name="UnitPrice">US dollars per unit, from the price table.</param>
/// <param name="PriceKey">The price table key.</param>
/// <param name="Basis">Where the quantity comes from.</param>
public sealed record CostLine(string Stack, string Region, string Resource, string Item, decimal Quantity, string Unit, decimal UnitPrice, string PriceKey, CostBasis Basis)
{
    /// <summary>The monthly cost in US dollars, to the cent.</summary>
    public decimal Monthly => Math.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);
}

/// <summary>Resources of one type that the estimate counts but does not price.</summary>
/// <param name="Type">The CloudFormation type.</param>
/// <param name="Count">How many.</param>
/// <param name="Why">Why it costs nothing at idle, or why it is not priced.</param>
public sealed record UncostedType(string Type, int Count, string Why);

/// <summary>One environment's monthly idle estimate.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Lines">Every priced line, in stack and template order.</param>
/// <param name="Unpriced">Types the price table cannot price (should be none; a test keeps it so).</param>
/// <param name="NoIdleCharge">Types that cost nothing while idle, counted.</param>
/// <param name="Assumptions">The usage assumptions this environment used.</param>
/// <param name="Budget">The environment's monthly budget, when its file sets one.</param>
/// <param name="Notes">What the estimate could not do exactly (a missing price, pods that fit no priced instance type).</param>
public sealed record EnvironmentEstimate(
    string Environment,
    IReadOnlyList<CostLine> Lines,
    IReadOnlyList<UncostedType> Unpriced,
    IReadOnlyList<UncostedType> NoIdleCharge,
    UsageAssumptions Assumptions,
    CostBudget? Budget,
    IReadOnlyList<string> Notes)
{
    /// <summary>The monthly total: the sum of the lines (each rounded to the cent).</summary>
    public decimal Total => Lines.Sum(l => l.Monthly);

    /// <summary>The monthly total per region.</summary>
    public IReadOnlyDictionary<string, decimal> ByRegion => Lines.GroupBy(l => l.Region).OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(l => l.Monthly), StringComparer.Ordinal);

    /// <summary>The monthly total per stack.</summary>
    public IReadOnlyDictionary<string, decimal> ByStack => Lines.GroupBy(l => l.Stack).OrderBy(g => g.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(l => l.Monthly), StringComparer.Ordinal);

    /// <summary>Whether the total is above the budget.</summary>
    public bool IsOverBudget => Budget is { } b && Total > b.MonthlyUsd;
}

/// <summary>An environment's monthly budget as its file declares it (<c>cost.monthlyBudgetUsd</c>, <c>cost.blockOverBudget</c>).</summary>
/// <param name="MonthlyUsd">The budget in US dollars a month.</param>
/// <param name="BlockOverBudget">Whether a preview that takes the estimate over it blocks, rather than warns.</param>
public sealed record CostBudget(decimal MonthlyUsd, bool BlockOverBudget);

/// <summary>The estimate of a whole cloud assembly.</summary>
/// <param name="PriceTableVersion">The price table's version.</param>
/// <param name="PriceDate">The day the prices were checked.</param>
/// <param name="HoursPerMonth">The hours a month is billed for.</param>
/// <param name="Environments">Each environment, in plan order.</param>
public sealed record CostEstimate(string PriceTableVersion, string PriceDate, decimal HoursPerMonth, IReadOnlyList<EnvironmentEstimate> Environments)
{
    /// <summary>The estimate of <paramref name="environment"/>, or <c>null</c>.</summary>
    public EnvironmentEstimate? Of(string environment) => Environments.FirstOrDefault(e => e.Environment == environment);
}
