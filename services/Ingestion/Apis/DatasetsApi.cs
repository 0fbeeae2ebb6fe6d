using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Api.Ingestion;
using Platform.Contracts.Datasets;
using Platform.Ingestion.Domain;
using Platform.Ingestion.Extensions;
using Platform.Ingestion.Infrastructure;
using Platform.ServiceDefaults.Artifacts;
using Platform.ServiceDefaults.Http;
using Platform.Contracts.Access;
using Platform.ServiceDefaults.Access;
using Platform.Tabular;
using Platform.Tabular.Api;

namespace Platform.Ingestion.Apis;

public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/datasets").WithTags("Datasets");
        var read = api.MapGroup("").RequireScope(PlatformScopes.DatasetsRead);
        var limits = app.ServiceProvider.GetRequiredService<IOptions<UploadLimits>>().Value;

        api.MapPost("/{name}/versions", UploadVersion)
            .WithName("UploadDatasetVersion")
            .WithSummary("Upload a dataset's content (streamed); the same content twice is the same version")
            .DisableAntiforgery()
            .WithBodyLimit(limits.UploadBytes, UploadValidator.FileField)
            .RequireScope(PlatformScopes.DatasetsWrite);
        read.MapGet("/", ListDatasets).WithName("ListDatasets").WithSummary("The tenant's datasets");
        read.MapGet("/{name}/versions", ListVersions).WithName("ListDatasetVersions").WithSummary("A dataset's versions, newest first");
        read.MapGet("/{name}/versions/{number:int}", GetVersion).WithName("GetDatasetVersion").WithSummary("One version: content hash, size, rows, columns");
        read.MapGet("/{name}/versions/{number:int}/profile", GetProfile).WithName("GetDatasetProfile")
            .WithSummary("The inferred schema and the column profile: counts, missing values, numeric summaries, top categories");
        return app;
    }

    public static async Task<Results<Created<DatasetVersionResponse>, Ok<DatasetVersionResponse>, ProblemHttpResult>> UploadVersion(
        string name,
        CallerTenant tenant,
        [FromHeader(Name = "X-Correlation-Id")] Guid? correlationId,
        [FromQuery] string? target,
        HttpRequest request,
        [AsParameters] IngestionServices services,
        CancellationToken ct)
    {
        if (DatasetRules.ValidateName(name) is { } nameError) return Problems.Invalid("name", nameError);

        // Staged first, validated while nothing else can see it, then committed or deleted.
        using var staged = await services.Store.StageAsync(tenant.Id, request.Body, ct);
        if (staged.SizeBytes == 0) return Problems.Invalid(UploadValidator.FileField, "the upload is empty", 1);

        var known = await services.FindDatasetAsync(tenant.Id, name, ct);
        if (known?.FindByContent(staged.Sha256) is { } same) return TypedResults.Ok(same.ToResponse(known));

        ValidatedUpload? upload;
        UploadRejection? rejection;
        (upload, rejection) = UploadValidator.Validate(() => services.Store.OpenRead(staged), string.IsNullOrWhiteSpace(target) ? null : target,
            services.Limits.Value.ForReader(), ct, services.Limits.Value.ForImages());
        if (rejection is not null)
            return rejection.Limit is { } limit
                ? Problems.Limit(rejection.Field, rejection.Reason, limit, rejection.Row)
                : Problems.Invalid(rejection.Field, rejection.Reason, rejection.Row);

        var stored = services.Store.Commit(staged);
        try
        {
            return await RecordVersionAsync(name, tenant.Id, correlationId ?? Guid.CreateVersion7(), stored, upload!, services, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent upload of the same dataset won the race: answer with what it recorded.
            services.Db.ChangeTracker.Clear();
            var dataset = await services.FindDatasetAsync(tenant.Id, name, ct);
            return dataset?.FindByContent(stored.Sha256) is { } winner
                ? TypedResults.Ok(winner.ToResponse(dataset))
                : TypedResults.Problem("Another upload to this dataset was being recorded; try again.", statusCode: 409, title: "Conflict");
        }
    }

    private static async Task<Results<Created<DatasetVersionResponse>, Ok<DatasetVersionResponse>, ProblemHttpResult>> RecordVersionAsync(
        string name, Guid tenantId, Guid correlationId, ArtifactReference stored, ValidatedUpload upload, IngestionServices services, CancellationToken ct)
    {
        var now = services.Clock.GetUtcNow();
        var dataset = await services.FindDatasetAsync(tenantId, name, ct);
        if (dataset is null)
        {
            dataset = new Dataset { TenantId = tenantId, Name = name, CreatedAt = now };
            services.Db.Datasets.Add(dataset);
        }
        else if (dataset.FindByContent(stored.Sha256) is { } existing)
        {
            return TypedResults.Ok(existing.ToResponse(dataset));
        }

        var version = dataset.AddVersion(stored.Sha256, stored.SizeBytes, stored.Uri, upload, now);
        // Its key is set before EF sees it: reached through a tracked dataset it would be taken for an existing row.
        services.Db.Add(version);
        services.Db.PublishOnCommit(dataset.Created(version, correlationId));
        await services.Db.SaveChangesAsync(ct);

        var response = version.ToResponse(dataset);
        return TypedResults.Created($"/api/datasets/{dataset.Name}/versions/{version.Number}", response);
    }

    public static async Task<Results<Ok<DatasetResponse[]>, ProblemHttpResult>> ListDatasets(
        CallerTenant tenant, [AsParameters] IngestionServices services, CancellationToken ct)
    {
        var datasets = await services.Db.Datasets.AsNoTracking()
            .Where(d => d.TenantId == tenant.Id)
            .OrderBy(d => d.Name)
            .Select(d => new DatasetResponse(d.Id, d.Name, d.Versions.Count, d.CreatedAt))
            .ToArrayAsync(ct);
        return TypedResults.Ok(datasets);
    }

    public static async Task<Results<Ok<DatasetVersionResponse[]>, ProblemHttpResult>> ListVersions(
        string name, CallerTenant tenant, [AsParameters] IngestionServices services, CancellationToken ct)
    {
        var dataset = await services.FindDatasetAsync(tenant.Id, name, ct);
        if (dataset is null) return Problems.NotFound($"Dataset '{name}' does not exist.");
        return TypedResults.Ok(dataset.Versions.OrderByDescending(v => v.Number).Select(v => v.ToResponse(dataset)).ToArray());
    }

    public static async Task<Results<Ok<DatasetVersionResponse>, ProblemHttpResult>> GetVersion(
        string name, int number, CallerTenant tenant, [AsParameters] IngestionServices services, CancellationToken ct)
    {
        var dataset = await services.FindDatasetAsync(tenant.Id, name, ct);
        var version = dataset?.Versions.FirstOrDefault(v => v.Number == number);
        return version is null
            ? Problems.NotFound($"Dataset '{name}' has no version {number}.")
            : TypedResults.Ok(version.ToResponse(dataset!));
    }

    public static async Task<Results<Ok<DatasetProfileResponse>, ProblemHttpResult>> GetProfile(
        string name, int number, CallerTenant tenant, [AsParameters] IngestionServices services, CancellationToken ct)
    {
        var dataset = await services.FindDatasetAsync(tenant.Id, name, ct);
        var version = dataset?.Versions.FirstOrDefault(v => v.Number == number);
        if (version is null) return Problems.NotFound($"Dataset '{name}' has no version {number}.");
        var profile = JsonSerializer.Deserialize<DatasetProfile>(version.ProfileJson, JsonSerializerOptions.Web)!;
        return TypedResults.Ok(new DatasetProfileResponse(dataset!.Name, version.Number, version.TargetColumn, profile.Rows, profile.Schema(), profile.Columns)
        {
            Images = profile.Images,
        });
    }
}

public sealed record DatasetResponse(Guid Id, string Name, int Versions, DateTimeOffset CreatedAt);
