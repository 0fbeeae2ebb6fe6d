using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Compression.Domain;
using Platform.Compression.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Compression.Apis;

public static class CompressionJobsApi
{
    public static IEndpointRouteBuilder MapCompressionJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/compression-jobs/{modelVersionId:guid}", GetJob)
            .WithName("GetCompressionJob")
            .WithSummary("What compressing a model version produced: each variant's size, AUC and latency against the original")
            .WithTags("Compression");
        return app;
    }

    public static async Task<Results<Ok<CompressionJobRecord>, ProblemHttpResult>> GetJob(
        Guid modelVersionId, [FromHeader(Name = TenantHeader.Name)] Guid tenantId, CompressionDbContext db, CancellationToken ct)
    {
        if (!await db.IsKnownTenantAsync(tenantId, ct)) return Problems.UnknownTenant(tenantId);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.ModelVersionId == modelVersionId && j.TenantId == tenantId, ct);
        return job is null ? Problems.NotFound($"Model version {modelVersionId} has not been compressed.") : TypedResults.Ok(job);
    }
}
