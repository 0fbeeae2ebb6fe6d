using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Registry;

namespace Platform.Demo;

/// <summary>
/// The public API calls a customer's tooling would make, as plain HTTP + JSON. Errors surface the
/// service's problem details.
/// </summary>
public sealed class PlatformClient(PlatformEndpoints endpoints, HttpClient http)
{
    public async Task<Guid> RegisterTenantAsync(string name, string plan, CancellationToken ct)
    {
        var created = await SendAsync(HttpMethod.Post, ResourceNames.Portal, "/api/tenants", null, JsonContent.Create(new { name, plan }), ct);
        return created["id"]!.GetValue<Guid>();
    }

    /// <summary>True once the service has consumed the tenant's registration.</summary>
    public async Task<bool> KnowsTenantAsync(string service, Guid tenantId, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(endpoints[service], $"/api/tenants/{tenantId}"), ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    public Task<JsonNode> SolutionsAsync(CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Registry, "/api/solutions", null, null, ct);

    public Task<JsonNode> CreateDeploymentAsync(Guid tenantId, string name, string solution, string dataset, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", tenantId, JsonContent.Create(new { name, solution, dataset }), ct);

    public async Task<JsonNode> UploadDatasetAsync(Guid tenantId, string dataset, string file, string? target, string traceParent, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var query = target is null ? "" : $"?target={Uri.EscapeDataString(target)}";
        return await SendAsync(HttpMethod.Post, ResourceNames.Ingestion, $"/api/datasets/{dataset}/versions{query}", tenantId, content, ct,
            request => request.Headers.Add("traceparent", traceParent));
    }

    public Task<JsonNode> DeploymentAsync(Guid tenantId, string name, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{name}", tenantId, null, ct);

    public Task<JsonNode> ModelVersionsAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{deployment}/versions", tenantId, null, ct);

    public Task<JsonNode> ServingDeploymentsAsync(Guid tenantId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Inference, "/api/deployments", tenantId, null, ct);

    public Task<JsonNode> PredictAsync(string deployment, string apiKey, JsonArray instances, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, ResourceNames.Inference, $"/api/deployments/{deployment}/predict", null,
            JsonContent.Create(new JsonObject { ["instances"] = instances }), ct,
            request => request.Headers.Add(ApiKeys.Header, apiKey));

    public Task<JsonNode> FeedbackAsync(string deployment, string apiKey, JsonArray items, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, ResourceNames.Inference, $"/api/deployments/{deployment}/feedback", null,
            JsonContent.Create(items), ct, request => request.Headers.Add(ApiKeys.Header, apiKey));

    public Task<JsonNode> DriftAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Inference, $"/api/deployments/{deployment}/drift?limit=1000", tenantId, null, ct);

    public Task<JsonNode> PutRetrainingPolicyAsync(Guid tenantId, string deployment, object policy, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, ResourceNames.Registry, $"/api/deployments/{deployment}/retraining-policy", tenantId, JsonContent.Create(policy), ct);

    public Task<JsonNode> RetrainingAsync(Guid tenantId, string deployment, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{deployment}/retraining", tenantId, null, ct);

    public Task<JsonNode> ModelVersionAsync(Guid tenantId, Guid id, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/model-versions/{id}", tenantId, null, ct);

    public Task<JsonNode> UsageAsync(Guid tenantId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Billing, $"/api/tenants/{tenantId}/usage", tenantId, null, ct);

    public Task<JsonNode> InvoicePreviewAsync(Guid tenantId, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, ResourceNames.Billing, $"/api/tenants/{tenantId}/invoices/preview", tenantId, null, ct);

    private async Task<JsonNode> SendAsync(
        HttpMethod method, string service, string path, Guid? tenantId, HttpContent? content, CancellationToken ct,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(endpoints[service], path)) { Content = content };
        if (tenantId is { } id) request.Headers.Add("X-Tenant-Id", id.ToString());
        configure?.Invoke(request);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new PlatformApiException(method, service, path, response.StatusCode, body);
        return JsonNode.Parse(body) ?? throw new PlatformApiException(method, service, path, response.StatusCode, "(empty body)");
    }
}

public sealed class PlatformApiException(HttpMethod method, string service, string path, HttpStatusCode status, string body)
    : Exception($"{method} {service}{path} → {(int)status} {status}: {body}")
{
    public HttpStatusCode Status => status;
}
