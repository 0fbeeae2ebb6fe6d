using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Registry.Apis;

public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deployments/{name}/runs/{runId:guid}/epochs", ListRunEpochs).WithTags("Runs").WithName("ListRunEpochs")
            .WithSummary("A run's training history so far, one entry per finished epoch, oldest first");
        return app;
    }

    public static async Task<Results<Ok<RunEpochResponse[]>, ProblemHttpResult>> ListRunEpochs(
        string name, Guid runId, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var deploymentId = await db.Deployments
            .Where(d => d.TenantId == tenantId && d.Name == name)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync(ct);
        if (deploymentId is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        if (!await db.Runs.AnyAsync(r => r.Id == runId && r.TenantId == tenantId && r.DeploymentId == deploymentId, ct))
            return Problems.NotFound($"Deployment '{name}' has no run {runId}.");

        return TypedResults.Ok(await db.RunEpochs.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.RunId == runId)
            .OrderBy(e => e.Epoch)
            .Select(e => new RunEpochResponse(e.Epoch, e.TrainLoss, e.ValidationLoss, e.ValidationAuc, e.RecordedAt))
            .ToArrayAsync(ct));
    }
}

public sealed record RunEpochResponse(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAuc, DateTimeOffset RecordedAt);
