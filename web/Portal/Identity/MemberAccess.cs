using OpenIddict.Abstractions;
using Platform.Contracts.Access;
using Platform.Portal.Infrastructure;

namespace Platform.Portal.Identity;

/// <summary>
/// Ends a member's access when they are removed or their role or password changes: their portal
/// sessions end here, their refresh tokens are revoked, and every service refuses the access tokens
/// they hold (<see cref="CredentialRevoked"/>), instead of waiting for them to expire.
/// </summary>
public sealed class MemberAccess(PortalDbContext portal, IOpenIddictTokenManager tokens, PortalSessions sessions, TimeProvider clock)
{
    /// <summary>Within the caller's transaction, if one is open on <paramref name="portal"/>; otherwise on its own.</summary>
    public async Task RevokeAsync(Guid tenantId, string userId, string reason, CancellationToken ct)
    {
        await tokens.RevokeBySubjectAsync(userId, ct);
        portal.PublishOnCommit(new CredentialRevoked(tenantId, Guid.CreateVersion7(), userId, clock.GetUtcNow(), reason));
        await portal.SaveChangesAsync(ct);
        // This replica at once; the others (and the services) through the event.
        sessions.EndAllOf(userId);
    }
}
