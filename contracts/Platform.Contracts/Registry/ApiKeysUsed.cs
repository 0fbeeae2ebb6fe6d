namespace Platform.Contracts.Registry;

/// <summary>Inference's periodic report of when a deployment's keys were last used (so the registry can list them).</summary>
public sealed record ApiKeysUsed(Guid TenantId, Guid CorrelationId, Guid DeploymentId, IReadOnlyList<ApiKeyUse> Uses) : IPlatformMessage;

public sealed record ApiKeyUse(Guid KeyId, DateTimeOffset LastUsedAt);
