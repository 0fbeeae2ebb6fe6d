using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;
using Platform.Training.Domain;
using Platform.Training.Infrastructure;

namespace Platform.Training.Apis;

public static class TrainingRunsApi
{
    public static IEndpointRouteBuilder MapTrainingRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/training-runs").WithTags("Training");
        api.MapGet("/", ListRuns).WithName("ListTrainingRuns").WithSummary("The tenant's finished training runs, newest first");
        api.MapGet("/{id:guid}", GetRun).WithName("GetTrainingRun").WithSummary("One training run: metrics, sizes, parity, duration");
        return app;
    }

    public static async Task<Results<Ok<TrainingRun[]>, ProblemHttpResult>> ListRuns(
        [FromHeader(Name = TenantHeader.Name)] Guid tenantId, TrainingDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        return TypedResults.Ok(await db.Runs.AsNoTracking().Where(r => r.TenantId == tenantId)
            .OrderByDescending(r => r.StartedAt).Take(100).ToArrayAsync(ct));
    }

    public static async Task<Results<Ok<TrainingRun>, ProblemHttpResult>> GetRun(
        Guid id, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, TrainingDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.TenantId == tenantId, ct);
        return run is null ? Problems.NotFound($"Training run {id} does not exist.") : TypedResults.Ok(run);
    }
}
