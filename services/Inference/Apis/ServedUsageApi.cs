using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Inference;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Inference.Apis;

/// <summary>
/// Served usage of a deployment as Inference counts it. Billing's <c>/api/usage</c> is the billed
/// side; comparing the two (the serving benchmark does, after a run) shows whether every served
/// prediction was billed without waiting for the hourly reconciliation's settle delay.
/// </summary>
public static class ServedUsageApi
{
    public static IEndpointRouteBuilder MapServedUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deployments/{name}/usage", GetServedUsage)
            .WithName("GetServedUsage")
            .WithSummary("Predictions and requests this deployment has served, in total (Inference's own usage records; billed usage is /api/usage)")
            .WithTags("Usage")
            .RequireScope(PlatformScopes.UsageRead);
        return app;
    }

    public static async Task<Results<Ok<ServedUsageResponse>, ProblemHttpResult>> GetServedUsage(
        string name, CallerTenant tenant, InferenceDbContext db, CancellationToken ct)
    {
        if (!await db.Deployments.AnyAsync(d => d.TenantId == tenant.Id && d.Name == name, ct))
            return Problems.NotFound($"Deployment '{name}' does not exist.");
        var usage = db.Usage.AsNoTracking().Where(u => u.TenantId == tenant.Id && u.DeploymentName == name);
        var predictions = await usage.SumAsync(u => (long)u.Predictions, ct);
        var requests = await usage.LongCountAsync(ct);
        return TypedResults.Ok(new ServedUsageResponse(name, predictions, requests));
    }
}
