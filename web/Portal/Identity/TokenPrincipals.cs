using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Platform.Contracts.Access;
using Platform.Portal.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Platform.Portal.Identity;

/// <summary>
/// What a token says (<see cref="PlatformClaims"/>): for a member, their id, organization, role and
/// the role's scopes; for a program, its client id, its organization and the scopes it was granted.
/// Every access token is for the platform's APIs (audience <see cref="PlatformClaims.Audience"/>).
/// </summary>
internal static class TokenPrincipals
{
    public static readonly ImmutableArray<string> OpenIdScopes = [Scopes.OpenId, Scopes.OfflineAccess, Scopes.Profile, Scopes.Email];

    public static ClaimsPrincipal ForMember(PortalUser user, IReadOnlyCollection<string> roles, IEnumerable<string> requestedScopes, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, PlatformClaims.Subject, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.Email ?? user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(PlatformClaims.TenantId, user.TenantId.ToString())
            .SetClaims(Claims.Role, [.. roles]);
        var allowed = roles.SelectMany(PlatformScopes.ForRole).Concat(OpenIdScopes).ToHashSet(StringComparer.Ordinal);
        identity.SetScopes(requestedScopes.Where(allowed.Contains));
        return Finish(identity, now);
    }

    public static ClaimsPrincipal ForClient(string clientId, Guid? tenantId, IEnumerable<string> scopes, DateTimeOffset now)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, PlatformClaims.Subject, PlatformClaims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        if (tenantId is { } tenant) identity.SetClaim(PlatformClaims.TenantId, tenant.ToString());
        identity.SetScopes(scopes);
        return Finish(identity, now);
    }

    private static ClaimsPrincipal Finish(ClaimsIdentity identity, DateTimeOffset now)
    {
        identity.SetClaim(PlatformClaims.IssuedAtMilliseconds, now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        identity.SetResources(PlatformClaims.Audience);
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    // Who is calling and for which organization travel in both tokens; the portal's cookie is built from the identity token.
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Name or Claims.Email or Claims.Role or PlatformClaims.TenantId => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
