using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Access;
using Platform.Portal.Identity;
using Platform.Portal.Services;

namespace Platform.Portal.Tests;

/// <summary>Answers every request with one status and body, and keeps the last request.</summary>
internal sealed class FakeService(HttpStatusCode status, string body) : HttpMessageHandler
{
    public HttpRequestMessage? Request { get; private set; }
    public string? Body { get; private set; }

    public HttpClient Client() => new(this) { BaseAddress = new Uri("http://service") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Request = request;
        Body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        return new HttpResponseMessage(status)
        {
            Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') && status >= HttpStatusCode.BadRequest ? "application/problem+json" : "application/json"),
        };
    }
}

internal static class SignedInMember
{
    /// <summary>A member whose portal session holds a fresh access token (no renewal is needed, so no identity provider either).</summary>
    public static UserAccessToken Token(Guid tenant, string accessToken)
    {
        var sessions = new PortalSessions(null!, Options.Create(new IdentityServerOptions()), TimeProvider.System, NullLogger<PortalSessions>.Instance);
        sessions.Start("session-1", "user-1", accessToken, refreshToken: null, DateTimeOffset.UtcNow.AddMinutes(5));
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(PlatformClaims.TenantId, tenant.ToString()), new Claim(PortalSessions.SessionClaim, "session-1")], "test"));
        return new UserAccessToken(new FixedAuthentication(user), sessions);
    }

    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
