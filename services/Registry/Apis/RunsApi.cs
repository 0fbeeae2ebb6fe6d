using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Registry;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Registry.Apis;

public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/deployments/{name}/runs/{runId:guid}/epochs", ListRunEpochs).WithTags("Runs").WithName("ListRunEpochs")
            .WithSummary("A run's training history so far, one entry per finished epoch, oldest first")
            .RequireScope(PlatformScopes.DeploymentsRead);
        return app;
    }

    public static async Task<Results<Ok<RunEpochResponse[]>, ProblemHttpResult>> ListRunEpochs(
        string name, Guid runId, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var deploymentId = await db.Deployments
            .Where(d => d.TenantId == tenant.Id && d.Name == name)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync(ct);
        if (deploymentId is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        if (!await db.Runs.AnyAsync(r => r.Id == runId && r.TenantId == tenant.Id && r.DeploymentId == deploymentId, ct))
            return Problems.NotFound($"Deployment '{name}' has no run {runId}.");

        return TypedResults.Ok(await db.RunEpochs.AsNoTracking()
            .Where(e => e.TenantId == tenant.Id && e.RunId == runId)
            .OrderBy(e => e.Epoch)
            .Select(e => new RunEpochResponse(e.Epoch, e.TrainLoss, e.ValidationLoss, e.ValidationAuc, e.RecordedAt))
            .ToArrayAsync(ct));
    }
}
