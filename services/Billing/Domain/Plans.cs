namespace Platform.Billing.Domain;

/// <summary>
/// The plans seeded into the <c>plans</c> table, and how a tenant's plan name resolves to one.
/// </summary>
public static class Plans
{
    public const string DefaultName = "starter";

    /// <summary>Free, and capped at what it includes: a trial cannot run up a bill, it stops.</summary>
    public static readonly Plan Trial = new()
    {
        Name = "trial", PricePer1000 = 0m, Currency = "USD", IncludedMonthlyPredictions = 1_000, HardCapMonthlyPredictions = 1_000,
    };

    public static readonly Plan Starter = new()
    {
        Name = DefaultName, PricePer1000 = 0.50m, Currency = "USD", IncludedMonthlyPredictions = 10_000, HardCapMonthlyPredictions = 100_000,
    };

    public static readonly Plan Growth = new()
    {
        Name = "growth", PricePer1000 = 0.35m, Currency = "USD", IncludedMonthlyPredictions = 1_000_000, HardCapMonthlyPredictions = 10_000_000,
    };

    public static IReadOnlyList<Plan> Seeded { get; } = [Trial, Starter, Growth];

    /// <summary>
    /// The tenant's plan by name; a name billing does not price (a typo, a plan retired since the
    /// tenant registered) falls back to the default plan rather than leaving usage unbilled.
    /// </summary>
    public static Plan Resolve(string? name, IEnumerable<Plan> plans)
    {
        var all = plans as IReadOnlyCollection<Plan> ?? plans.ToArray();
        return all.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? all.FirstOrDefault(p => p.Name == DefaultName)
            ?? throw new InvalidOperationException($"The default plan '{DefaultName}' is missing from the plans table.");
    }
}
