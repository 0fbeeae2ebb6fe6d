using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Registry;
using Platform.Registry.Domain;
using Platform.Registry.Infrastructure;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Registry.Apis;

/// <summary>
/// A deployment's API keys: list (by prefix, with last use), issue, rotate with a grace period,
/// revoke. Every change reaches every Inference replica as <c>DeploymentKeysChanged</c>.
/// </summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/deployments/{name}/keys").WithTags("API keys");
        api.MapGet("/", ListKeys).WithName("ListApiKeys")
            .WithSummary("The deployment's API keys (?prefix= filters), with scopes, state, expiry and when each was last used")
            .RequireScope(PlatformScopes.DeploymentsRead);
        api.MapPost("/", IssueKey).WithName("IssueApiKey")
            .WithSummary("A new key (scopes: predict, feedback; optional expiry); the key is in the response, once")
            .RequireScope(PlatformScopes.DeploymentsWrite);
        api.MapPost("/{keyId:guid}/rotate", RotateKey).WithName("RotateApiKey")
            .WithSummary("Replace a key: a new key with the same scopes, shown once; the old one keeps working for the grace period (default 1 hour)")
            .RequireScope(PlatformScopes.DeploymentsWrite);
        api.MapDelete("/{keyId:guid}", RevokeKey).WithName("RevokeApiKey")
            .WithSummary("Revoke a key now; every Inference replica refuses it within seconds")
            .RequireScope(PlatformScopes.DeploymentsWrite);
        return app;
    }

    public static async Task<Results<Ok<ApiKeyResponse[]>, ProblemHttpResult>> ListKeys(
        string name, string? prefix, CallerTenant tenant, RegistryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var deployment = await db.FindDeploymentAsync(tenant.Id, name, ct);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenant.Id && k.DeploymentId == deployment.Id && (prefix == null || k.Prefix.StartsWith(prefix)))
            .OrderByDescending(k => k.CreatedAt)
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(keys.Select(k => k.ToResponse(now)).ToArray());
    }

    public static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> IssueKey(
        string name, IssueApiKeyRequest request, CallerTenant tenant, RegistryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Validate() is { } invalid) return Problems.Invalid(invalid.Field, invalid.Reason);
        var deployment = await db.FindDeploymentAsync(tenant.Id, name, ct, track: true);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var now = clock.GetUtcNow();
        var (key, secret) = DeploymentApiKey.Issue(deployment, request.Scopes ?? PlatformScopes.ApiKey, request.ExpiresAt, now);
        db.ApiKeys.Add(key);
        await PublishKeysAsync(db, deployment, key, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/deployments/{name}/keys", new IssuedApiKey(key.ToResponse(now), secret));
    }

    public static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> RotateKey(
        string name, Guid keyId, RotateApiKeyRequest? request, CallerTenant tenant, RegistryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(request?.GraceSeconds ?? RegistryRequestRules.DefaultGraceSeconds);
        if (request?.Validate() is { } invalid) return Problems.Invalid(invalid.Field, invalid.Reason);
        var deployment = await db.FindDeploymentAsync(tenant.Id, name, ct, track: true);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var old = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.TenantId == tenant.Id && k.DeploymentId == deployment.Id, ct);
        if (old is null) return Problems.NotFound($"Deployment '{name}' has no API key {keyId}.");
        var now = clock.GetUtcNow();
        if (!old.IsActive(now)) return Problems.Invalid("keyId", $"the key {old.Prefix}… is {old.State(now)}; only a working key is rotated (issue a new one instead)");

        var (replacement, secret) = DeploymentApiKey.Issue(deployment, old.Scopes, expiresAt: null, now);
        old.RotateTo(replacement, grace, now);
        db.ApiKeys.Add(replacement);
        await PublishKeysAsync(db, deployment, replacement, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/deployments/{name}/keys", new IssuedApiKey(replacement.ToResponse(now), secret, old.ToResponse(now)));
    }

    public static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeKey(
        string name, Guid keyId, CallerTenant tenant, RegistryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var deployment = await db.FindDeploymentAsync(tenant.Id, name, ct, track: true);
        if (deployment is null) return Problems.NotFound($"Deployment '{name}' does not exist.");
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.TenantId == tenant.Id && k.DeploymentId == deployment.Id, ct);
        if (key is null) return Problems.NotFound($"Deployment '{name}' has no API key {keyId}.");
        var now = clock.GetUtcNow();
        if (key.RevokedAt is null)
        {
            key.Revoke(now);
            await PublishKeysAsync(db, deployment, added: null, now, ct);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(key.ToResponse(now));
    }

    /// <summary>The deployment's whole key set as it will stand once this commits (the changed rows are tracked).</summary>
    internal static async Task PublishKeysAsync(RegistryDbContext db, Deployment deployment, DeploymentApiKey? added, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await db.ApiKeys.Where(k => k.DeploymentId == deployment.Id).ToListAsync(ct);
        if (added is not null && !stored.Contains(added)) stored.Add(added);
        db.PublishOnCommit(deployment.KeysChanged(stored, now));
    }
}
