using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>
/// Until sign-in and API keys exist, a caller names its tenant in this header; a service refuses
/// tenants it has not been told about.
/// </summary>
public static class TenantHeader
{
    public const string Name = "X-Tenant-Id";

    public static Task<bool> IsKnownTenantAsync(this ServiceDbContext db, Guid tenantId, CancellationToken ct) =>
        db.Tenants.AnyAsync(t => t.Id == tenantId, ct);
}
