using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Tenancy;

internal static class TenantsApi
{
    public static void MapTenantsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/tenants/{tenantId:guid}", GetTenant)
            .WithName("GetKnownTenant")
            .WithSummary("The tenant as this service knows it, once its registration has arrived")
            .WithTags("Tenants");

    public static async Task<Results<Ok<KnownTenant>, ProblemHttpResult>> GetTenant(
        Guid tenantId, ServiceDbContext db, CancellationToken ct) =>
        await db.Tenants.FindAsync([tenantId], ct) is { } tenant
            ? TypedResults.Ok(tenant)
            : Problems.NotFound($"Tenant {tenantId} is not known to this service.");
}
