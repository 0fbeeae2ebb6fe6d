using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Registry.Apis;

public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models", ListModels).WithTags("Models").WithName("ListModels")
            .WithSummary("One model per deployment, with its version count and champion");
        app.MapGet("/api/deployments/{name}/versions", ListVersions).WithTags("Models").WithName("ListModelVersions")
            .WithSummary("A deployment's model versions, newest first");
        app.MapGet("/api/model-versions/{id:guid}", GetVersion).WithTags("Models").WithName("GetModelVersion")
            .WithSummary("A model version with its metrics, artifact and compression report");
        app.MapGet("/api/model-versions/{id:guid}/lineage", GetLineage).WithTags("Lineage").WithName("GetModelLineage")
            .WithSummary("Where a model version came from: parent versions, run, dataset version");
        return app;
    }

    public static async Task<Results<Ok<ModelSummary[]>, ProblemHttpResult>> ListModels(
        [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        return TypedResults.Ok(await db.Deployments.AsNoTracking()
            .Where(d => d.TenantId == tenantId)
            .OrderBy(d => d.Name)
            .Select(d => new ModelSummary(d.Name, d.ModelVersionCount, d.ChampionVersionId))
            .ToArrayAsync(ct));
    }

    public static async Task<Results<Ok<ModelVersionResponse[]>, ProblemHttpResult>> ListVersions(
        string name, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var deployment = await db.Deployments.AsNoTracking().FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Name == name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.TenantId == tenantId && v.DeploymentId == deployment.Id)
            .OrderByDescending(v => v.Number)
            .ToListAsync(ct);
        return TypedResults.Ok(versions.Select(ModelVersionResponse.From).ToArray());
    }

    public static async Task<Results<Ok<ModelVersionResponse>, ProblemHttpResult>> GetVersion(
        Guid id, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.TenantId == tenantId, ct);
        return version is null ? Problems.NotFound($"Model version {id} does not exist.") : TypedResults.Ok(ModelVersionResponse.From(version));
    }

    public static async Task<Results<Ok<LineageResponse>, ProblemHttpResult>> GetLineage(
        Guid id, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.TenantId == tenantId, ct);
        if (version is null) return Problems.NotFound($"Model version {id} does not exist.");

        var ancestors = new List<ModelVersionResponse>();
        for (var parentId = version.ParentVersionId; parentId is { } pid;)
        {
            var parent = await db.ModelVersions.AsNoTracking().FirstAsync(v => v.Id == pid && v.TenantId == tenantId, ct);
            ancestors.Add(ModelVersionResponse.From(parent));
            parentId = parent.ParentVersionId;
        }
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == version.RunId && r.TenantId == tenantId, ct);
        var dataset = await db.DatasetVersions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.DatasetVersionId == version.DatasetVersionId && d.TenantId == tenantId, ct);
        return TypedResults.Ok(new LineageResponse(
            ModelVersionResponse.From(version), [.. ancestors], run is null ? null : RunResponse.From(run), dataset));
    }
}
