using Platform.Contracts.Api.Registry;
using Platform.Contracts.Solutions;

namespace Platform.Portal.Services;

/// <summary>The registry's API as the portal uses it, always as the signed-in tenant.</summary>
public sealed class RegistryClient(HttpClient http, UserAccessToken token)
{
    public async Task<IReadOnlyList<SolutionTemplate>> SolutionsAsync(CancellationToken ct = default) =>
        await http.SendAsync<SolutionTemplate[]>(HttpMethod.Get, "/api/solutions", await token.GetAsync(ct), null, ct);

    public async Task<DeploymentSummary[]> DeploymentsAsync(CancellationToken ct = default) =>
        await http.SendAsync<DeploymentSummary[]>(HttpMethod.Get, "/api/deployments", await token.GetAsync(ct), null, ct);

    public async Task<DeploymentDetail?> DeploymentAsync(string name, CancellationToken ct = default) =>
        await http.FindAsync<DeploymentDetail>($"/api/deployments/{Uri.EscapeDataString(name)}", await token.GetAsync(ct), ct);

    public async Task<CreatedDeployment> CreateDeploymentAsync(CreateDeploymentRequest request, CancellationToken ct = default) =>
        await http.SendAsync<CreatedDeployment>(HttpMethod.Post, "/api/deployments", await token.GetAsync(ct), ServiceCalls.Body(request), ct);

    public async Task<ModelVersionResponse[]> VersionsAsync(string deployment, CancellationToken ct = default) =>
        await http.SendAsync<ModelVersionResponse[]>(HttpMethod.Get, $"/api/deployments/{Uri.EscapeDataString(deployment)}/versions", await token.GetAsync(ct), null, ct);

    public async Task<LineageResponse?> LineageAsync(Guid modelVersionId, CancellationToken ct = default) =>
        await http.FindAsync<LineageResponse>($"/api/model-versions/{modelVersionId}/lineage", await token.GetAsync(ct), ct);

    /// <summary>The serving models of the tenant's deployments on the same rows as this one's, private and not; null before it serves.</summary>
    public async Task<PrivacyUtilityResponse?> PrivacyUtilityAsync(string deployment, CancellationToken ct = default) =>
        await http.FindAsync<PrivacyUtilityResponse>($"{DeploymentPath(deployment)}/privacy-utility", await token.GetAsync(ct), ct);

    public async Task<ServiceAnswer<RetrainingPolicyResponse>> RetrainingPolicyAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<RetrainingPolicyResponse>($"{DeploymentPath(deployment)}/retraining-policy", await token.GetAsync(ct), ct);

    /// <summary>Stores the policy and answers it as stored; a refused value is a 400 <see cref="ServiceProblem"/> that names the field.</summary>
    public async Task<RetrainingPolicyResponse> SaveRetrainingPolicyAsync(string deployment, RetrainingPolicyRequest policy, CancellationToken ct = default) =>
        await http.SendAsync<RetrainingPolicyResponse>(HttpMethod.Put, $"{DeploymentPath(deployment)}/retraining-policy", await token.GetAsync(ct), ServiceCalls.Body(policy), ct);

    /// <summary>The deployment's retrainings, newest first.</summary>
    public async Task<ServiceAnswer<RetrainingEpisodeResponse[]>> RetrainingAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<RetrainingEpisodeResponse[]>($"{DeploymentPath(deployment)}/retraining", await token.GetAsync(ct), ct);

    public async Task<RunEpochResponse[]> EpochsAsync(string deployment, Guid runId, CancellationToken ct = default) =>
        await http.FindAsync<RunEpochResponse[]>($"/api/deployments/{Uri.EscapeDataString(deployment)}/runs/{runId}/epochs", await token.GetAsync(ct), ct) ?? [];

    /// <summary>The deployment's API keys (prefixes, scopes, state, last use), newest first.</summary>
    public async Task<ApiKeyResponse[]> KeysAsync(string deployment, CancellationToken ct = default) =>
        await http.SendAsync<ApiKeyResponse[]>(HttpMethod.Get, $"{DeploymentPath(deployment)}/keys", await token.GetAsync(ct), null, ct);

    /// <summary>A new key replacing <paramref name="keyId"/>, which works for <paramref name="graceSeconds"/> more.</summary>
    public async Task<IssuedApiKey> RotateKeyAsync(string deployment, Guid keyId, int graceSeconds, CancellationToken ct = default) =>
        await http.SendAsync<IssuedApiKey>(HttpMethod.Post, $"{DeploymentPath(deployment)}/keys/{keyId}/rotate", await token.GetAsync(ct), ServiceCalls.Body(new RotateApiKeyRequest(graceSeconds)), ct);

    public async Task<ApiKeyResponse> RevokeKeyAsync(string deployment, Guid keyId, CancellationToken ct = default) =>
        await http.SendAsync<ApiKeyResponse>(HttpMethod.Delete, $"{DeploymentPath(deployment)}/keys/{keyId}", await token.GetAsync(ct), null, ct);

    private static string DeploymentPath(string deployment) => $"/api/deployments/{Uri.EscapeDataString(deployment)}";
}
