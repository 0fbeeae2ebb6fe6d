using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Platform.ServiceDefaults.Access;

namespace Platform.Portal.Identity;

/// <summary>
/// An open page (a Blazor circuit outlives its HTTP request) checks every few seconds that its
/// member's session still stands: a removed member, or one whose role or password changed, loses
/// the page as well as the cookie.
/// </summary>
internal sealed class PortalSessionRevalidation(ILoggerFactory loggers, IServiceProvider services)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(5);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        Task.FromResult(IsValid(state.User, services));

    public static bool IsValid(ClaimsPrincipal? user, IServiceProvider services)
    {
        if (user?.FindFirst(PortalSessions.SessionClaim)?.Value is not { } sessionId) return false;
        if (!services.GetRequiredService<PortalSessions>().IsActive(sessionId)) return false;
        // Another replica (or a service) heard of the revocation: the event reaches every replica's memory.
        var started = long.TryParse(user.FindFirst(PortalSessions.StartedClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            ? DateTimeOffset.FromUnixTimeMilliseconds(at) : DateTimeOffset.MinValue;
        return user.Subject() is not { } subject || !services.GetRequiredService<RevokedCredentials>().IsRevoked(subject, started);
    }
}
