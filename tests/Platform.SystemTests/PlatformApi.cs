using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Solutions;

namespace Platform.SystemTests;

/// <summary>The few public API calls the system tests make, as a client would make them.</summary>
public static class PlatformApi
{
    /// <summary>The repository's sample datasets (or $PLATFORM_DATASETS).</summary>
    public static readonly string DatasetsFolder = SampleDatasetFiles.Folder();

    public static string SamplePath(string file) => SampleDatasetFiles.PathOf(file, DatasetsFolder);

    public static async Task<HttpResponseMessage> UploadDatasetAsync(
        this PlatformFixture platform, Guid tenantId, string dataset, string file, string? traceParent = null)
    {
        var content = new StreamContent(File.OpenRead(SamplePath(file)));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/datasets/{dataset}/versions") { Content = content };
        await platform.AuthorizeAsync(request, tenantId);
        if (traceParent is not null) request.Headers.Add("traceparent", traceParent);
        return await platform.Client(ResourceNames.Ingestion).SendAsync(request);
    }

    public static async Task<RegisteredVersion[]> RegisteredVersionsAsync(this PlatformFixture platform, Guid tenantId, string dataset)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/dataset-versions?dataset={dataset}");
        await platform.AuthorizeAsync(request, tenantId);
        var response = await platform.Client(ResourceNames.Registry).SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RegisteredVersion[]>())!;
    }

    public static async Task<long> BilledPredictionsAsync(this PlatformFixture platform, Guid tenantId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/usage");
        await platform.AuthorizeAsync(request, tenantId);
        var response = await platform.Client(ResourceNames.Billing).SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Usage>())!.Predictions;
    }

    /// <summary>A successful response's JSON; anything else fails the test with the method, address, status and body.</summary>
    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public sealed record RegisteredVersion(Guid DatasetVersionId, string DatasetName, int VersionNumber, string Sha256, string? TraceId);
    public sealed record DatasetVersion(Guid Id, string Dataset, int Number, string Sha256, long SizeBytes, string Uri, string? TraceId);
    private sealed record Usage(Guid TenantId, long Predictions);
}
