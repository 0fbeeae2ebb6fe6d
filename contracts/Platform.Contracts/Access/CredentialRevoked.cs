namespace Platform.Contracts.Access;

/// <summary>
/// Tokens of <paramref name="Subject"/> (a member's user id, or an API client's id) issued before
/// <paramref name="RevokedAt"/> are no longer valid: the member was removed, changed role or
/// password, or the client was revoked. Every replica of every service applies it within seconds,
/// without waiting for the short-lived tokens to expire.
/// </summary>
public sealed record CredentialRevoked(Guid TenantId, Guid CorrelationId, string Subject, DateTimeOffset RevokedAt, string Reason) : IPlatformMessage;
