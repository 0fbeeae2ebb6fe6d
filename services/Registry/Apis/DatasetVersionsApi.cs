using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Registry.Apis;

public static class DatasetVersionsApi
{
    public static IEndpointRouteBuilder MapDatasetVersionsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dataset-versions", ListDatasetVersions)
            .WithName("ListRegisteredDatasetVersions")
            .WithSummary("Dataset versions the registry has recorded for the tenant, optionally of one dataset")
            .WithTags("Lineage");
        return app;
    }

    public static async Task<Results<Ok<RegisteredDatasetVersion[]>, ProblemHttpResult>> ListDatasetVersions(
        [FromHeader(Name = TenantHeader.Name)] Guid tenantId, string? dataset, RegistryDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var query = db.DatasetVersions.AsNoTracking().Where(v => v.TenantId == tenantId);
        if (dataset is not null) query = query.Where(v => v.DatasetName == dataset);
        return TypedResults.Ok(await query.OrderBy(v => v.RegisteredAt).ToArrayAsync(ct));
    }
}
