using System.Security.Claims;

namespace Platform.Portal.Accounts;

/// <summary>What a user may do within their tenant.</summary>
public static class PortalRoles
{
    /// <summary>Manages users and plans, and everything a data scientist does.</summary>
    public const string Admin = "admin";
    /// <summary>Uploads data, deploys solutions, reads models and usage.</summary>
    public const string DataScientist = "data-scientist";
    /// <summary>Reads deployments, models and usage.</summary>
    public const string Viewer = "viewer";

    public static readonly string[] All = [Admin, DataScientist, Viewer];

    /// <summary>Roles allowed to change things (deploy, upload).</summary>
    public const string Deployers = Admin + "," + DataScientist;

    /// <summary>Whether the user is in one of the <see cref="Deployers"/> roles: what a page lets them change, as [Authorize] would.</summary>
    public static bool MayChange(this ClaimsPrincipal user) => DeployerRoles.Any(user.IsInRole);

    private static readonly string[] DeployerRoles = Deployers.Split(',');
}
