using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Inference;

namespace Platform.SystemTests;

/// <summary>
/// One healthcare-diabetes deployment (768 rows, a small model), trained once for the whole
/// collection on first use: the tests that only need something served share it.
/// </summary>
public sealed class ServedDiabetes
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Model? _model;

    public async Task<Model> GetAsync(PlatformFixture platform)
    {
        await _gate.WaitAsync();
        try
        {
            return _model ??= await DeployAsync(platform);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<Model> DeployAsync(PlatformFixture platform)
    {
        var tenant = await platform.RegisterTenantAsync();
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/deployments")
        {
            Content = JsonContent.Create(new { name = "limits", solution = "healthcare-diabetes-risk", dataset = "diabetes" }),
        };
        await platform.AuthorizeAsync(create, tenant);
        var created = await platform.Client(ResourceNames.Registry).SendAsync(create);
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, $"create deployment: {(int)created.StatusCode} {text}");
        var apiKey = JsonNode.Parse(text)!["apiKey"]!.GetValue<string>();

        var upload = await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await Eventually.TrueAsync(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/serving");
            await platform.AuthorizeAsync(request, tenant);
            var serving = JsonNode.Parse(await (await platform.Client(ResourceNames.Inference).SendAsync(request)).Content.ReadAsStringAsync())!;
            return serving is JsonArray deployments && deployments.Any(d => d!["name"]!.GetValue<string>() == "limits" && d["loaded"]!.GetValue<bool>());
        }, "the diabetes model to be promoted and loaded", TimeSpan.FromMinutes(4));
        return new Model(tenant, "limits", apiKey);
    }

    public sealed record Model(Guid Tenant, string Deployment, string ApiKey)
    {
        /// <summary>Instances this class has had served (and so billed).</summary>
        public int Served { get; set; }

        /// <summary>Inference's served rows and usage records for the deployment: written in the transaction a predict answers after.</summary>
        public async Task<(long ServedRows, long UsageRecords)> WrittenAsync(PlatformFixture platform)
        {
            await using var connection = await OpenAsync(platform);
            await using var query = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM served_predictions WHERE "TenantId" = @tenant AND "DeploymentName" = @deployment),
                       (SELECT count(*) FROM usage_records WHERE "TenantId" = @tenant AND "DeploymentName" = @deployment)
                """, connection);
            query.Parameters.AddWithValue("tenant", Tenant);
            query.Parameters.AddWithValue("deployment", Deployment);
            await using var reader = await query.ExecuteReaderAsync();
            await reader.ReadAsync();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        /// <summary>The usage messages (PredictionsServed) in Inference's outbox that carry the trace <paramref name="traceId"/>.</summary>
        public async Task<long> UsageMessagesInTraceAsync(PlatformFixture platform, string traceId)
        {
            await using var connection = await OpenAsync(platform);
            await using var query = new NpgsqlCommand("""
                SELECT count(*) FROM outbox_messages
                WHERE "MessageType" LIKE @type || ',%' AND "TraceParent" LIKE '00-' || @trace || '-%'
                """, connection);
            query.Parameters.AddWithValue("type", typeof(PredictionsServed).FullName!);
            query.Parameters.AddWithValue("trace", traceId);
            return (long)(await query.ExecuteScalarAsync())!;
        }

        public async Task<string> KeptInstanceAsync(PlatformFixture platform, Guid predictionId) =>
            (string)(await ScalarAsync(platform, """SELECT "Instance"::text FROM served_predictions WHERE "Id" = @id""", predictionId))!;

        /// <summary>The model version a kept prediction was scored by.</summary>
        public async Task<Guid> KeptVersionAsync(PlatformFixture platform, Guid predictionId) =>
            (Guid)(await ScalarAsync(platform, """SELECT "ModelVersionId" FROM served_predictions WHERE "Id" = @id""", predictionId))!;

        public async Task<string?> LabelAsync(PlatformFixture platform, Guid predictionId) =>
            await ScalarAsync(platform, """SELECT "Label" FROM served_predictions WHERE "Id" = @id""", predictionId) as string;

        /// <summary>Billing has applied exactly the instances served, none of the refused ones.</summary>
        public async Task AssertBilledAsync(PlatformFixture platform)
        {
            await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(Tenant) >= Served, $"billing to apply the {Served} served predictions");
            Assert.Equal(Served, await platform.BilledPredictionsAsync(Tenant));
        }

        private static async Task<object?> ScalarAsync(PlatformFixture platform, string sql, Guid id)
        {
            await using var connection = await OpenAsync(platform);
            await using var query = new NpgsqlCommand(sql, connection);
            query.Parameters.AddWithValue("id", id);
            var value = await query.ExecuteScalarAsync();
            return value is DBNull ? null : value;
        }

        private static async Task<NpgsqlConnection> OpenAsync(PlatformFixture platform)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(
                await platform.ConnectionStringAsync(ResourceNames.Database(ResourceNames.Inference))) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return connection;
        }
    }
}
