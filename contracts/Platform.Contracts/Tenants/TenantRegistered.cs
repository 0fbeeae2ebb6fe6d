namespace Platform.Contracts.Tenants;

/// <summary>A tenant exists: every service may now hold rows for it.</summary>
public sealed record TenantRegistered(Guid TenantId, Guid CorrelationId, string Name, string Plan) : IPlatformMessage;
