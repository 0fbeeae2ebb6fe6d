using System.Security.Claims;
using Platform.Contracts.Access;

namespace Platform.ServiceDefaults.Access;

/// <summary>Reads the platform's claims (<see cref="PlatformClaims"/>) off an authenticated caller.</summary>
public static class ClaimsPrincipalAccess
{
    public static Guid? TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(PlatformClaims.TenantId)?.Value, out var id) ? id : null;

    public static string? Subject(this ClaimsPrincipal user) => user.FindFirst(PlatformClaims.Subject)?.Value;

    /// <summary>Scopes as OAuth writes them (one space-separated claim) or as several claims: either reads the same.</summary>
    public static IEnumerable<string> Scopes(this ClaimsPrincipal user) =>
        user.FindAll(PlatformClaims.Scope).SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static bool HasScope(this ClaimsPrincipal user, string scope)
    {
        foreach (var claim in user.FindAll(PlatformClaims.Scope))
        {
            // Whole words only: "datasets:read" must not match inside "datasets:readers".
            foreach (var range in claim.Value.AsSpan().Split(' '))
                if (claim.Value.AsSpan()[range].SequenceEqual(scope)) return true;
        }
        return false;
    }
}
