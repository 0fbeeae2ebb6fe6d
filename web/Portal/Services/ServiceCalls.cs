using System.Net;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Contracts.Api;
using Polly;

namespace Platform.Portal.Services;

/// <summary>
/// How the portal's clients call a service: with an access token (the signed-in member's), reading
/// problem details on failure. A service that cannot be reached (refused, timed out, circuit open) is a 503
/// <see cref="ServiceProblem"/> too, so a page handles one exception and its circuit survives.
/// Bodies are the services' own request and response types, written and read with their JSON
/// options (<see cref="ApiJson"/>).
/// </summary>
internal static class ServiceCalls
{
    // A request's null means "not given" to the services, so it is left out, as a hand-written body would.
    private static readonly JsonSerializerOptions RequestJson = new(ApiJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static HttpContent Body<T>(T value) => JsonContent.Create(value, options: RequestJson);

    public static async Task<T> SendAsync<T>(this HttpClient http, HttpMethod method, string path, string? accessToken, HttpContent? content, CancellationToken ct,
        Action<HttpRequestMessage>? configure = null)
    {
        using var response = await http.SendRawAsync(method, path, accessToken, content, ct, configure);
        if (!response.IsSuccessStatusCode) throw await ServiceProblem.ReadAsync(response, ct);
        return await response.ReadAnswerAsync<T>(method, path, ct);
    }

    /// <summary>
    /// A GET of an API the service may not serve yet: a 404 that names nothing is the service's
    /// router, not the API, so the caller learns the API is missing rather than the resource.
    /// </summary>
    public static async Task<ServiceAnswer<T>> AskAsync<T>(this HttpClient http, string path, string accessToken, CancellationToken ct) where T : class
    {
        using var response = await http.SendRawAsync(HttpMethod.Get, path, accessToken, null, ct);
        if (response.IsSuccessStatusCode) return ServiceAnswer<T>.Of(await response.ReadAnswerAsync<T>(HttpMethod.Get, path, ct));
        var problem = await ServiceProblem.ReadAsync(response, ct);
        if (problem.NotServed) return ServiceAnswer<T>.NotServed;
        if (problem.Status == HttpStatusCode.NotFound) return ServiceAnswer<T>.Unknown;
        throw problem;
    }

    // An answer of another shape than the portal reads (a service newer or older than it) is the
    // service's problem to show, not an exception that ends the user's circuit.
    private static async Task<T> ReadAnswerAsync<T>(this HttpResponseMessage response, HttpMethod method, string path, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct) ?? throw new ServiceProblem(response.StatusCode, "Empty answer", $"{method} {path} answered nothing.", null, null);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            throw new ServiceProblem(response.StatusCode, "Unexpected answer", $"{method} {path} answered in a shape the portal does not read: {ex.Message}", null, null);
        }
    }

    /// <summary>The response of a GET, or null when the resource does not exist.</summary>
    public static async Task<T?> FindAsync<T>(this HttpClient http, string path, string accessToken, CancellationToken ct) where T : class
    {
        using var response = await http.SendRawAsync(HttpMethod.Get, path, accessToken, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccessStatusCode) throw await ServiceProblem.ReadAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct);
    }

    private static async Task<HttpResponseMessage> SendRawAsync(this HttpClient http, HttpMethod method, string path, string? accessToken, HttpContent? content, CancellationToken ct,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        configure?.Invoke(request);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or ExecutionRejectedException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new ServiceProblem(HttpStatusCode.ServiceUnavailable, $"{http.BaseAddress?.Host ?? "A service"} is not reachable right now", ex.Message, null, null);
        }
    }
}
