namespace Platform.Contracts.Registry;

/// <summary>
/// A deployment's API keys as they now stand: issued, rotated (the old one expiring after its grace
/// period) or revoked. The whole set travels, ordered by <paramref name="Revision"/>, so a replica
/// that applies the newest revision has every change before it. Only hashes: keys are shown once.
/// </summary>
public sealed record DeploymentKeysChanged(
    Guid TenantId,
    Guid CorrelationId,
    Guid DeploymentId,
    string DeploymentName,
    int Revision,
    IReadOnlyList<ApiKeyState> Keys) : IPlatformMessage;

/// <summary>One key: its id, the prefix that identifies it, its SHA-256, what it may do and until when.</summary>
public sealed record ApiKeyState(
    Guid KeyId,
    string Prefix,
    string Sha256,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt);
