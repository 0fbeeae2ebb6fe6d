namespace Platform.Contracts.Billing;

/// <summary>Stop serving this tenant beyond its plan.</summary>
public sealed record QuotaExceeded(Guid TenantId, Guid CorrelationId, string Reason) : IPlatformMessage;
