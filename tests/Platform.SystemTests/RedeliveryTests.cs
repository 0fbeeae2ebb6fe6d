using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Access;
using Platform.Contracts.Inference;
using Platform.Contracts.Tenants;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.SystemTests;

/// <summary>
/// Issue 19: a database that refuses connections for a while loses no message. Messages wait in the
/// broker and come back after the configured pause; one that outlives its pauses waits in its error
/// queue, where the operator sees why and moves it back once the database is up.
/// </summary>
[Collection(OutageCollection.Name)]
public sealed class RedeliveryTests(OutageFixture platform)
{
    [Fact]
    public async Task Messages_failing_while_the_database_is_down_come_back_after_their_pause_and_the_one_that_gave_up_is_redriven()
    {
        var tenant = await platform.RegisterTenantAsync();
        var usage = Enumerable.Range(1, 20).Select(i => Usage(tenant, predictions: i)).ToArray();
        var registration = new TenantRegistered(Guid.NewGuid(), Guid.NewGuid(), $"redelivered-{Guid.NewGuid():N}", "starter");
        var registrationId = Guid.NewGuid();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        using var http = new HttpClient();
        var operatorClient = new Demo.OperatorClient(platform.Endpoints(), http, OperatorSecret());
        // The identity provider needs its database to issue a token: the operator's is taken (and kept) before the outage.
        await operatorClient.ErrorQueuesAsync(ResourceNames.Billing, 0, default);

        await platform.StopResourceAsync(ResourceNames.Postgres);
        DateTimeOffset published;
        try
        {
            published = DateTimeOffset.UtcNow;
            foreach (var served in usage) await bus.PublishAsync(served, Guid.NewGuid());
            await bus.PublishAsync(registration, registrationId);

            // The usage waits in billing's 20 s delay queue, in the broker, not in an error queue.
            await Eventually.TrueAsync(async () => await DepthAsync($"billing-predictions-served_redelivery_{Label(OutageFixture.Redelivery)}") == usage.Length,
                "the usage to wait in billing's delay queue", TimeSpan.FromSeconds(15));

            // Billing's tenant directory has a 2 s schedule of its own: one redelivery, then its error queue, with the reason.
            var report = await Eventually.ValueAsync(
                async () => (await operatorClient.ErrorQueuesAsync(ResourceNames.Billing, 20, default))["queues"]!.AsArray()
                    .Single(q => q!["queue"]!.GetValue<string>() == OutageFixture.ShortQueue)!,
                q => Peeked(q, registrationId) is not null, "the registration in billing's error queue", TimeSpan.FromSeconds(30));
            var faulted = Peeked(report, registrationId)!;
            Assert.Equal("System.Net.Sockets.SocketException", faulted["exceptionType"]!.GetValue<string>());
            Assert.Contains("refused", faulted["reason"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.Equal(1, faulted["redeliveries"]!.GetValue<int>());
            Assert.Equal("Platform.Contracts.Tenants.TenantRegistered", faulted["messageType"]!.GetValue<string>());
            Assert.Equal([Label(OutageFixture.ShortRedelivery)], report["redeliveryIntervals"]!.AsArray().Select(i => i!.GetValue<string>()));
        }
        finally
        {
            await platform.StartResourceAsync(ResourceNames.Postgres);
        }

        // Every usage is billed once the database is back, none before its pause had passed.
        var expected = usage.Sum(u => u.Predictions);
        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == expected,
            "billing to apply the redelivered usage", TimeSpan.FromSeconds(90));
        var recorded = await RecordedAtAsync(ResourceNames.Billing, "SELECT \"RecordedAt\" FROM usage_records WHERE \"TenantId\" = @id", tenant);
        Assert.Equal(usage.Length, recorded.Count);
        Assert.All(recorded, at => Assert.True(at >= published + OutageFixture.Redelivery, $"usage applied {(at - published).TotalSeconds:F1} s after it was sent"));

        // The registration reached the other services by redelivery; billing's waits in its error queue until re-driven.
        var known = await Eventually.ValueAsync(() => RecordedAtAsync(ResourceNames.Registry, "SELECT \"RegisteredAt\" FROM tenants WHERE \"Id\" = @id", registration.TenantId),
            at => at.Count == 1, "the registry to learn of the tenant", TimeSpan.FromSeconds(90));
        Assert.True(known[0] >= published + OutageFixture.Redelivery, $"registered {(known[0] - published).TotalSeconds:F1} s after it was sent");
        Assert.Empty(await RecordedAtAsync(ResourceNames.Billing, "SELECT \"RegisteredAt\" FROM tenants WHERE \"Id\" = @id", registration.TenantId));

        // The operator's commands (./platform errors, ./platform redrive) show it with its reason, then move it back.
        var endpointsFile = Path.Combine(platform.DataDirectory, "endpoints.json");
        var errors = new StringWriter();
        Assert.Equal(0, await Demo.ErrorQueuesCommand.RunAsync(["errors", "--endpoints", endpointsFile], errors));
        Assert.Matches($"(?m)^billing +{OutageFixture.ShortQueue}_error +1$", errors.ToString());
        Assert.Contains("1 × System.Net.Sockets.SocketException", errors.ToString());
        var redrive = new StringWriter();
        Assert.Equal(0, await Demo.ErrorQueuesCommand.RunAsync(["redrive", OutageFixture.ShortQueue, "--endpoints", endpointsFile], redrive));
        Assert.Matches($"{OutageFixture.ShortQueue} +moved +1, 0 left in {OutageFixture.ShortQueue}_error", redrive.ToString());
        await Eventually.TrueAsync(async () => (await RecordedAtAsync(ResourceNames.Billing, "SELECT \"RegisteredAt\" FROM tenants WHERE \"Id\" = @id", registration.TenantId)).Count == 1,
            "billing to apply the re-driven registration", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task A_message_the_consumer_refuses_goes_to_the_error_queue_at_once_and_comes_back_there_if_redriven_unfixed()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        using var http = new HttpClient();
        var operatorClient = new Demo.OperatorClient(platform.Endpoints(), http, OperatorSecret());
        var poison = Usage(tenant, predictions: -5); // billing refuses negative usage: no retry can change that
        var messageId = Guid.NewGuid();

        var sent = DateTimeOffset.UtcNow;
        await bus.PublishAsync(poison, messageId);

        var faulted = await Eventually.ValueAsync(async () => Peeked(await BillingUsageErrorsAsync(operatorClient), messageId),
            m => m is not null, "the refused usage in billing's error queue", TimeSpan.FromSeconds(10));
        Assert.Equal("Platform.Billing.Domain.InvalidUsageException", faulted!["exceptionType"]!.GetValue<string>());
        Assert.Contains("predictions must be positive, was -5", faulted["reason"]!.GetValue<string>());
        Assert.Equal(0, faulted["redeliveries"]!.GetValue<int>());
        Assert.True(faulted["faultedAt"]!.GetValue<DateTimeOffset>() < sent + OutageFixture.Redelivery, "it waited for a redelivery");

        // Re-driven without a fix, it is refused again and is back, counted as re-driven once.
        var redriven = await operatorClient.RedriveAsync(ResourceNames.Billing, "billing-predictions-served_error", null, default);
        Assert.True(redriven["moved"]!.GetValue<int>() >= 1);
        var again = await Eventually.ValueAsync(async () => Peeked(await BillingUsageErrorsAsync(operatorClient), messageId),
            m => m is not null && m["redrives"]!.GetValue<int>() == 1, "the refused usage back in billing's error queue", TimeSpan.FromSeconds(10));
        Assert.Equal("Platform.Billing.Domain.InvalidUsageException", again!["exceptionType"]!.GetValue<string>());
        Assert.Equal(0, await platform.BilledPredictionsAsync(tenant));
    }

    [Fact]
    public async Task Only_the_operator_reads_and_redrives_error_queues()
    {
        var organization = await platform.CreateOrganizationAsync();
        var admin = await platform.Api.TokenAsync(organization.TenantId, default); // every scope an organization can hold
        var billing = platform.Client(ResourceNames.Billing);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/api/admin/error-queues"), (HttpMethod.Post, "/api/admin/error-queues/billing-predictions-served/redrive") })
        {
            using var anonymous = await billing.SendAsync(new HttpRequestMessage(method, path));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var refused = await billing.SendAsync(request);
            var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains($"needs the scope {PlatformScopes.Operate}", problem["detail"]!.GetValue<string>());
        }

        // The operator is answered, and a queue the service does not have is named in the refusal.
        using var http = new HttpClient();
        var operatorClient = new Demo.OperatorClient(platform.Endpoints(), http, OperatorSecret());
        var unknown = await Assert.ThrowsAsync<Demo.PlatformApiException>(() => operatorClient.RedriveAsync(ResourceNames.Billing, "registry-model-trained", null, default));
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("no queue named registry-model-trained", unknown.Message);
    }

    private static PredictionsServed Usage(Guid tenant, long predictions)
    {
        var now = DateTimeOffset.UtcNow;
        return new PredictionsServed(tenant, Guid.NewGuid(), Guid.NewGuid(), "credit-risk", Guid.NewGuid(), predictions, now.AddMinutes(-1), now);
    }

    private string OperatorSecret() => File.ReadAllText(Path.Combine(platform.SecretsFolder, "operator-client-secret")).Trim();

    private static string Label(TimeSpan pause) => $"{(int)pause.TotalSeconds}s";

    private static JsonNode? Peeked(JsonNode report, Guid messageId) =>
        report["peeked"]!.AsArray().FirstOrDefault(m => m!["messageId"]?.GetValue<string>() == messageId.ToString());

    private static async Task<JsonNode> BillingUsageErrorsAsync(Demo.OperatorClient client) =>
        (await client.ErrorQueuesAsync(ResourceNames.Billing, 100, default))["queues"]!.AsArray()
            .Single(q => q!["queue"]!.GetValue<string>() == "billing-predictions-served")!;

    /// <summary>Messages in a queue, read as the broker counts them (a passive declare); 0 for a queue not declared yet.</summary>
    private async Task<long> DepthAsync(string queue)
    {
        var factory = new ConnectionFactory { Uri = new Uri(await platform.ConnectionStringAsync(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return 0;
        }
    }

    private async Task<IReadOnlyList<DateTimeOffset>> RecordedAtAsync(string service, string sql, Guid id)
    {
        var database = new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(ResourceNames.Database(service))) { Pooling = false };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        query.Parameters.AddWithValue("id", id);
        var times = new List<DateTimeOffset>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) times.Add(reader.GetFieldValue<DateTimeOffset>(0));
        return times;
    }
}
