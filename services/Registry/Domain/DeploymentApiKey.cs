using Platform.Contracts.Access;
using Platform.Contracts.Registry;

namespace Platform.Registry.Domain;

/// <summary>
/// One API key of a deployment, kept as its SHA-256 and prefix only (the key is shown once). A key
/// may predict, send feedback or both; a rotated key keeps working until its grace period ends, a
/// revoked one stops at once.
/// </summary>
public sealed class DeploymentApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TenantId { get; init; }
    public Guid DeploymentId { get; init; }
    public required string Prefix { get; init; }
    public required string Sha256 { get; init; }
    public required string[] Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    /// <summary>The key that replaced this one when it was rotated.</summary>
    public Guid? ReplacedById { get; private set; }

    /// <summary>A new key for the deployment and the key itself, which the caller shows once and forgets.</summary>
    public static (DeploymentApiKey Key, string Secret) Issue(Deployment deployment, IEnumerable<string> scopes, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var secret = ApiKeys.Create();
        var key = new DeploymentApiKey
        {
            TenantId = deployment.TenantId,
            DeploymentId = deployment.Id,
            Prefix = ApiKeys.Prefix(secret),
            Sha256 = ApiKeys.Sha256(secret),
            Scopes = [.. PlatformScopes.ApiKey.Where(scopes.Contains)],
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        return (key, secret);
    }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public string State(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : ExpiresAt <= now ? "expired" : ExpiresAt is not null ? "expiring" : "active";

    /// <summary>Replaced by <paramref name="replacement"/>: this key expires after the grace period (never later than it would have).</summary>
    public void RotateTo(DeploymentApiKey replacement, TimeSpan grace, DateTimeOffset now)
    {
        ReplacedById = replacement.Id;
        var end = now + grace;
        if (ExpiresAt is null || end < ExpiresAt) ExpiresAt = end;
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void MarkUsed(DateTimeOffset at)
    {
        if (LastUsedAt is null || at > LastUsedAt) LastUsedAt = at;
    }

    public ApiKeyState ToState() => new(Id, Prefix, Sha256, Scopes, ExpiresAt, RevokedAt);
}
