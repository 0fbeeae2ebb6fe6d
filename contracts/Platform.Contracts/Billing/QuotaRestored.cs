namespace Platform.Contracts.Billing;

public sealed record QuotaRestored(Guid TenantId, Guid CorrelationId) : IPlatformMessage;
