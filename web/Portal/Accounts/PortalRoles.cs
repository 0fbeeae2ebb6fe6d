using System.Security.Claims;
using Platform.Contracts.Access;

namespace Platform.Portal.Accounts;

/// <summary>
/// What a member may do within their organization (<see cref="PlatformRoles"/>); the services
/// enforce the same through the scopes each role's tokens carry.
/// </summary>
public static class PortalRoles
{
    public const string Admin = PlatformRoles.Admin;
    public const string DataScientist = PlatformRoles.DataScientist;
    public const string Viewer = PlatformRoles.Viewer;

    public static readonly string[] All = [Admin, DataScientist, Viewer];

    /// <summary>Roles allowed to change things (deploy, upload).</summary>
    public const string Deployers = Admin + "," + DataScientist;

    /// <summary>Whether the user is in one of the <see cref="Deployers"/> roles: what a page lets them change, as [Authorize] would.</summary>
    public static bool MayChange(this ClaimsPrincipal user) => DeployerRoles.Any(user.IsInRole);

    private static readonly string[] DeployerRoles = Deployers.Split(',');
}
