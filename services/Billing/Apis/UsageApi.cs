using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Api.Billing;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Billing.Apis;

public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/usage", GetUsage)
            .WithName("GetUsage")
            .WithSummary("Predictions billed to the tenant, in total and per deployment")
            .WithTags("Usage")
            .RequireScope(PlatformScopes.UsageRead);
        app.MapGet("/api/usage/series", GetUsageSeries)
            .WithName("GetUsageSeries")
            .WithSummary("Predictions billed to the tenant over time (?bucket=minute|hour|day, default hour; from, to: ISO-8601, default the 60 buckets up to now), zero-filled")
            .WithTags("Usage")
            .RequireScope(PlatformScopes.UsageRead);
        return app;
    }

    public static async Task<Results<Ok<UsageSummary>, ProblemHttpResult>> GetUsage(
        CallerTenant caller, BillingDbContext db, CancellationToken ct)
    {
        var tenantId = caller.Id;
        var byDeployment = await db.Usage.AsNoTracking()
            .Where(u => u.TenantId == tenantId)
            .GroupBy(u => u.DeploymentName)
            .OrderBy(g => g.Key)
            .Select(g => new DeploymentUsage(g.Key, g.Sum(u => u.Predictions), g.Count()))
            .ToArrayAsync(ct);
        return TypedResults.Ok(new UsageSummary(tenantId, byDeployment.Sum(d => d.Predictions), byDeployment));
    }

    public static async Task<Results<Ok<UsageSeriesResponse>, ProblemHttpResult>> GetUsageSeries(
        string? bucket, string? from, string? to, CallerTenant caller, BillingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var tenantId = caller.Id;
        if (UsageSeries.TryCreate(bucket, from, to, clock.GetUtcNow(), out var series) is { } problem)
            return Problems.Invalid(problem.Field, problem.Reason);

        var totals = await db.Usage.AsNoTracking().PerBucket(tenantId, series!).ToListAsync(ct);
        return TypedResults.Ok(new UsageSeriesResponse(tenantId, series!.Bucket.Name, series.From, series.To, [.. series.Points(totals).Select(p => p.ToResponse())]));
    }
}

public sealed record DeploymentUsage(string Deployment, long Predictions, int UsageRecords);

public sealed record UsageSummary(Guid TenantId, long Predictions, IReadOnlyList<DeploymentUsage> Deployments);
