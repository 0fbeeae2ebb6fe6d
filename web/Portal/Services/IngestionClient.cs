using System.Net.Http.Headers;
using Platform.Contracts.Api.Ingestion;
using Platform.Tabular.Api;

namespace Platform.Portal.Services;

/// <summary>Ingestion's API as the portal uses it, always as the signed-in tenant.</summary>
public sealed class IngestionClient(HttpClient http, UserAccessToken token)
{
    /// <summary>Streams a CSV to a new version of the dataset; a refused file raises the service's problem (field, row, reason).</summary>
    public async Task<DatasetVersionResponse> UploadAsync(string dataset, Stream csv, CancellationToken ct = default)
    {
        var content = new StreamContent(csv, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await http.SendAsync<DatasetVersionResponse>(HttpMethod.Post, $"/api/datasets/{Uri.EscapeDataString(dataset)}/versions", await token.GetAsync(ct), content, ct);
    }

    /// <summary>True when the tenant already has a dataset of that name (a deployment's data must start from its own first version).</summary>
    public async Task<bool> DatasetExistsAsync(string dataset, CancellationToken ct = default) =>
        await http.FindAsync<DatasetVersionResponse[]>($"/api/datasets/{Uri.EscapeDataString(dataset)}/versions", await token.GetAsync(ct), ct) is not null;

    public async Task<DatasetProfileResponse?> ProfileAsync(string dataset, int version, CancellationToken ct = default) =>
        await http.FindAsync<DatasetProfileResponse>($"/api/datasets/{Uri.EscapeDataString(dataset)}/versions/{version}/profile", await token.GetAsync(ct), ct);
}
