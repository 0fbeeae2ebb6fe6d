using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;
using Platform.Training.Domain;
using Platform.Training.Infrastructure;

namespace Platform.Training.Apis;

public static class TrainingRunsApi
{
    public static IEndpointRouteBuilder MapTrainingRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/training-runs").WithTags("Training").RequireScope(PlatformScopes.DeploymentsRead);
        api.MapGet("/", ListRuns).WithName("ListTrainingRuns").WithSummary("The tenant's finished training runs, newest first");
        api.MapGet("/{id:guid}", GetRun).WithName("GetTrainingRun").WithSummary("One training run: metrics, sizes, parity, duration");
        return app;
    }

    public static async Task<Results<Ok<TrainingRun[]>, ProblemHttpResult>> ListRuns(
        CallerTenant tenant, TrainingDbContext db, CancellationToken ct)
    {
        return TypedResults.Ok(await db.Runs.AsNoTracking().Where(r => r.TenantId == tenant.Id)
            .OrderByDescending(r => r.StartedAt).Take(100).ToArrayAsync(ct));
    }

    public static async Task<Results<Ok<TrainingRun>, ProblemHttpResult>> GetRun(
        Guid id, CallerTenant tenant, TrainingDbContext db, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id && r.TenantId == tenant.Id, ct);
        return run is null ? Problems.NotFound($"Training run {id} does not exist.") : TypedResults.Ok(run);
    }
}
