using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Platform.Compression.Domain;
using Platform.Compression.Infrastructure;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;

namespace Platform.Compression.Apis;

public static class CompressionJobsApi
{
    public static IEndpointRouteBuilder MapCompressionJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/compression-jobs/{modelVersionId:guid}", GetJob)
            .WithName("GetCompressionJob")
            .WithSummary("What compressing a model version produced: each variant's size, AUC and latency against the original")
            .WithTags("Compression")
            .RequireScope(PlatformScopes.DeploymentsRead);
        return app;
    }

    public static async Task<Results<Ok<CompressionJobRecord>, ProblemHttpResult>> GetJob(
        Guid modelVersionId, CallerTenant tenant, CompressionDbContext db, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.ModelVersionId == modelVersionId && j.TenantId == tenant.Id, ct);
        return job is null ? Problems.NotFound($"Model version {modelVersionId} has not been compressed.") : TypedResults.Ok(job);
    }
}
