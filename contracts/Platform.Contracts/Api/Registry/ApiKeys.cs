namespace Platform.Contracts.Api.Registry;

/// <summary>A new key with these scopes (null: predict and feedback) and an optional expiry.</summary>
public sealed record IssueApiKeyRequest(IReadOnlyList<string>? Scopes, DateTimeOffset? ExpiresAt);

/// <summary>Replace a key; the old one keeps working for <see cref="GraceSeconds"/> (null: the registry's default).</summary>
public sealed record RotateApiKeyRequest(int? GraceSeconds);

/// <summary>
/// A key as listed: never the key itself. <see cref="State"/> is the registry's word for it
/// (active, expiring, expired, revoked), a string so the registry can add states.
/// </summary>
public sealed record ApiKeyResponse(
    Guid Id, string Prefix, IReadOnlyList<string> Scopes, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, Guid? ReplacedById);

/// <summary>The only time a key is shown; <see cref="Replaced"/> is the rotated key with its new expiry.</summary>
public sealed record IssuedApiKey(ApiKeyResponse Key, string ApiKey, ApiKeyResponse? Replaced = null);
