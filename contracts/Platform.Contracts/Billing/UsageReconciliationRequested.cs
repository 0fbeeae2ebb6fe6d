namespace Platform.Contracts.Billing;

/// <summary>
/// The organization asked for its usage to be reconciled now rather than at the next periodic run.
/// Inference answers with a <see cref="ReconcileUsage"/> whose reconciliation id is this correlation id,
/// so the caller can find the result.
/// </summary>
public sealed record UsageReconciliationRequested(Guid TenantId, Guid CorrelationId, DateTimeOffset RequestedAt) : IPlatformMessage;
