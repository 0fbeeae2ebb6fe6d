namespace Platform.Billing.Domain;

/// <summary>Predictions summed in one bucket of a <see cref="UsageSeries"/>, the bucket named by its index from the series' start.</summary>
public sealed record BucketTotal(long Index, long Predictions);
