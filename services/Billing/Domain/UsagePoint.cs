namespace Platform.Billing.Domain;

/// <summary>Predictions in the bucket that starts at <see cref="Start"/>.</summary>
public sealed record UsagePoint(DateTimeOffset Start, long Predictions);
