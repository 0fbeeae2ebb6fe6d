using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Access;
using Platform.Portal.Identity;
using Platform.ServiceDefaults.Access;
using Platform.ServiceDefaults.Http;

namespace Platform.Portal.Apis;

/// <summary>An organization's API clients, for its admins' programs (the portal's API clients page does the same for people).</summary>
public static class ClientsApi
{
    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/clients").WithTags("API clients").RequireScope(PlatformScopes.OrganizationAdmin).DisableAntiforgery();
        api.MapGet("/", List).WithName("ListApiClients").WithSummary("The organization's API clients: scopes, state, expiry, last use");
        api.MapPost("/", Create).WithName("CreateApiClient").WithSummary("A new API client; its secret is in the response, once");
        api.MapDelete("/{clientId}", Revoke).WithName("RevokeApiClient").WithSummary("Revoke a client: no new tokens, and its tokens are refused everywhere within seconds");
        return app;
    }

    public static async Task<Ok<ApiClientResponse[]>> List(CallerTenant tenant, ApiClients clients, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok((await clients.ListAsync(tenant.Id, ct)).Select(c => ApiClientResponse.From(c, clock.GetUtcNow())).ToArray());

    public static async Task<Results<Created<CreatedApiClient>, ProblemHttpResult>> Create(
        CreateApiClientRequest request, CallerTenant tenant, HttpContext http, ApiClients clients, TimeProvider clock, CancellationToken ct)
    {
        var lifetime = request.ExpiresInDays ?? 90;
        if (ApiClients.Validate(request.Name, request.Scopes, lifetime) is { } invalid) return Problems.Invalid(invalid.Field, invalid.Reason);
        var (client, secret) = await clients.CreateAsync(tenant.Id, request.Name!, request.Scopes!, lifetime, http.User.Subject() ?? "an admin", ct);
        return TypedResults.Created($"/api/clients/{client.ClientId}", new CreatedApiClient(ApiClientResponse.From(client, clock.GetUtcNow()), secret));
    }

    public static async Task<Results<Ok<ApiClientResponse>, ProblemHttpResult>> Revoke(
        string clientId, CallerTenant tenant, ApiClients clients, TimeProvider clock, CancellationToken ct) =>
        await clients.RevokeAsync(tenant.Id, clientId, ct) is { } revoked
            ? TypedResults.Ok(ApiClientResponse.From(revoked, clock.GetUtcNow()))
            : Problems.NotFound($"The organization has no API client {clientId}.");
}

public sealed record CreateApiClientRequest(string? Name, string[]? Scopes, int? ExpiresInDays);

public sealed record ApiClientResponse(
    string ClientId, string Name, IReadOnlyList<string> Scopes, string State, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public static ApiClientResponse From(ApiClient c, DateTimeOffset now) =>
        new(c.ClientId, c.Name, c.Scopes, c.State(now), c.CreatedBy, c.CreatedAt, c.ExpiresAt, c.RevokedAt, c.LastUsedAt);
}

/// <summary>The only time the secret is shown.</summary>
public sealed record CreatedApiClient(ApiClientResponse Client, string ClientSecret);
