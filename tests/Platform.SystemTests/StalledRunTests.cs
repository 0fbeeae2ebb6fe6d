using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Training;

namespace Platform.SystemTests;

/// <summary>
/// A run that stops progressing is failed with its reason once the registry's limit has passed
/// (<see cref="OperationsFixture.TrainingStalledAfter"/> here), which frees its deployment; what the
/// stalled run's worker might still send afterwards changes nothing.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class StalledRunTests(OperationsFixture platform)
{
    [Fact]
    public async Task A_run_whose_training_never_starts_is_failed_with_the_reason_and_the_deployment_takes_a_new_run()
    {
        var tenant = await platform.RegisterTenantAsync();
        // Training is gone: the run's TrainModel waits in its queue and nothing ever reports progress.
        await platform.StopServiceAsync(ResourceNames.Training);

        await CreateDeploymentAsync(tenant);
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "churn", "retail-churn.csv")).StatusCode);
        var started = await Eventually.ValueAsync(() => DeploymentAsync(tenant), d => d["runs"]!.AsArray().Count == 1, "the run to start");
        var run = started["runs"]![0]!;
        var runId = run["id"]!.GetValue<Guid>();
        var startedAt = run["startedAt"]!.GetValue<DateTimeOffset>();

        var failed = await Eventually.ValueAsync(() => DeploymentAsync(tenant), d => d["runs"]![0]!["state"]!.GetValue<string>() != "Training",
            "the watchdog to give up the stalled run", OperationsFixture.TrainingStalledAfter + TimeSpan.FromSeconds(30));
        var reason = $"Stalled: no progress for {OperationsFixture.TrainingStalledAfter.TotalSeconds:0} s since the training was requested at {startedAt.UtcDateTime:u}";
        AssertFailed(failed, reason);
        Assert.InRange(failed["runs"]![0]!["completedAt"]!.GetValue<DateTimeOffset>() - startedAt,
            OperationsFixture.TrainingStalledAfter, OperationsFixture.TrainingStalledAfter + TimeSpan.FromSeconds(10));

        // What the stalled run's worker might still send (ADR 4): an epoch, its model, its own failure. Nothing changes.
        await using (var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging)))
        {
            var datasetVersion = run["datasetVersionId"]!.GetValue<Guid>();
            var model = new ArtifactReference($"artifact://sha256/{new string('0', 64)}", new string('0', 64), 1);
            Guid[] late = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
            await bus.PublishAsync(new TrainingProgressed(tenant, runId, runId, 1, 0.6, 0.6, 0.8, null), late[0]);
            await bus.PublishAsync(new ModelTrained(tenant, runId, runId, datasetVersion, new ModelSpec("churn", "yes", "binary", null, 42),
                model, new Dictionary<string, double> { ["rocAuc"] = 0.9 }), late[1]);
            await bus.PublishAsync(new TrainingFailed(tenant, runId, runId, "out of memory"), late[2]);
            await Eventually.TrueAsync(async () => await RegistryHasConsumedAsync(late) == late.Length, "the registry to consume the late messages");
        }
        var after = await DeploymentAsync(tenant);
        AssertFailed(after, reason);
        Assert.Equal(0, after["runs"]![0]!["epoch"]!.GetValue<int>());

        // The deployment is free: a new version of its data starts a new run.
        Assert.Equal(HttpStatusCode.Created, (await UploadSecondVersionAsync(tenant)).StatusCode);
        var next = await Eventually.ValueAsync(() => DeploymentAsync(tenant), d => d["runs"]!.AsArray().Count == 2, "the deployment to take a new run");
        var newest = next["runs"]!.AsArray().Single(r => r!["id"]!.GetValue<Guid>() != runId)!;
        Assert.Equal(("new-data", "Training"), (newest["trigger"]!.GetValue<string>(), newest["state"]!.GetValue<string>()));
        Assert.Equal("Building", next["deployment"]!["state"]!.GetValue<string>());
    }

    private static void AssertFailed(JsonNode detail, string reason)
    {
        var run = Assert.Single(detail["runs"]!.AsArray())!;
        Assert.Equal(("Failed", reason), (run["state"]!.GetValue<string>(), run["reason"]?.GetValue<string>()));
        Assert.Equal("Failed", detail["deployment"]!["state"]!.GetValue<string>());
        Assert.Null(detail["champion"]);
        Assert.Null(run["baseVersionId"]);
    }

    private async Task CreateDeploymentAsync(Guid tenant)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/deployments")
        {
            Content = JsonContent.Create(new { name = "churn", solution = "retail-churn", dataset = "churn" }),
        };
        await platform.AuthorizeAsync(create, tenant);
        Assert.Equal(HttpStatusCode.Created, (await platform.Client(ResourceNames.Registry).SendAsync(create)).StatusCode);
    }

    /// <summary>The sample without its last row: other content, so another version.</summary>
    private async Task<HttpResponseMessage> UploadSecondVersionAsync(Guid tenant)
    {
        var lines = await File.ReadAllLinesAsync(PlatformApi.SamplePath("retail-churn.csv"));
        var content = new StringContent(string.Join('\n', lines[..^1]) + "\n");
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/datasets/churn/versions") { Content = content };
        await platform.AuthorizeAsync(request, tenant);
        return await platform.Client(ResourceNames.Ingestion).SendAsync(request);
    }

    private async Task<JsonNode> DeploymentAsync(Guid tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/deployments/churn");
        await platform.AuthorizeAsync(request, tenant);
        using var response = await platform.Client(ResourceNames.Registry).SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<long> RegistryHasConsumedAsync(Guid[] messageIds)
    {
        var database = new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(ResourceNames.Database(ResourceNames.Registry))) { Pooling = false };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT count(*) FROM inbox_messages WHERE "MessageId" = ANY(@ids)""", connection);
        query.Parameters.AddWithValue("ids", messageIds);
        return (long)(await query.ExecuteScalarAsync())!;
    }
}
