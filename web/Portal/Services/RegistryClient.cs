using System.Net.Http.Json;
using Platform.Contracts.Solutions;
using Platform.Portal.Services.Models;

namespace Platform.Portal.Services;

/// <summary>The registry's API as the portal uses it, always as the signed-in tenant.</summary>
public sealed class RegistryClient(HttpClient http, SignedInTenant tenant)
{
    public async Task<IReadOnlyList<SolutionTemplate>> SolutionsAsync(CancellationToken ct = default) =>
        await http.SendAsync<SolutionTemplate[]>(HttpMethod.Get, "/api/solutions", null, null, ct);

    public async Task<DeploymentSummary[]> DeploymentsAsync(CancellationToken ct = default) =>
        await http.SendAsync<DeploymentSummary[]>(HttpMethod.Get, "/api/deployments", await tenant.IdAsync(), null, ct);

    public async Task<DeploymentDetail?> DeploymentAsync(string name, CancellationToken ct = default) =>
        await http.FindAsync<DeploymentDetail>($"/api/deployments/{Uri.EscapeDataString(name)}", await tenant.IdAsync(), ct);

    public async Task<CreatedDeployment> CreateDeploymentAsync(CreateDeployment request, CancellationToken ct = default) =>
        await http.SendAsync<CreatedDeployment>(HttpMethod.Post, "/api/deployments", await tenant.IdAsync(), JsonContent.Create(request), ct);

    public async Task<ModelVersionInfo[]> VersionsAsync(string deployment, CancellationToken ct = default) =>
        await http.SendAsync<ModelVersionInfo[]>(HttpMethod.Get, $"/api/deployments/{Uri.EscapeDataString(deployment)}/versions", await tenant.IdAsync(), null, ct);

    public async Task<Lineage?> LineageAsync(Guid modelVersionId, CancellationToken ct = default) =>
        await http.FindAsync<Lineage>($"/api/model-versions/{modelVersionId}/lineage", await tenant.IdAsync(), ct);

    public async Task<ServiceAnswer<RetrainingPolicy>> RetrainingPolicyAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<RetrainingPolicy>($"{DeploymentPath(deployment)}/retraining-policy", await tenant.IdAsync(), ct);

    /// <summary>Stores the policy and answers it as stored; a refused value is a 400 <see cref="ServiceProblem"/> that names the field.</summary>
    public async Task<RetrainingPolicy> SaveRetrainingPolicyAsync(string deployment, RetrainingPolicyChange policy, CancellationToken ct = default) =>
        await http.SendAsync<RetrainingPolicy>(HttpMethod.Put, $"{DeploymentPath(deployment)}/retraining-policy", await tenant.IdAsync(), JsonContent.Create(policy), ct);

    /// <summary>The deployment's retrainings, newest first.</summary>
    public async Task<ServiceAnswer<RetrainingEpisode[]>> RetrainingAsync(string deployment, CancellationToken ct = default) =>
        await http.AskAsync<RetrainingEpisode[]>($"{DeploymentPath(deployment)}/retraining", await tenant.IdAsync(), ct);

    public async Task<EpochPoint[]> EpochsAsync(string deployment, Guid runId, CancellationToken ct = default) =>
        await http.FindAsync<EpochPoint[]>($"/api/deployments/{Uri.EscapeDataString(deployment)}/runs/{runId}/epochs", await tenant.IdAsync(), ct) ?? [];

    private static string DeploymentPath(string deployment) => $"/api/deployments/{Uri.EscapeDataString(deployment)}";
}
