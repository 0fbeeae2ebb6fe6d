using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Access;
using Platform.Contracts.Api.Registry;
using Platform.Contracts.Registry;

namespace Platform.Demo;

/// <summary>
/// The public API calls a customer's tooling would make, as plain HTTP + JSON with OAuth 2.0 access
/// tokens: the platform operator's credential creates an organization with a first API client, and
/// every call for that organization carries a token of that client (client credentials). Errors
/// surface the service's problem details.
/// </summary>
public sealed class PlatformClient(PlatformEndpoints endpoints, HttpClient http, string operatorSecret)
{
    public const string OperatorClientId = "platform-operator";
    private readonly ConcurrentDictionary<Guid, TenantCredentials> _tenants = new();
    private readonly AccessTokens _tokens = new(endpoints, http);

    /// <summary>
    /// A new organization with an admin and an API client holding <paramref name="scopes"/> (all of an
    /// organization's scopes by default); later calls for the returned tenant use that client.
    /// </summary>
    public async Task<TenantCredentials> CreateOrganizationAsync(string name, string plan, CancellationToken ct, IReadOnlyList<string>? scopes = null)
    {
        var token = await OperatorTokenAsync(PlatformScopes.OrganizationsWrite, ct);
        var body = new
        {
            name, plan,
            admin = new { email = $"admin@{Guid.NewGuid():N}.example" },
            client = new { name = "demo", scopes = scopes ?? PlatformScopes.Tenant, expiresInDays = 1 },
        };
        var created = await SendAsync(HttpMethod.Post, ResourceNames.Portal, "/api/organizations", token, JsonContent.Create(body), ct);
        var credentials = new TenantCredentials(
            created["tenantId"]!.GetValue<Guid>(), created["client"]!["clientId"]!.GetValue<string>(), created["client"]!["clientSecret"]!.GetValue<string>(),
            created["adminEmail"]!.GetValue<string>(), created["adminPassword"]?.GetValue<string>());
        _tenants[credentials.TenantId] = credentials;
        return credentials;
    }

    /// <summary>An access token of the platform's operator (no organization), with one of the operator's scopes.</summary>
    public Task<string> OperatorTokenAsync(string scope, CancellationToken ct) => _tokens.GetAsync(OperatorClientId, operatorSecret, scope, ct);

    /// <summary>Calls for <paramref name="credentials"/>' tenant use its client (an organization made elsewhere).</summary>
    public void Use(TenantCredentials credentials) => _tenants[credentials.TenantId] = credentials;

    /// <summary>The API client used for the tenant, for a later process to go on as it (the serving benchmark's steps).</summary>
    public TenantCredentials CredentialsOf(Guid tenantId) =>
        _tenants.TryGetValue(tenantId, out var c) ? c : throw new InvalidOperationException($"No API client is known for tenant {tenantId}.");

    /// <summary>An access token of the tenant's API client, as any program gets one: client credentials at the token endpoint.</summary>
    public Task<string> TokenAsync(Guid tenantId, CancellationToken ct, string? scope = null) =>
        _tenants.TryGetValue(tenantId, out var c)
            ? _tokens.GetAsync(c.ClientId, c.ClientSecret, scope, ct)
            : throw new InvalidOperationException($"No API client is known for tenant {tenantId}.");

    /// <summary>True once the service has consumed the tenant's registration.</summary>
    public async Task<bool> KnowsTenantAsync(string service, Guid tenantId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoints[service], "/api/tenant"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(tenantId, ct));
        using var response = await http.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Waits until every service has the organization's registration (Billing prices usage by its plan).</summary>
    public Task WaitUntilEveryServiceKnowsAsync(Guid tenantId, CancellationToken ct) =>
        DeploymentJourney.WaitUntilAsync("every service knows the organization", async () =>
        {
            foreach (var service in ResourceNames.Services)
                if (!await KnowsTenantAsync(service, tenantId, ct)) return false;
            return true;
        }, TimeSpan.FromSeconds(60), ct);

    public async Task<JsonNode> SolutionsAsync(Guid tenantId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Registry, "/api/solutions", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> CreateDeploymentAsync(Guid tenantId, string name, string solution, string dataset, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", await TokenAsync(tenantId, ct), JsonContent.Create(new { name, solution, dataset }), ct);

    /// <summary>A deployment whose training is differentially private, spending at most <paramref name="targetEpsilon"/> (ADR 28).</summary>
    public async Task<JsonNode> CreatePrivateDeploymentAsync(Guid tenantId, string name, string solution, string dataset, double targetEpsilon, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", await TokenAsync(tenantId, ct), JsonContent.Create(new { name, solution, dataset, targetEpsilon }), ct);

    public async Task<JsonNode> UploadDatasetAsync(Guid tenantId, string dataset, string file, string? target, string traceParent, CancellationToken ct)
    {
        var token = await TokenAsync(tenantId, ct);
        await using var stream = File.OpenRead(file);
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var query = target is null ? "" : $"?target={Uri.EscapeDataString(target)}";
        return await SendAsync(HttpMethod.Post, ResourceNames.Ingestion, $"/api/datasets/{dataset}/versions{query}", token, content, ct,
            request => request.Headers.Add("traceparent", traceParent));
    }

    public async Task<JsonNode> DeploymentAsync(Guid tenantId, string name, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{name}", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> ModelVersionsAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{deployment}/versions", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> ServingDeploymentsAsync(Guid tenantId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Inference, "/api/serving", await TokenAsync(tenantId, ct), null, ct);

    /// <summary>Predict with the promoted model, or with the version numbered <paramref name="version"/> (pinned, promoted or not).</summary>
    public Task<JsonNode> PredictAsync(string deployment, string apiKey, JsonArray instances, CancellationToken ct, int? version = null) =>
        SendAsync(HttpMethod.Post, ResourceNames.Inference, $"/api/deployments/{deployment}/predict{(version is { } v ? $"?version={v}" : "")}", null,
            JsonContent.Create(new JsonObject { ["instances"] = instances }), ct,
            request => request.Headers.Add(ApiKeys.Header, apiKey));

    public Task<JsonNode> FeedbackAsync(string deployment, string apiKey, JsonArray items, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, ResourceNames.Inference, $"/api/deployments/{deployment}/feedback", null,
            JsonContent.Create(items), ct, request => request.Headers.Add(ApiKeys.Header, apiKey));

    public async Task<JsonNode> DriftAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Inference, $"/api/deployments/{deployment}/drift?limit=1000", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> PutRetrainingPolicyAsync(Guid tenantId, string deployment, object policy, CancellationToken ct) =>
        await SendAsync(HttpMethod.Put, ResourceNames.Registry, $"/api/deployments/{deployment}/retraining-policy", await TokenAsync(tenantId, ct), JsonContent.Create(policy), ct);

    public async Task<JsonNode> RetrainingAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{deployment}/retraining", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> ModelVersionLineageAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/model-versions/{id}/lineage", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> ModelVersionAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/model-versions/{id}", await TokenAsync(tenantId, ct), null, ct);

    /// <summary>A new key for the deployment (shown once in the answer's <c>apiKey</c>).</summary>
    public async Task<JsonNode> IssueApiKeyAsync(Guid tenantId, string deployment, IReadOnlyList<string> scopes, DateTimeOffset expiresAt, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, ResourceNames.Registry, $"/api/deployments/{deployment}/keys", await TokenAsync(tenantId, ct),
            JsonContent.Create(new IssueApiKeyRequest(scopes, expiresAt)), ct);

    /// <summary>The Open Inference Protocol's model metadata: the deployment's inputs with their datatypes.</summary>
    public Task<JsonNode> InferenceModelMetadataAsync(string deployment, string apiKey, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Inference, $"/v2/models/{deployment}", null, null, ct, request => request.Headers.Add(ApiKeys.Header, apiKey));

    /// <summary>What Inference has served for the deployment, from its own usage records.</summary>
    public async Task<JsonNode> ServedUsageAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Inference, $"/api/deployments/{deployment}/usage", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> UsageAsync(Guid tenantId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Billing, "/api/usage", await TokenAsync(tenantId, ct), null, ct);

    public async Task<JsonNode> InvoicePreviewAsync(Guid tenantId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Billing, "/api/invoices/preview", await TokenAsync(tenantId, ct), null, ct);

    /// <summary>The latest reconciliations of billed with served usage.</summary>
    public async Task<JsonNode> ReconciliationAsync(Guid tenantId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Get, ResourceNames.Billing, "/api/usage/reconciliation", await TokenAsync(tenantId, ct), null, ct);

    /// <summary>Reconciles now; the answer holds the id the result will have.</summary>
    public async Task<JsonNode> RequestReconciliationAsync(Guid tenantId, CancellationToken ct) =>
        await SendAsync(HttpMethod.Post, ResourceNames.Billing, "/api/usage/reconciliation", await TokenAsync(tenantId, ct), null, ct);

    private async Task<JsonNode> SendAsync(
        HttpMethod method, string service, string path, string? accessToken, HttpContent? content, CancellationToken ct,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoints.Public(service), path)) { Content = content };
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        configure?.Invoke(request);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new PlatformApiException(method, service, path, response.StatusCode, body);
        return JsonNode.Parse(body) ?? throw new PlatformApiException(method, service, path, response.StatusCode, "(empty body)");
    }
}

/// <summary>An organization as the demo holds it: its id, its API client's id and secret, and its admin.</summary>
public sealed record TenantCredentials(Guid TenantId, string ClientId, string ClientSecret, string AdminEmail, string? AdminPassword);

public sealed class PlatformApiException(HttpMethod method, string service, string path, HttpStatusCode status, string body)
    : Exception($"{method} {service}{path} → {(int)status} {status}: {body}")
{
    public HttpStatusCode Status => status;
}
