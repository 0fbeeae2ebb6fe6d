using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// PostgreSQL (every service's database) stopped in the middle of a deployment's pipeline, at a
/// random moment after training started (issue 19's fault-injection suite): once it is back the
/// deployment still goes live, with no manual step, and no model version is registered twice.
/// The suite stops it for 20 s; <c>./platform chaos --database-outage 300</c> for five minutes
/// (PLATFORM_CHAOS_DATABASE_OUTAGE), with the redelivery pauses the fixture then spreads over it.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class DatabaseOutageTests(OutageFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_outage_mid_pipeline_delays_the_deployment_but_it_still_goes_live_with_each_model_version_once()
    {
        var outage = OutageFixture.DatabaseOutage;
        var tenant = await platform.RegisterTenantAsync();
        await platform.Api.CreateDeploymentAsync(tenant, "churn", "retail-churn", "churn", CancellationToken.None);
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "churn", "retail-churn.csv")).StatusCode);
        await Eventually.TrueAsync(async () => (await DeploymentAsync(tenant))["runs"]!.AsArray().Count == 1, "the run to start");

        // A random moment of the pipeline after training started: within training, its recording, compression or promotion.
        var seed = Environment.GetEnvironmentVariable("PLATFORM_CHAOS_SEED") is { } s && int.TryParse(s, out var given) ? given : Random.Shared.Next(1_000);
        var wait = TimeSpan.FromMilliseconds(new Random(seed).Next(0, 8_000));
        await Task.Delay(wait);
        var state = (await DeploymentAsync(tenant))["deployment"]!["state"]!.GetValue<string>();
        Log($"injected: PostgreSQL stopped for {outage.TotalSeconds:F0} s, {wait.TotalSeconds:F1} s after training started (seed {seed}), deployment {state}");
        var clock = Stopwatch.StartNew();
        await platform.StopResourceAsync(ResourceNames.Postgres);
        try
        {
            await Task.Delay(outage);
        }
        finally
        {
            await platform.StartResourceAsync(ResourceNames.Postgres);
        }
        Log($"  PostgreSQL back after {clock.Elapsed.TotalSeconds:F0} s");

        var detail = await Eventually.ValueAsync(() => DeploymentAsync(tenant),
            d => d["deployment"]!["state"]!.GetValue<string>() is "Serving" or "Failed",
            "the deployment to go live after the outage", TimeSpan.FromMinutes(6));
        Log($"checked: deployment {detail["deployment"]!["state"]} {clock.Elapsed.TotalSeconds:F0} s after the outage began");
        Assert.Equal("Serving", detail["deployment"]!["state"]!.GetValue<string>());
        var run = Assert.Single(detail["runs"]!.AsArray())!;
        Assert.Equal("Promoted", run["state"]!.GetValue<string>());

        var versions = await ModelVersionsAsync(tenant);
        Log($"checked: model versions by technique {string.Join(", ", versions.Select(v => $"{v.Key} × {v.Value}"))}");
        Assert.Contains("fp32", versions.Keys);
        Assert.All(versions, v => Assert.Equal(1, v.Value)); // a redelivered TrainModel or CompressModel registered nothing twice
    }

    private Task<JsonNode> DeploymentAsync(Guid tenant) => platform.Api.DeploymentAsync(tenant, "churn", CancellationToken.None);

    private async Task<Dictionary<string, long>> ModelVersionsAsync(Guid tenant)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
            await platform.ConnectionStringAsync(ResourceNames.Database(ResourceNames.Registry))) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""SELECT "Technique", count(*) FROM model_versions WHERE "TenantId" = @tenant GROUP BY "Technique" """, connection);
        query.Parameters.AddWithValue("tenant", tenant);
        var versions = new Dictionary<string, long>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions.Add(reader.GetString(0), reader.GetInt64(1));
        return versions;
    }

    private void Log(string line) => output.WriteLine($"[chaos {DateTime.UtcNow:HH:mm:ss}] {line}");
}
