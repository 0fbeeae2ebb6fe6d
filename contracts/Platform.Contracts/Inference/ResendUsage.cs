namespace Platform.Contracts.Inference;

/// <summary>
/// Billing found less usage than was served in these hours of a reconciliation: send their usage
/// again, exactly as first published (the same usage ids, so billing applies each one once).
/// Only the part of each hour inside [<see cref="From"/>, <see cref="Until"/>) is sent, the range compared.
/// </summary>
public sealed record ResendUsage(
    Guid TenantId,
    Guid CorrelationId,
    Guid ReconciliationId,
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<UsageHour> Hours) : IPlatformMessage;

/// <summary>One deployment's hour starting at <see cref="HourStart"/> (UTC).</summary>
public sealed record UsageHour(string DeploymentName, DateTimeOffset HourStart);
