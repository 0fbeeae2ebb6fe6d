using System.Collections.Immutable;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Contracts.Access;
using Platform.Portal.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Portal.Identity;

/// <summary>
/// The OpenID Connect server's own endpoints (OpenIddict validates the protocol; these decide who
/// gets which claims): the authorization endpoint signs members in through the portal's sign-in
/// page, the token endpoint issues tokens to members' sessions and to programs.
/// </summary>
public static class ConnectEndpoints
{
    public static IEndpointRouteBuilder MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").WithTags("OAuth 2.0").AllowAnonymous().DisableAntiforgery();
        connect.MapMethods("/authorize", ["GET", "POST"], Authorize).WithName("Authorize").ExcludeFromDescription();
        connect.MapPost("/token", IssueToken).WithName("IssueToken")
            .WithSummary("OAuth 2.0 token endpoint: client_credentials for programs (client id and secret of an API client), authorization_code and refresh_token for the portal");
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext http, UserManager<PortalUser> users, TimeProvider clock)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var signedIn = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!signedIn.Succeeded || await users.GetUserAsync(signedIn.Principal!) is not { } user)
        {
            // To the sign-in page, and back here with the same request once signed in.
            var parameters = http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList();
            return Results.Challenge(
                new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }
        var roles = (await users.GetRolesAsync(user)).ToImmutableArray();
        return Results.SignIn(TokenPrincipals.ForMember(user, roles, request.GetScopes(), clock.GetUtcNow()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> IssueToken(
        HttpContext http, UserManager<PortalUser> users, SignInManager<PortalUser> signIn, ApiClients clients, TimeProvider clock, CancellationToken ct)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the client's secret and that it may ask for these scopes.
            var clientId = request.ClientId!;
            if (clientId is PlatformClients.Operator or PlatformClients.Portal)
                return Results.SignIn(TokenPrincipals.ForClient(clientId, null, request.GetScopes(), clock.GetUtcNow()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

            var client = await clients.FindAsync(clientId, ct);
            var now = clock.GetUtcNow();
            if (client is null || client.RevokedAt is not null) return Refuse(Errors.InvalidClient, "This API client was revoked.");
            if (client.ExpiresAt <= now) return Refuse(Errors.InvalidClient, $"This API client expired at {client.ExpiresAt:O}; an admin creates a new one in the portal.");
            await clients.MarkUsedAsync(client, now, ct);
            var scopes = request.GetScopes() is { IsDefaultOrEmpty: false } asked ? asked.Where(client.Scopes.Contains) : client.Scopes;
            return Results.SignIn(TokenPrincipals.ForClient(clientId, client.TenantId, scopes, now), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await users.FindByIdAsync(granted.Principal?.GetClaim(Claims.Subject) ?? "");
            // A removed or locked-out member gets no new tokens, whatever refresh token they hold.
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
                return Refuse(Errors.InvalidGrant, "This member can no longer sign in.");
            var roles = (await users.GetRolesAsync(user)).ToImmutableArray();
            // A role may have changed since: the scopes follow the role held now.
            return Results.SignIn(TokenPrincipals.ForMember(user, roles, granted.Principal!.GetScopes(), clock.GetUtcNow()), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Refuse(Errors.UnsupportedGrantType, "The token endpoint takes client_credentials, authorization_code and refresh_token.");
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
