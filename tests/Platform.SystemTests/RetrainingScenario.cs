using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Tabular;

namespace Platform.SystemTests;

/// <summary>
/// A churn deployment serving its first model, and the means to retrain it: a new version of its
/// dataset made of the rows as they were plus each row again with a label drawn at random from
/// another row — half of the data is noise, so a challenger trained on it cannot be better.
/// </summary>
public sealed class RetrainingScenario(PlatformFixture platform, Guid tenant, string deployment)
{
    private const string File = "retail-churn.csv";
    private const string Target = "churn";

    public Guid Tenant => tenant;
    public string Deployment => deployment;
    // A dataset of its own: a new version of a shared one would retrain every deployment that serves from it.
    private string Dataset => deployment;
    public string ApiKey { get; private set; } = "";
    public Guid ChampionVersionId { get; private set; }

    public static async Task<RetrainingScenario> ServingAsync(PlatformFixture platform, Guid? tenant = null, string deployment = "churn")
    {
        var scenario = new RetrainingScenario(platform, tenant ?? await platform.RegisterTenantAsync(), deployment);
        var created = await scenario.SendAsync(ResourceNames.Registry, HttpMethod.Post, "/api/deployments",
            JsonContent.Create(new { name = scenario.Deployment, solution = "retail-churn", dataset = scenario.Dataset }));
        scenario.ApiKey = created["apiKey"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(scenario.Tenant, scenario.Dataset, File)).StatusCode);
        var detail = await Eventually.ValueAsync(scenario.DeploymentAsync, d => d["deployment"]!["state"]!.GetValue<string>() is "Serving" or "Failed",
            "the churn deployment to serve", TimeSpan.FromMinutes(3));
        Assert.Equal("Serving", detail["deployment"]!["state"]!.GetValue<string>());
        scenario.ChampionVersionId = detail["champion"]!["id"]!.GetValue<Guid>();
        await Eventually.TrueAsync(async () => await scenario.ServedVersionAsync() == scenario.ChampionVersionId, "inference to serve the champion");
        return scenario;
    }

    /// <summary>Uploads version 2: every row, then every row again with a shuffled label.</summary>
    public async Task UploadNoisyVersionAsync()
    {
        TabularData data;
        await using (var stream = System.IO.File.OpenRead(PlatformApi.SamplePath(File))) data = CsvTableReader.ReadAll(stream);
        var target = data.ColumnIndex(Target);
        var random = new Random(7);
        var csv = new StringBuilder().AppendLine(string.Join(',', data.Columns.Select(Quote)));
        foreach (var row in data.Rows) csv.AppendLine(string.Join(',', row.Select(Quote)));
        foreach (var row in data.Rows)
        {
            var noisy = (string?[])row.Clone();
            noisy[target] = data.Rows[random.Next(data.Rows.Count)][target];
            csv.AppendLine(string.Join(',', noisy.Select(Quote)));
        }
        var content = new StringContent(csv.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var uploaded = await SendAsync(ResourceNames.Ingestion, HttpMethod.Post, $"/api/datasets/{Dataset}/versions", content);
        Assert.Equal(2, uploaded["number"]!.GetValue<int>());
    }

    public Task<JsonNode> PutPolicyAsync(object policy) =>
        SendAsync(ResourceNames.Registry, HttpMethod.Put, $"/api/deployments/{Deployment}/retraining-policy", JsonContent.Create(policy));

    public Task<JsonNode> PolicyAsync() => SendAsync(ResourceNames.Registry, HttpMethod.Get, $"/api/deployments/{Deployment}/retraining-policy");

    public Task<JsonNode> DriftAsync() => SendAsync(ResourceNames.Inference, HttpMethod.Get, $"/api/deployments/{Deployment}/drift");

    public async Task<HttpResponseMessage> FeedbackAsync(JsonArray items)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{Deployment}/feedback") { Content = JsonContent.Create(items) };
        request.Headers.Add("X-Api-Key", ApiKey);
        return await platform.Client(ResourceNames.Inference).SendAsync(request);
    }

    /// <summary>Rows of the sample data as instances (target left out), for traffic like the training data.</summary>
    public static async Task<(JsonArray Instances, string?[] Labels)> SampleAsync(int count, int seed)
    {
        TabularData data;
        await using (var stream = System.IO.File.OpenRead(PlatformApi.SamplePath(File))) data = CsvTableReader.ReadAll(stream);
        var target = data.ColumnIndex(Target);
        var random = new Random(seed);
        var rows = Enumerable.Range(0, count).Select(_ => data.Rows[random.Next(data.Rows.Count)]).ToArray();
        var instances = new JsonArray(rows.Select(row =>
        {
            var instance = new JsonObject();
            for (var c = 0; c < data.Columns.Count; c++)
            {
                if (c == target) continue;
                instance[data.Columns[c]] = row[c] is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                    ? JsonValue.Create(n) : JsonValue.Create(row[c]);
            }
            return (JsonNode)instance;
        }).ToArray());
        return (instances, rows.Select(r => r[target]).ToArray());
    }

    public Task<JsonNode> DeploymentAsync() => SendAsync(ResourceNames.Registry, HttpMethod.Get, $"/api/deployments/{Deployment}");

    public async Task<JsonArray> EpisodesAsync() => (await SendAsync(ResourceNames.Registry, HttpMethod.Get, $"/api/deployments/{Deployment}/retraining")).AsArray();

    public async Task<JsonArray> VersionsAsync() => (await SendAsync(ResourceNames.Registry, HttpMethod.Get, $"/api/deployments/{Deployment}/versions")).AsArray();

    public async Task<Guid?> ServedVersionAsync()
    {
        var served = (await SendAsync(ResourceNames.Inference, HttpMethod.Get, "/api/serving")).AsArray()
            .FirstOrDefault(d => d!["name"]!.GetValue<string>() == Deployment);
        return served?["loaded"]!.GetValue<bool>() == true ? served["modelVersionId"]!.GetValue<Guid>() : null;
    }

    public async Task<JsonNode> DecidedEpisodeAsync(TimeSpan timeout)
    {
        try
        {
            var episodes = await Eventually.ValueAsync(EpisodesAsync,
                e => e.Count > 0 && (e[0]!["decision"] is not null || e[0]!["state"]!.GetValue<string>() == "Failed"),
                "the retraining to decide", timeout);
            return episodes[0]!;
        }
        catch (TimeoutException ex)
        {
            // Where it stopped is what the next reader needs: the episodes and the runs as the registry has them.
            throw new TimeoutException($"{ex.Message}; episodes: {(await EpisodesAsync()).ToJsonString()}; runs: {(await DeploymentAsync())["runs"]!.ToJsonString()}", ex);
        }
    }

    public async Task<JsonNode> PredictAsync(JsonArray instances)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{Deployment}/predict")
        {
            Content = JsonContent.Create(new JsonObject { ["instances"] = instances }),
        };
        request.Headers.Add("X-Api-Key", ApiKey);
        using var response = await platform.Client(ResourceNames.Inference).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    private async Task<JsonNode> SendAsync(string service, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        await platform.AuthorizeAsync(request, tenant);
        using var response = await platform.Client(service).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {service}{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static string Quote(string? cell) =>
        cell is null ? "" : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";
}
