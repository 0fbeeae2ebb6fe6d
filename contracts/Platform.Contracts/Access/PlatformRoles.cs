namespace Platform.Contracts.Access;

/// <summary>What a member may do within their organization; the scopes follow (<see cref="PlatformScopes.ForRole"/>).</summary>
public static class PlatformRoles
{
    /// <summary>Manages members, API clients and the plan, and does everything a data scientist does.</summary>
    public const string Admin = "admin";
    /// <summary>Uploads data, deploys solutions, changes policies, reads models and usage.</summary>
    public const string DataScientist = "data-scientist";
    /// <summary>Reads deployments, models and usage.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, DataScientist, Viewer];
}
