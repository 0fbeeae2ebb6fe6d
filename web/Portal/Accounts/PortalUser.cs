using Microsoft.AspNetCore.Identity;

namespace Platform.Portal.Accounts;

/// <summary>A person who signs in to the portal; every user belongs to exactly one tenant.</summary>
public sealed class PortalUser : IdentityUser
{
    public Guid TenantId { get; set; }
}
