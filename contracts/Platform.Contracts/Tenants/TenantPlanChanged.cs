namespace Platform.Contracts.Tenants;

/// <summary>The organization's admin chose another plan; prices and quotas follow from now on.</summary>
public sealed record TenantPlanChanged(Guid TenantId, Guid CorrelationId, string Plan, DateTimeOffset ChangedAt) : IPlatformMessage;
