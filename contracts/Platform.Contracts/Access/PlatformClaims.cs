namespace Platform.Contracts.Access;

/// <summary>
/// The claims of the platform's access tokens (JWT, RFC 9068 names where one exists): who is
/// calling (<c>sub</c>: a user id or a client id), for which organization, with which scopes.
/// </summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tenant_id";
    public const string Role = "role";
    /// <summary>Space-separated in the JWT (RFC 8693 §4.2); ASP.NET Core keeps it as one claim.</summary>
    public const string Scope = "scope";
    public const string ClientId = "client_id";
    public const string Email = "email";
    public const string IssuedAt = "iat";
    /// <summary>
    /// When the token was issued, in Unix milliseconds: <c>iat</c> has whole seconds, too coarse to
    /// tell a token issued just before a revocation from one issued just after (a session renewed at once).
    /// </summary>
    public const string IssuedAtMilliseconds = "iat_ms";

    /// <summary>The audience every service checks: tokens are for the platform's APIs, not for anything else.</summary>
    public const string Audience = "platform-api";
}
