using System.Net;
using Microsoft.AspNetCore.Components.Authorization;
using Platform.Portal.Identity;

namespace Platform.Portal.Services;

/// <summary>
/// The signed-in member's access token, for the portal's calls to the services: a page can do what
/// its member's role allows and nothing else, because the service decides from this token. A
/// session that ended (revoked, expired) is a 401 problem the page shows with a way to sign in again.
/// </summary>
public sealed class UserAccessToken(AuthenticationStateProvider authentication, PortalSessions sessions)
{
    public async Task<string> GetAsync(CancellationToken ct)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var sessionId = state.User.FindFirst(PortalSessions.SessionClaim)?.Value;
        return sessionId is not null && await sessions.AccessTokenAsync(sessionId, ct) is { } token
            ? token
            : throw new ServiceProblem(HttpStatusCode.Unauthorized, "Your session has ended", "Sign in again to go on.", null, null);
    }
}
