using System.Net;
using System.Text;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Inference;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.SystemTests;

[Collection(PlatformCollection.Name)]
public sealed class MessagingTests(PlatformFixture platform)
{
    [Fact]
    public async Task An_event_written_through_the_outbox_is_consumed_exactly_once_by_each_consuming_service()
    {
        // TenantRegistered: written by the portal's outbox, consumed by all seven hosts (RegisterTenantAsync waits for each).
        var tenant = await platform.RegisterTenantAsync();

        // DatasetVersionCreated: written by ingestion's outbox, consumed by the registry.
        var upload = await platform.UploadDatasetAsync(tenant, "credit", "finance-credit.csv");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await Eventually.TrueAsync(async () => (await platform.RegisteredVersionsAsync(tenant, "credit")).Length > 0, "the registry to record the version");

        // The same content again is the same version: no second event.
        var again = await platform.UploadDatasetAsync(tenant, "credit", "finance-credit.csv");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3)); // several dispatcher polls: a duplicate publish would land by now
        var recorded = Assert.Single(await platform.RegisteredVersionsAsync(tenant, "credit"));
        Assert.Equal(1, recorded.VersionNumber);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_state_once()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var usage = Usage(tenant, predictions: 40);
        var messageId = Guid.NewGuid();

        await bus.PublishAsync(usage, messageId);
        await bus.PublishAsync(usage, messageId);                               // redelivery: same message id
        await bus.PublishAsync(usage, Guid.NewGuid());                          // the same usage resent under a new id
        await bus.PublishAsync(Usage(tenant, predictions: 2), Guid.NewGuid());  // a different usage

        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) >= 42, "billing to apply the usage");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(42, await platform.BilledPredictionsAsync(tenant));
    }

    [Fact]
    public async Task Usage_arriving_together_is_applied_in_shared_transactions_each_message_once()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var usage = Enumerable.Range(1, 40).Select(i => (Usage: Usage(tenant, predictions: i), MessageId: Guid.NewGuid())).ToArray();

        // Published at once, each message twice: billing's groups (200 ms, up to 128 messages) take them together.
        await Task.WhenAll(usage.Concat(usage).Select(u => bus.PublishAsync(u.Usage, u.MessageId)));

        var expected = usage.Sum(u => u.Usage.Predictions);
        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) >= expected, "billing to apply the usage");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(expected, await platform.BilledPredictionsAsync(tenant));

        // now() is the transaction's start: messages applied in one transaction share their inbox time.
        var database = new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(ResourceNames.Database(ResourceNames.Billing))) { Pooling = false };
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT \"ProcessedAt\") FROM inbox_messages WHERE \"MessageId\" = ANY(@ids)", connection);
        query.Parameters.AddWithValue("ids", usage.Select(u => u.MessageId).ToArray());
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (claimed, transactions) = (reader.GetInt64(0), reader.GetInt64(1));
        Assert.Equal(usage.Length, claimed);
        Assert.True(transactions < usage.Length / 2, $"{usage.Length} messages published together were applied in {transactions} transactions");
    }

    [Fact]
    public async Task A_message_whose_consumer_keeps_throwing_ends_in_the_error_queue_and_nothing_else_is_lost()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var poison = Usage(tenant, predictions: -5); // billing refuses negative usage, every time

        await bus.PublishAsync(Usage(tenant, predictions: 10), Guid.NewGuid());
        await bus.PublishAsync(poison, Guid.NewGuid());
        await bus.PublishAsync(Usage(tenant, predictions: 7), Guid.NewGuid());

        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 17, "billing to apply the valid usage");

        var factory = new ConnectionFactory { Uri = new Uri(await platform.ConnectionStringAsync(ResourceNames.Messaging)) };
        await using var connection = await factory.CreateConnectionAsync();
        var found = await Eventually.ValueAsync(
            async () => await TakeFromQueueAsync(connection, "billing-predictions-served_error", poison.UsageId.ToString()),
            body => body is not null, "the poison message in billing's error queue", TimeSpan.FromSeconds(30));
        Assert.Contains("InvalidUsageException", found); // MassTransit records why it gave up
        Assert.Equal(17, await platform.BilledPredictionsAsync(tenant));
    }

    [Fact]
    public async Task One_trace_spans_an_http_request_in_one_service_and_the_consumer_it_causes_in_another()
    {
        var tenant = await platform.RegisterTenantAsync();
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var upload = await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv", $"00-{traceId}-{traceId[..16]}-01");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var recorded = await Eventually.ValueAsync(
            () => platform.RegisteredVersionsAsync(tenant, "diabetes"), v => v.Length == 1, "the registry to record the version");
        Assert.Equal(traceId, recorded[0].TraceId);
    }

    private static PredictionsServed Usage(Guid tenant, long predictions)
    {
        var now = DateTimeOffset.UtcNow;
        return new PredictionsServed(tenant, Guid.NewGuid(), Guid.NewGuid(), "credit-risk", Guid.NewGuid(), predictions, now.AddMinutes(-1), now);
    }

    /// <summary>Reads the queue until a message containing <paramref name="marker"/>, headers included, is found.</summary>
    private static async Task<string?> TakeFromQueueAsync(IConnection connection, string queue, string marker)
    {
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            await channel.QueueDeclarePassiveAsync(queue);
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null; // MassTransit creates the error queue with the first fault
        }
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
        {
            var text = Encoding.UTF8.GetString(result.Body.Span) + string.Join(";", result.BasicProperties.Headers?
                .Select(h => $"{h.Key}={(h.Value is byte[] b ? Encoding.UTF8.GetString(b) : h.Value)}") ?? []);
            if (text.Contains(marker, StringComparison.Ordinal)) return text;
        }
        return null;
    }
}
