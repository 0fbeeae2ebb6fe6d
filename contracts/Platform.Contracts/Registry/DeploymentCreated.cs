namespace Platform.Contracts.Registry;

/// <summary>
/// A deployment exists and may be called with the API key whose SHA-256 is given (see
/// <see cref="ApiKeys"/>); the key itself was shown once to its creator and is stored nowhere.
/// </summary>
public sealed record DeploymentCreated(
    Guid TenantId,
    Guid CorrelationId,
    Guid DeploymentId,
    string DeploymentName,
    string Solution,
    string ApiKeyPrefix,
    string ApiKeySha256) : IPlatformMessage;
