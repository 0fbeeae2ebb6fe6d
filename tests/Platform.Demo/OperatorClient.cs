using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Access;

namespace Platform.Demo;

/// <summary>
/// The platform operator's calls behind <c>./platform errors</c> and <c>./platform redrive</c>:
/// with the operator client's token (scope <c>platform:operate</c>), each service's error-queue API
/// on the service's own address. Every service answers the same path for its own queues, which is
/// why these calls do not go through the gateway (it routes a path to one service).
/// </summary>
public sealed class OperatorClient(PlatformEndpoints endpoints, HttpClient http, string operatorSecret)
{
    private readonly AccessTokens _tokens = new(endpoints, http);

    /// <summary>The services <c>endpoints.json</c> lists that consume messages: all but the gateway.</summary>
    public IEnumerable<string> Services => ResourceNames.Services.Where(endpoints.Hosts.ContainsKey);

    /// <summary>A service's queues with their error queues' depth and the reasons of their first <paramref name="peek"/> messages.</summary>
    public Task<JsonNode> ErrorQueuesAsync(string service, int? peek, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, service, "/api/admin/error-queues" + (peek is { } p ? $"?peek={p}" : ""), ct);

    /// <summary>Moves a queue's failed messages (all, or <paramref name="count"/>) back to it.</summary>
    public Task<JsonNode> RedriveAsync(string service, string queue, int? count, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, service, $"/api/admin/error-queues/{Uri.EscapeDataString(queue)}/redrive" + (count is { } c ? $"?count={c}" : ""), ct);

    /// <summary>The service whose queue (or error queue) this is, found in the services' own listings.</summary>
    public async Task<string?> OwnerOfAsync(string queue, CancellationToken ct)
    {
        foreach (var service in Services)
        {
            var listing = await ErrorQueuesAsync(service, 0, ct);
            if (listing["queues"]!.AsArray().Any(q => q!["queue"]!.GetValue<string>() == queue || q["errorQueue"]!.GetValue<string>() == queue))
                return service;
        }
        return null;
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string service, string path, CancellationToken ct)
    {
        var token = await _tokens.GetAsync(PlatformClient.OperatorClientId, operatorSecret, PlatformScopes.Operate, ct);
        using var request = new HttpRequestMessage(method, new Uri(endpoints[service], path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new PlatformApiException(method, service, path, response.StatusCode, body);
        return JsonNode.Parse(body) ?? throw new PlatformApiException(method, service, path, response.StatusCode, "(empty body)");
    }
}
