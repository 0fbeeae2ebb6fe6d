namespace Platform.Contracts.Api.Billing;

/// <summary>Choose another plan, by name.</summary>
public sealed record ChangePlanRequest(string? Plan);

/// <summary>
/// A plan: its price per 1,000 predictions, the predictions a month it includes, and its hard cap:
/// the predictions a month beyond which the tenant's predictions are refused (429) until the next month.
/// </summary>
public sealed record PlanResponse(string Name, decimal PricePer1000, string Currency, long IncludedMonthlyPredictions, long HardCapMonthlyPredictions);

/// <summary>
/// The organization's quota in the current billing period: its plan's included predictions and hard
/// cap, the predictions billed so far, and whether predictions are refused (from when, until when).
/// </summary>
public sealed record QuotaResponse(
    string Plan,
    long IncludedMonthlyPredictions,
    long HardCapMonthlyPredictions,
    long UsedPredictions,
    DateTimeOffset PeriodStart,
    DateTimeOffset ResetsAt,
    bool Exceeded,
    DateTimeOffset? ExceededAt);
