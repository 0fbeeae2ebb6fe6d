namespace Platform.Contracts.Billing;

/// <summary>
/// Compare what Inference served to the tenant in [<see cref="From"/>, <see cref="Until"/>) with what
/// billing applied, per deployment and hour (<see cref="From"/> is the start of a UTC hour). <see cref="Hours"/> holds every hour with served usage;
/// an hour billing holds and this list lacks was not served. Sent by Inference (the source of truth
/// for what was served) periodically and on request; the reconciliation id is the correlation id.
/// </summary>
public sealed record ReconcileUsage(
    Guid TenantId,
    Guid CorrelationId,
    Guid ReconciliationId,
    DateTimeOffset From,
    DateTimeOffset Until,
    IReadOnlyList<ServedHour> Hours) : IPlatformMessage;

/// <summary>
/// Usage of one deployment in the hour that starts at <see cref="HourStart"/> (UTC), within the
/// reconciliation's range: the usage records (one per predict request) and the predictions they hold.
/// </summary>
public sealed record ServedHour(string DeploymentName, DateTimeOffset HourStart, long UsageRecords, long Predictions);
