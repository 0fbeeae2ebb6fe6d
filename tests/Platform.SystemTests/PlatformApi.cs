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

    /// <summary>Uploads <paramref name="csv"/> (a subset of a sample, say) as a new version of <paramref name="dataset"/>.</summary>
    public static async Task<HttpResponseMessage> UploadCsvAsync(this PlatformFixture platform, Guid tenantId, string dataset, string csv)
    {
        var content = new StringContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/datasets/{dataset}/versions") { Content = content };
        await platform.AuthorizeAsync(request, tenantId);
        return await platform.Client(ResourceNames.Ingestion).SendAsync(request);
    }

    /// <summary>Uploads a file's bytes as they are (an image archive is a zip), streamed like a CSV.</summary>
    public static async Task<HttpResponseMessage> UploadFileAsync(this PlatformFixture platform, Guid tenantId, string dataset, byte[] file, string mediaType)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/datasets/{dataset}/versions") { Content = content };
        await platform.AuthorizeAsync(request, tenantId);
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
    /// <summary>A call of a service's API as the tenant's signed-in user.</summary>
    public static async Task<HttpResponseMessage> SendAsync(
        this PlatformFixture platform, HttpMethod method, string service, string path, Guid tenantId, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        await platform.AuthorizeAsync(request, tenantId);
        return await platform.Client(service).SendAsync(request);
    }

    /// <summary>A POST to Inference with a deployment's API key (predict, feedback).</summary>
    public static Task<HttpResponseMessage> PostWithKeyAsync(this PlatformFixture platform, string apiKey, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(Contracts.Registry.ApiKeys.Header, apiKey);
        return platform.Client(ResourceNames.Inference).SendAsync(request);
    }

    /// <summary>A 400 whose problem details name <paramref name="field"/> and give a reason containing <paramref name="reason"/>.</summary>
    public static async Task AssertProblemAsync(HttpResponseMessage response, string field, string reason)
    {
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.Contains(reason, problem["reason"]!.GetValue<string>());
    }

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
