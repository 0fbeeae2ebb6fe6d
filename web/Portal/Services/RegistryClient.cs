using System.Net.Http.Json;
using Platform.Contracts.Solutions;
using Platform.Portal.Services.Models;

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

    public async Task<CreatedDeployment> CreateDeploymentAsync(CreateDeployment request, CancellationToken ct = default) =>
        await http.SendAsync<CreatedDeployment>(HttpMethod.Post, "/api/deployments", await token.GetAsync(ct), JsonContent.Create(request), ct);

    public async Task<ModelVersionInfo[]> VersionsAsync(string deployment, CancellationToken ct = default) =>
        await http.SendAsync<ModelVersionInfo[]>(HttpMethod.Get, $"/api/deployments/{Uri.EscapeDataString(deployment)}/versions", await token.GetAsync(ct), null, ct);

    public async Task<Lineage?> LineageAsync(Guid modelVersionId, CancellationToken ct = default) =>
        await http.FindAsync<Lineage>($"/api/model-versions/{modelVersionId}/lineage", await token.GetAsync(ct), ct);

    public async Task<ServiceAnswer<RetrainingPolicy>> RetrainingPolicyAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<RetrainingPolicy>($"{DeploymentPath(deployment)}/retraining-policy", await token.GetAsync(ct), ct);

    /// <summary>Stores the policy and answers it as stored; a refused value is a 400 <see cref="ServiceProblem"/> that names the field.</summary>
    public async Task<RetrainingPolicy> SaveRetrainingPolicyAsync(string deployment, RetrainingPolicyChange policy, CancellationToken ct = default) =>
        await http.SendAsync<RetrainingPolicy>(HttpMethod.Put, $"{DeploymentPath(deployment)}/retraining-policy", await token.GetAsync(ct), JsonContent.Create(policy), ct);

    /// <summary>The deployment's retrainings, newest first.</summary>
    public async Task<ServiceAnswer<RetrainingEpisode[]>> RetrainingAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<RetrainingEpisode[]>($"{DeploymentPath(deployment)}/retraining", await token.GetAsync(ct), ct);

    public async Task<EpochPoint[]> EpochsAsync(string deployment, Guid runId, CancellationToken ct = default) =>
        await http.FindAsync<EpochPoint[]>($"/api/deployments/{Uri.EscapeDataString(deployment)}/runs/{runId}/epochs", await token.GetAsync(ct), ct) ?? [];

    /// <summary>The deployment's API keys (prefixes, scopes, state, last use), newest first.</summary>
    public async Task<ApiKeyInfo[]> KeysAsync(string deployment, CancellationToken ct = default) =>
        await http.SendAsync<ApiKeyInfo[]>(HttpMethod.Get, $"{DeploymentPath(deployment)}/keys", await token.GetAsync(ct), null, ct);

    /// <summary>A new key replacing <paramref name="keyId"/>, which works for <paramref name="graceSeconds"/> more.</summary>
    public async Task<IssuedApiKey> RotateKeyAsync(string deployment, Guid keyId, int graceSeconds, CancellationToken ct = default) =>
        await http.SendAsync<IssuedApiKey>(HttpMethod.Post, $"{DeploymentPath(deployment)}/keys/{keyId}/rotate", await token.GetAsync(ct), JsonContent.Create(new { graceSeconds }), ct);

    public async Task<ApiKeyInfo> RevokeKeyAsync(string deployment, Guid keyId, CancellationToken ct = default) =>
        await http.SendAsync<ApiKeyInfo>(HttpMethod.Delete, $"{DeploymentPath(deployment)}/keys/{keyId}", await token.GetAsync(ct), null, ct);

    private static string DeploymentPath(string deployment) => $"/api/deployments/{Uri.EscapeDataString(deployment)}";
}
