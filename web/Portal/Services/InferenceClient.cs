using System.Net.Http.Json;
using Platform.Contracts.Registry;
using Platform.Portal.Services.Models;

namespace Platform.Portal.Services;

/// <summary>
/// Inference's API as the portal uses it. Predictions go through the public endpoint with the
/// deployment's API key, exactly as a customer's code calls it, and are billed the same way.
/// </summary>
public sealed class InferenceClient(HttpClient http, UserAccessToken token)
{
    public Uri PublicBaseAddress => http.BaseAddress!;

    public async Task<ServedDeployment[]> ServedAsync(CancellationToken ct = default) =>
        await http.SendAsync<ServedDeployment[]>(HttpMethod.Get, "/api/serving", await token.GetAsync(ct), null, ct);

    /// <summary>The deployment's latest drift windows, oldest first.</summary>
    public async Task<ServiceAnswer<DriftWindow[]>> DriftAsync(string deployment, int limit, CancellationToken ct = default) =>
        await http.AskAsync<DriftWindow[]>($"/api/deployments/{Uri.EscapeDataString(deployment)}/drift?limit={limit}", await token.GetAsync(ct), ct);

    public async Task<ServiceAnswer<LiveQuality>> QualityAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<LiveQuality>($"/api/deployments/{Uri.EscapeDataString(deployment)}/quality", await token.GetAsync(ct), ct);

    public Task<PredictAnswer> PredictAsync(string deployment, string apiKey, IReadOnlyList<IReadOnlyDictionary<string, object?>> instances, CancellationToken ct = default) =>
        http.SendAsync<PredictAnswer>(HttpMethod.Post, PredictPath(deployment), null, JsonContent.Create(new { instances }), ct,
            request => request.Headers.Add(ApiKeys.Header, apiKey));

    public static string PredictPath(string deployment) => $"/api/deployments/{Uri.EscapeDataString(deployment)}/predict";
}
