using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Api.Registry;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Http;

namespace Platform.Registry.Apis;

/// <summary>The catalog of pretrained models a tenant's model may be fine-tuned from (ADR 32); the same for every tenant.</summary>
public static class BaseModelsApi
{
    public static IEndpointRouteBuilder MapBaseModelsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/base-models", ListBaseModels).WithTags("Base models").WithName("ListBaseModels")
            .WithSummary("The pretrained models in the catalog: licence, size, parameters, tokenizer");
        app.MapGet("/api/base-models/{name}", GetBaseModel).WithTags("Base models").WithName("GetBaseModel")
            .WithSummary("One pretrained model of the catalog");
        return app;
    }

    public static async Task<Ok<BaseModelResponse[]>> ListBaseModels(RegistryDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.BaseModels.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct)).Select(m => m.ToResponse()).ToArray());

    public static async Task<Results<Ok<BaseModelResponse>, ProblemHttpResult>> GetBaseModel(string name, RegistryDbContext db, CancellationToken ct) =>
        await db.BaseModels.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct) is { } model
            ? TypedResults.Ok(model.ToResponse())
            : Problems.NotFound($"The catalog has no base model '{name}'.");
}
