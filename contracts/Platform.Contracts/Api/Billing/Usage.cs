namespace Platform.Contracts.Api.Billing;

/// <summary>
/// Predictions billed over time: one point per bucket (minute, hour or day) from <see cref="From"/>
/// (the first bucket's start) up to <see cref="To"/> (excluded), all deployments together, zero-filled.
/// </summary>
public sealed record UsageSeriesResponse(Guid TenantId, string Bucket, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<UsagePointResponse> Points);

/// <summary>Predictions in the bucket that starts at <see cref="Start"/>.</summary>
public sealed record UsagePointResponse(DateTimeOffset Start, long Predictions);
