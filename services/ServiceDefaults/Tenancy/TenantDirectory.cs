using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Tenancy;

public static class TenantDirectory
{
    /// <summary>Whether this service has been told of the tenant (its registration event has arrived).</summary>
    public static Task<bool> IsKnownTenantAsync(this ServiceDbContext db, Guid tenantId, CancellationToken ct) =>
        db.Tenants.AnyAsync(t => t.Id == tenantId, ct);
}
