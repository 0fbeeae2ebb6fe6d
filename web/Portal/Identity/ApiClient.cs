namespace Platform.Portal.Identity;

/// <summary>
/// A program's credential for one organization (OAuth client credentials): the scopes it was granted
/// and until when. Its secret is shown once at creation and stored only as OpenIddict's hash.
/// </summary>
public sealed class ApiClient
{
    public required string ClientId { get; init; }
    public Guid TenantId { get; init; }
    public required string Name { get; init; }
    public required string[] Scopes { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>When it last obtained a token.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    public string State(DateTimeOffset now) => RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : "active";
}
