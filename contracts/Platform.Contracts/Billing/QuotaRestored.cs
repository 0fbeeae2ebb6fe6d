namespace Platform.Contracts.Billing;

/// <summary>
/// The tenant may be served again: a plan change raised its cap above its use, or a new billing
/// period began. <see cref="Reason"/> says which, for the logs and the portal.
/// </summary>
public sealed record QuotaRestored(
    Guid TenantId,
    Guid CorrelationId,
    string Reason,
    string Quota,
    DateTimeOffset RestoredAt) : IPlatformMessage;
