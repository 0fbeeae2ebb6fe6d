namespace Platform.Contracts.Access;

/// <summary>
/// What a credential may do, as OAuth 2.0 scopes. Services check scopes only: a user's token gets
/// the scopes of the user's role (<see cref="ForRole"/>), a program's token the scopes its client was
/// granted, so "a viewer cannot write" holds through the API as well as in the portal.
/// </summary>
public static class PlatformScopes
{
    public const string DatasetsRead = "datasets:read";
    public const string DatasetsWrite = "datasets:write";
    public const string DeploymentsRead = "deployments:read";
    /// <summary>Deploy, change retraining policies, manage a deployment's API keys.</summary>
    public const string DeploymentsWrite = "deployments:write";
    public const string UsageRead = "usage:read";
    /// <summary>The organization itself: its plan (members and API clients are managed in the portal by admins).</summary>
    public const string OrganizationAdmin = "organization:admin";

    /// <summary>The platform operator's: create organizations (the portal's sign-up page is the customers' way).</summary>
    public const string OrganizationsWrite = "organizations:write";

    /// <summary>The platform operator's: what the platform holds back (quarantined outbox rows, error queues), inspected and released or re-driven.</summary>
    public const string Operate = "platform:operate";

    /// <summary>Deployment API keys: score instances.</summary>
    public const string Predict = "predict";
    /// <summary>Deployment API keys: send ground truth, which becomes training data.</summary>
    public const string Feedback = "feedback";

    /// <summary>Every scope a tenant's credential may hold, in the order the portal lists them.</summary>
    public static readonly IReadOnlyList<string> Tenant =
        [DatasetsRead, DatasetsWrite, DeploymentsRead, DeploymentsWrite, UsageRead, OrganizationAdmin];

    public static readonly IReadOnlyList<string> Read = [DatasetsRead, DeploymentsRead, UsageRead];

    public static readonly IReadOnlyList<string> ApiKey = [Predict, Feedback];

    /// <summary>The platform operator's scopes: they name no organization, and no organization's credential holds them.</summary>
    public static readonly IReadOnlyList<string> Operator = [OrganizationsWrite, Operate];

    /// <summary>The scopes a member of the organization gets from their role.</summary>
    public static IReadOnlyList<string> ForRole(string role) => role switch
    {
        PlatformRoles.Admin => Tenant,
        PlatformRoles.DataScientist => [DatasetsRead, DatasetsWrite, DeploymentsRead, DeploymentsWrite, UsageRead],
        PlatformRoles.Viewer => Read,
        _ => [],
    };

    public static bool IsWrite(string scope) => scope is DatasetsWrite or DeploymentsWrite or OrganizationAdmin or OrganizationsWrite or Operate;
}
