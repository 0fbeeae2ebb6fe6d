namespace Platform.Billing.Domain;

/// <summary>
/// What a tenant pays: a price per 1,000 predictions in one currency, and the predictions a month
/// the plan includes (for quotas).
/// </summary>
public sealed class Plan
{
    public required string Name { get; init; }
    public decimal PricePer1000 { get; init; }
    public required string Currency { get; init; }
    public long IncludedMonthlyPredictions { get; init; }
}
