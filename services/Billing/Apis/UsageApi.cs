using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Billing.Apis;

public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tenants/{tenantId:guid}/usage", GetUsage)
            .WithName("GetTenantUsage")
            .WithSummary("Predictions billed to the tenant, in total and per deployment")
            .WithTags("Usage");
        return app;
    }

    public static async Task<Results<Ok<UsageSummary>, ProblemHttpResult>> GetUsage(
        Guid tenantId, [FromHeader(Name = TenantHeader.Name)] Guid? callerTenantId, BillingDbContext db, CancellationToken ct)
    {
        if (!TenantAccess.Allows(callerTenantId, tenantId)) return TenantAccess.Forbidden(tenantId);
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var byDeployment = await db.Usage.AsNoTracking()
            .Where(u => u.TenantId == tenantId)
            .GroupBy(u => u.DeploymentName)
            .OrderBy(g => g.Key)
            .Select(g => new DeploymentUsage(g.Key, g.Sum(u => u.Predictions), g.Count()))
            .ToArrayAsync(ct);
        return TypedResults.Ok(new UsageSummary(tenantId, byDeployment.Sum(d => d.Predictions), byDeployment));
    }
}

public sealed record DeploymentUsage(string Deployment, long Predictions, int UsageRecords);

public sealed record UsageSummary(Guid TenantId, long Predictions, IReadOnlyList<DeploymentUsage> Deployments);
