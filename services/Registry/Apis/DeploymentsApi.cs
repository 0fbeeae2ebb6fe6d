using System.Data;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Registry;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Registry.Apis;

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments").WithTags("Deployments");
        api.MapPost("/", CreateDeployment).WithName("CreateDeployment")
            .WithSummary("Deploy a solution on a dataset; the response shows the deployment's API key, once")
            .RequireScope(PlatformScopes.DeploymentsWrite);
        api.MapGet("/", ListDeployments).WithName("ListDeployments").WithSummary("The tenant's deployments")
            .RequireScope(PlatformScopes.DeploymentsRead);
        api.MapGet("/{name}", GetDeployment).WithName("GetDeployment").WithSummary("A deployment with its champion and runs")
            .RequireScope(PlatformScopes.DeploymentsRead);
        return app;
    }

    public static async Task<Results<Created<CreatedDeployment>, ProblemHttpResult>> CreateDeployment(
        CreateDeploymentRequest request, CallerTenant tenant, ClaimsPrincipal caller,
        RegistryDbContext db, DeploymentPipeline pipeline, TimeProvider clock, CancellationToken ct)
    {
        if (request.Validate(out var template) is { } problem) return Problems.Invalid(problem.Field, problem.Reason);
        var now = clock.GetUtcNow();
        var (treatments, refusal) = request.TreatmentsFrom(caller, now);
        if (refusal is { } refused)
            return TypedResults.Problem(refused.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Acknowledgement required",
                extensions: new Dictionary<string, object?> { ["field"] = refused.Field, ["reason"] = refused.Reason });
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.LockDatasetAsync(tenant.Id, request.Dataset!, ct);
        if (await db.Deployments.AnyAsync(d => d.TenantId == tenant.Id && d.Name == request.Name, ct))
            return TypedResults.Problem($"Deployment '{request.Name}' already exists.", statusCode: 409, title: "Conflict");

        var deployment = new Deployment
        {
            TenantId = tenant.Id,
            Name = request.Name!,
            Solution = template!.Name,
            DatasetName = request.Dataset!,
            Spec = SpecColumns.From(request.SpecFrom(template)),
            AccuracyBudget = request.AccuracyBudget ?? template.AccuracyBudget,
            DefaultTreatment = template.PersonalDataTreatment,
            TreatmentsJson = treatments is { Count: > 0 } ? RegisteredDatasetVersion.ToJson(treatments) : null,
            State = DeploymentState.AwaitingData,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (key, apiKey) = DeploymentApiKey.Issue(deployment, PlatformScopes.ApiKey, expiresAt: null, now);
        db.Deployments.Add(deployment);
        db.ApiKeys.Add(key);
        db.PublishOnCommit(new DeploymentCreated(tenant.Id, deployment.Id, deployment.Id, deployment.Name, deployment.Solution));
        db.PublishOnCommit(deployment.KeysChanged([key], now));

        // Data uploaded before the deployment existed starts it at once (raw data: another deployment's treated version is not this one's).
        var latest = await db.DatasetVersions
            .Where(v => v.TenantId == tenant.Id && v.DatasetName == deployment.DatasetName && v.TreatmentJson == null)
            .OrderByDescending(v => v.VersionNumber)
            .FirstOrDefaultAsync(ct);
        var run = latest is null ? null : pipeline.StartRun(deployment, latest, DeploymentPipeline.TriggerDeploymentCreated);

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.SignalOutbox();
        return TypedResults.Created($"/api/deployments/{deployment.Name}",
            new CreatedDeployment(deployment.ToSummary(), apiKey, key.ToResponse(now), run?.ToResponse()));
    }

    public static async Task<Results<Ok<DeploymentSummary[]>, ProblemHttpResult>> ListDeployments(
        CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        var deployments = await db.Deployments.AsNoTracking().Where(d => d.TenantId == tenant.Id).OrderBy(d => d.Name).ToListAsync(ct);
        return TypedResults.Ok(deployments.Select(d => d.ToSummary()).ToArray());
    }

    public static async Task<Results<Ok<DeploymentDetail>, ProblemHttpResult>> GetDeployment(
        string name, CallerTenant tenant, RegistryDbContext db, CancellationToken ct)
    {
        // One snapshot for the three reads: a run started between them would otherwise be listed
        // beside the deployment's state from before it (a new run under a "Failed" deployment).
        await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenant.Id && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");

        var champion = deployment.ChampionVersionId is { } id
            ? await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct)
            : null;
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.TenantId == tenant.Id && r.DeploymentId == deployment.Id)
            .OrderByDescending(r => r.StartedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(new DeploymentDetail(
            deployment.ToSummary(), deployment.Spec.ToContract(), deployment.AccuracyBudget,
            champion?.ToResponse(), runs.Select(r => r.ToResponse()).ToArray(), deployment.DefaultTreatment, deployment.Treatments));
    }
}
