using System.Security.Claims;
using Platform.Portal.Accounts;

namespace Platform.Portal.Tests;

public sealed class PortalRolesTests
{
    [Theory]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.DataScientist, true)]
    [InlineData(PortalRoles.Viewer, false)]
    [InlineData(null, false)]
    public void Those_who_may_deploy_may_change_a_deployment(string? role, bool mayChange)
    {
        var claims = role is null ? Array.Empty<Claim>() : [new Claim(ClaimTypes.Role, role)];
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));

        Assert.Equal(mayChange, user.MayChange());
    }
}
