using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Registry;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Registry.Apis;

public static class DatasetVersionsApi
{
    public static IEndpointRouteBuilder MapDatasetVersionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dataset-versions", ListDatasetVersions)
            .WithName("ListRegisteredDatasetVersions")
            .WithSummary("Dataset versions the registry has recorded for the tenant, optionally of one dataset")
            .WithTags("Lineage")
            .RequireScope(PlatformScopes.DatasetsRead);
        return app;
    }

    public static async Task<Results<Ok<RegisteredDatasetVersionResponse[]>, ProblemHttpResult>> ListDatasetVersions(
        CallerTenant tenant, string? dataset, RegistryDbContext db, CancellationToken ct)
    {
        var query = db.DatasetVersions.AsNoTracking().Where(v => v.TenantId == tenant.Id);
        if (dataset is not null) query = query.Where(v => v.DatasetName == dataset);
        var versions = await query.OrderBy(v => v.RegisteredAt).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => v.ToResponse()).ToArray());
    }
}
