namespace Platform.Billing.Domain;

/// <summary>
/// What a tenant pays: a price per 1,000 predictions in one currency, the predictions a month the
/// plan includes, and its hard cap: the predictions a month beyond which the tenant is refused (429)
/// until the next month or a bigger plan.
/// </summary>
public sealed class Plan
{
    public required string Name { get; init; }
    public decimal PricePer1000 { get; init; }
    public required string Currency { get; init; }
    public long IncludedMonthlyPredictions { get; init; }
    public long HardCapMonthlyPredictions { get; init; }
}
