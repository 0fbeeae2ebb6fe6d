namespace Platform.Contracts.Api.Billing;

/// <summary>Choose another plan, by name.</summary>
public sealed record ChangePlanRequest(string? Plan);

/// <summary>A plan: its price per 1,000 predictions and the predictions a month it includes.</summary>
public sealed record PlanResponse(string Name, decimal PricePer1000, string Currency, long IncludedMonthlyPredictions);
