namespace Platform.Contracts.Billing;

/// <summary>
/// The tenant has used up its plan's hard cap for the billing period: Inference refuses its
/// predictions (429) until <see cref="ResetsAt"/> or a <see cref="QuotaRestored"/>, whichever comes
/// first. <see cref="Quota"/> names the limit (<c>hardCapMonthlyPredictions</c>), <see cref="Limit"/>
/// its value in force and <see cref="Used"/> the predictions billed in the period when it was crossed.
/// Published by Billing through its outbox; its message id (a UUIDv7) orders it against the tenant's
/// other quota events.
/// </summary>
public sealed record QuotaExceeded(
    Guid TenantId,
    Guid CorrelationId,
    string Reason,
    string Quota,
    long Limit,
    long Used,
    DateTimeOffset PeriodStart,
    DateTimeOffset ResetsAt,
    DateTimeOffset ExceededAt) : IPlatformMessage;
