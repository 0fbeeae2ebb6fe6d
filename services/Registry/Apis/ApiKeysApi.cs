using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Access;
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
        return TypedResults.Ok(keys.Select(k => ApiKeyResponse.From(k, now)).ToArray());
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
        return TypedResults.Created($"/api/deployments/{name}/keys", new IssuedApiKey(ApiKeyResponse.From(key, now), secret));
    }

    public static async Task<Results<Created<IssuedApiKey>, ProblemHttpResult>> RotateKey(
        string name, Guid keyId, RotateApiKeyRequest? request, CallerTenant tenant, RegistryDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var grace = TimeSpan.FromSeconds(request?.GraceSeconds ?? RotateApiKeyRequest.DefaultGraceSeconds);
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
        return TypedResults.Created($"/api/deployments/{name}/keys", new IssuedApiKey(ApiKeyResponse.From(replacement, now), secret, ApiKeyResponse.From(old, now)));
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
        return TypedResults.Ok(ApiKeyResponse.From(key, now));
    }

    /// <summary>The deployment's whole key set as it will stand once this commits (the changed rows are tracked).</summary>
    internal static async Task PublishKeysAsync(RegistryDbContext db, Deployment deployment, DeploymentApiKey? added, DateTimeOffset now, CancellationToken ct)
    {
        var stored = await db.ApiKeys.Where(k => k.DeploymentId == deployment.Id).ToListAsync(ct);
        if (added is not null && !stored.Contains(added)) stored.Add(added);
        db.PublishOnCommit(deployment.KeysChanged(stored, now));
    }
}

public sealed record IssueApiKeyRequest(string[]? Scopes, DateTimeOffset? ExpiresAt)
{
    public (string Field, string Reason)? Validate()
    {
        if (Scopes is { Length: 0 }) return ("scopes", $"must name at least one of {string.Join(", ", PlatformScopes.ApiKey)}");
        if (Scopes?.FirstOrDefault(s => !PlatformScopes.ApiKey.Contains(s)) is { } unknown)
            return ("scopes", $"'{unknown}' is not a key scope; the scopes are {string.Join(", ", PlatformScopes.ApiKey)}");
        if (ExpiresAt is { } at && at <= DateTimeOffset.UtcNow) return ("expiresAt", "must be in the future");
        return null;
    }
}

public sealed record RotateApiKeyRequest(int? GraceSeconds)
{
    public const int DefaultGraceSeconds = 3600;
    public const int MaxGraceSeconds = 7 * 24 * 3600;

    public (string Field, string Reason)? Validate() =>
        GraceSeconds is < 0 or > MaxGraceSeconds ? ("graceSeconds", $"must be between 0 and {MaxGraceSeconds} (7 days)") : null;
}

/// <summary>A key as listed: never the key itself.</summary>
public sealed record ApiKeyResponse(
    Guid Id, string Prefix, IReadOnlyList<string> Scopes, string State, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, Guid? ReplacedById)
{
    public static ApiKeyResponse From(DeploymentApiKey k, DateTimeOffset now) =>
        new(k.Id, k.Prefix, k.Scopes, k.State(now), k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt, k.ReplacedById);
}

/// <summary>The only time a key is shown; <see cref="Replaced"/> is the rotated key with its new expiry.</summary>
public sealed record IssuedApiKey(ApiKeyResponse Key, string ApiKey, ApiKeyResponse? Replaced = null);
