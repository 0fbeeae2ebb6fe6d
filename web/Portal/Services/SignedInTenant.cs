using Microsoft.AspNetCore.Components.Authorization;
using Platform.Portal.Accounts;

namespace Platform.Portal.Services;

/// <summary>
/// The tenant of the user this circuit (or request) belongs to. Every call the portal makes to a
/// service names this tenant and no other, so no page can reach another tenant's rows.
/// </summary>
public sealed class SignedInTenant(AuthenticationStateProvider authentication)
{
    public async Task<Guid> IdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.TenantOf() ?? throw new UnauthorizedAccessException("The signed-in user belongs to no tenant.");
    }
}
