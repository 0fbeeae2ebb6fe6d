using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Registry;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Registry.Apis;

public static class DeploymentsApi
{
    public static IEndpointRouteBuilder MapDeploymentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments").WithTags("Deployments");
        api.MapPost("/", CreateDeployment).WithName("CreateDeployment")
            .WithSummary("Deploy a solution on a dataset; the response shows the deployment's API key, once");
        api.MapGet("/", ListDeployments).WithName("ListDeployments").WithSummary("The tenant's deployments");
        api.MapGet("/{name}", GetDeployment).WithName("GetDeployment").WithSummary("A deployment with its champion and runs");
        return app;
    }

    public static async Task<Results<Created<CreatedDeployment>, ProblemHttpResult>> CreateDeployment(
        CreateDeploymentRequest request, [FromHeader(Name = TenantHeader.Name)] Guid tenantId,
        RegistryDbContext db, DeploymentPipeline pipeline, TimeProvider clock, CancellationToken ct)
    {
        if (request.Validate(out var template) is { } problem) return Problems.Invalid(problem.Field, problem.Reason);
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        if (await db.Deployments.AnyAsync(d => d.TenantId == tenantId && d.Name == request.Name, ct))
            return TypedResults.Problem($"Deployment '{request.Name}' already exists.", statusCode: 409, title: "Conflict");

        var apiKey = ApiKeys.Create();
        var now = clock.GetUtcNow();
        var deployment = new Deployment
        {
            TenantId = tenantId,
            Name = request.Name!,
            Solution = template!.Name,
            DatasetName = request.Dataset!,
            Spec = SpecColumns.From(request.SpecFrom(template)),
            AccuracyBudget = request.AccuracyBudget ?? template.AccuracyBudget,
            ApiKeyPrefix = ApiKeys.Prefix(apiKey),
            ApiKeySha256 = ApiKeys.Sha256(apiKey),
            State = DeploymentState.AwaitingData,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Deployments.Add(deployment);
        db.PublishOnCommit(new DeploymentCreated(
            tenantId, deployment.Id, deployment.Id, deployment.Name, deployment.Solution, deployment.ApiKeyPrefix, deployment.ApiKeySha256));

        // Data uploaded before the deployment existed starts it at once.
        var latest = await db.DatasetVersions
            .Where(v => v.TenantId == tenantId && v.DatasetName == deployment.DatasetName)
            .OrderByDescending(v => v.VersionNumber)
            .FirstOrDefaultAsync(ct);
        var run = latest is null ? null : pipeline.StartRun(deployment, latest, DeploymentPipeline.TriggerDeploymentCreated);

        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/deployments/{deployment.Name}",
            new CreatedDeployment(DeploymentSummary.From(deployment), apiKey, run is null ? null : RunResponse.From(run)));
    }

    public static async Task<Results<Ok<DeploymentSummary[]>, ProblemHttpResult>> ListDeployments(
        [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var deployments = await db.Deployments.AsNoTracking().Where(d => d.TenantId == tenantId).OrderBy(d => d.Name).ToListAsync(ct);
        return TypedResults.Ok(deployments.Select(DeploymentSummary.From).ToArray());
    }

    public static async Task<Results<Ok<DeploymentDetail>, ProblemHttpResult>> GetDeployment(
        string name, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");

        var champion = deployment.ChampionVersionId is { } id
            ? await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct)
            : null;
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.DeploymentId == deployment.Id)
            .OrderByDescending(r => r.StartedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(new DeploymentDetail(
            DeploymentSummary.From(deployment), deployment.Spec.ToContract(), deployment.AccuracyBudget,
            champion is null ? null : ModelVersionResponse.From(champion), runs.Select(RunResponse.From).ToArray()));
    }
}
