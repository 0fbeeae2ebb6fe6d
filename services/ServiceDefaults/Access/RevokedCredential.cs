namespace Platform.ServiceDefaults.Access;

/// <summary>The latest revocation of a subject's tokens, kept so a restarted service still refuses them.</summary>
public sealed class RevokedCredential
{
    public required string Subject { get; init; }
    public Guid TenantId { get; init; }
    public DateTimeOffset RevokedAt { get; set; }
    public required string Reason { get; set; }
}
