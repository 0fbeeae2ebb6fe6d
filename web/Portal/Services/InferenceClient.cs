using System.Text.Json;
using Platform.Contracts.Api;
using Platform.Contracts.Api.Inference;
using Platform.Contracts.Registry;

namespace Platform.Portal.Services;

/// <summary>
/// Inference's API as the portal uses it. Predictions go through the public endpoint with the
/// deployment's API key, exactly as a customer's code calls it, and are billed the same way.
/// </summary>
public sealed class InferenceClient(HttpClient http, UserAccessToken token)
{
    public Uri PublicBaseAddress => http.BaseAddress!;

    public async Task<ServedDeploymentResponse[]> ServedAsync(CancellationToken ct = default) =>
        await http.SendAsync<ServedDeploymentResponse[]>(HttpMethod.Get, "/api/serving", await token.GetAsync(ct), null, ct);

    /// <summary>The deployment's latest drift windows, oldest first.</summary>
    public async Task<ServiceAnswer<DriftWindowResponse[]>> DriftAsync(string deployment, int limit, CancellationToken ct = default) =>
        await http.AskAsync<DriftWindowResponse[]>($"/api/deployments/{Uri.EscapeDataString(deployment)}/drift?limit={limit}", await token.GetAsync(ct), ct);

    public async Task<ServiceAnswer<LiveQualityResponse>> QualityAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<LiveQualityResponse>($"/api/deployments/{Uri.EscapeDataString(deployment)}/quality", await token.GetAsync(ct), ct);

    /// <summary>Scores instances; <paramref name="explain"/> asks for each one's top five input contributions too.</summary>
    public Task<PredictResponse> PredictAsync(
        string deployment, string apiKey, IReadOnlyList<IReadOnlyDictionary<string, object?>> instances, CancellationToken ct = default, bool explain = false) =>
        http.SendAsync<PredictResponse>(HttpMethod.Post, PredictPath(deployment) + (explain ? "?explain=true&top=5" : ""), null, ServiceCalls.Body(new PredictRequest(JsonSerializer.SerializeToElement(instances, ApiJson.Options))), ct,
            request => request.Headers.Add(ApiKeys.Header, apiKey));

    public static string PredictPath(string deployment) => $"/api/deployments/{Uri.EscapeDataString(deployment)}/predict";
}
