using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Persistence;

namespace Platform.ServiceDefaults.Tenancy;

internal static class TenantsApi
{
    public static void MapTenantsApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/tenant", GetTenant)
            .WithName("GetKnownTenant")
            .WithSummary("The caller's organization as this service knows it, once its registration has arrived")
            .WithTags("Tenants")
            .RequireAuthorization(AccessExtensions.AuthenticatedPolicy);

    public static async Task<Results<Ok<KnownTenant>, ProblemHttpResult>> GetTenant(CallerTenant tenant, ServiceDbContext db, CancellationToken ct) =>
        await db.Tenants.FindAsync([tenant.Id], ct) is { } known
            ? TypedResults.Ok(known)
            : Problems.NotFound($"Tenant {tenant.Id} is not known to this service yet.");
}
