using Microsoft.AspNetCore.Components.Authorization;
using Platform.ServiceDefaults.Access;

namespace Platform.Portal.Services;

/// <summary>The organization of the member this circuit (or request) belongs to, as their identity token said.</summary>
public sealed class SignedInTenant(AuthenticationStateProvider authentication)
{
    public async Task<Guid> IdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.TenantId() ?? throw new UnauthorizedAccessException("The signed-in user belongs to no organization.");
    }
}
