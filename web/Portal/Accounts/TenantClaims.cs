using System.Security.Claims;

namespace Platform.Portal.Accounts;

/// <summary>The signed-in user's tenant travels in the auth cookie; every call the portal makes is scoped by it.</summary>
public static class TenantClaims
{
    public const string TenantId = "platform:tenant";

    public static Guid? TenantOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TenantId), out var id) ? id : null;
}
