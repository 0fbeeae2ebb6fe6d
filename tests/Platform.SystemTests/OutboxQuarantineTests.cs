using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Access;
using Platform.Contracts.Tenants;

namespace Platform.SystemTests;

/// <summary>
/// An outbox row that cannot be published is quarantined with its reason, and the rows committed
/// after it are still delivered; the operator sees the quarantine and releases a row once its cause
/// is fixed. The rows are written straight into Inference's outbox, as an older or a buggy build
/// could have left them there.
/// </summary>
[Collection(OperationsCollection.Name)]
public sealed class OutboxQuarantineTests(OperationsFixture platform)
{
    private static readonly string TenantRegisteredType = $"{typeof(TenantRegistered).FullName}, {typeof(TenantRegistered).Assembly.GetName().Name}";
    private const string UnknownType = "Platform.Contracts.Billing.InvoiceIssuedV9, Platform.Contracts";
    private const string Quarantine = "/api/admin/outbox/quarantined";

    [Fact]
    public async Task Rows_that_cannot_be_read_are_quarantined_with_their_reason_and_the_rows_after_them_are_delivered()
    {
        Guid first = Guid.NewGuid(), second = Guid.NewGuid(), third = Guid.NewGuid();
        Guid unknown = Guid.CreateVersion7(), misfit = Guid.CreateVersion7();
        await InsertOutboxRowsAsync(
            (unknown, UnknownType, """{"invoiceId":"2026-0001"}"""),
            (Guid.CreateVersion7(), TenantRegisteredType, Registered(first)),
            (misfit, TenantRegisteredType, """{"tenantId":"not-a-guid","name":"misfit","plan":"starter"}"""),
            (Guid.CreateVersion7(), TenantRegisteredType, Registered(second)));

        // The rows behind the poison ones went out: Billing learned both tenants from Inference's outbox.
        await Eventually.TrueAsync(async () => await BillingKnowsAsync(first) && await BillingKnowsAsync(second),
            "the rows after the poison rows to be delivered");

        // The batch's quarantine commits after its rows are published: Billing may see them first.
        await Eventually.TrueAsync(async () => (await OutboxRowAsync(unknown)).Quarantined && (await OutboxRowAsync(misfit)).Quarantined,
            "the batch that published them to commit the poison rows' quarantine");
        var unknownRow = await OutboxRowAsync(unknown);
        Assert.Equal(($"the message type '{UnknownType}' is unknown to this build", 1, false, true),
            (unknownRow.Error, unknownRow.Attempts, unknownRow.Dispatched, unknownRow.Quarantined));
        var misfitRow = await OutboxRowAsync(misfit);
        Assert.StartsWith("the payload is not a TenantRegistered: ", misfitRow.Error);
        Assert.Contains("$.tenantId", misfitRow.Error);
        Assert.Equal((1, false, true), (misfitRow.Attempts, misfitRow.Dispatched, misfitRow.Quarantined));

        // The operator sees the quarantine, with the reasons, and the service says it is degraded.
        var operatorToken = await platform.Api.OperatorTokenAsync(PlatformScopes.Operate, default);
        var listed = (await SendAsync(HttpMethod.Get, Quarantine, operatorToken, HttpStatusCode.OK))!.AsArray();
        Assert.Equal([unknown, misfit], listed.Select(r => r!["id"]!.GetValue<Guid>()));
        Assert.Equal(unknownRow.Error, listed[0]!["error"]!.GetValue<string>());
        var outbox = await Eventually.ValueAsync(async () => (await SendAsync(HttpMethod.Get, "/health", operatorToken, null))!["checks"]!["outbox"]!,
            check => check["status"]!.GetValue<string>() == "Degraded", "the outbox health check to report the quarantine");
        Assert.Equal($"2 outbox message(s) quarantined: GET {Quarantine}", outbox["description"]!.GetValue<string>());

        // An organization's credential, with every scope an organization has, does not reach the events of all of them.
        // (Scopes are checked first, so no service needs to know the organization; the stall test stops Training.)
        var organization = await platform.Api.CreateOrganizationAsync($"not-operator-{Guid.NewGuid():N}", "starter", default);
        await SendAsync(HttpMethod.Get, Quarantine, await platform.Api.TokenAsync(organization.TenantId, default), HttpStatusCode.Forbidden);

        // Fixed and released, a row goes out; released unchanged, it is quarantined again.
        await ExecuteAsync(ResourceNames.Inference, """UPDATE outbox_messages SET "Payload" = @payload::jsonb WHERE "Id" = @id""",
            ("payload", Registered(third)), ("id", misfit));
        await SendAsync(HttpMethod.Post, $"{Quarantine}/{misfit}/release", operatorToken, HttpStatusCode.NoContent);
        await Eventually.TrueAsync(() => BillingKnowsAsync(third), "the released row to be delivered");
        Assert.True((await OutboxRowAsync(misfit)).Dispatched);

        await SendAsync(HttpMethod.Post, $"{Quarantine}/{unknown}/release", operatorToken, HttpStatusCode.NoContent);
        await Eventually.TrueAsync(async () => await OutboxRowAsync(unknown) is { Attempts: 2, Quarantined: true }, "the unchanged row to be quarantined again");
        await SendAsync(HttpMethod.Post, $"{Quarantine}/{misfit}/release", operatorToken, HttpStatusCode.NotFound);
    }

    private static string Registered(Guid tenant) =>
        JsonSerializer.Serialize(new TenantRegistered(tenant, Guid.NewGuid(), $"quarantine-{tenant:N}", "starter"), JsonSerializerOptions.Web);

    /// <summary>All in one transaction, in this order: the dispatcher meets them in one batch, the poison rows first.</summary>
    private async Task InsertOutboxRowsAsync(params (Guid Id, string Type, string Payload)[] rows)
    {
        await using var connection = await OpenAsync(ResourceNames.Inference);
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var (id, type, payload) in rows)
        {
            await using var insert = new NpgsqlCommand(
                """INSERT INTO outbox_messages ("Id", "MessageType", "Payload", "CreatedAt", "Attempts") VALUES (@id, @type, @payload::jsonb, now(), 0)""",
                connection, tx);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("type", type);
            insert.Parameters.AddWithValue("payload", payload);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private sealed record OutboxRow(string? Error, int Attempts, bool Dispatched, bool Quarantined);

    private async Task<OutboxRow> OutboxRowAsync(Guid id)
    {
        await using var connection = await OpenAsync(ResourceNames.Inference);
        await using var query = new NpgsqlCommand(
            """SELECT "LastError", "Attempts", "DispatchedAt" IS NOT NULL, "QuarantinedAt" IS NOT NULL FROM outbox_messages WHERE "Id" = @id""", connection);
        query.Parameters.AddWithValue("id", id);
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"outbox row {id} is gone");
        return new OutboxRow(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    private async Task<bool> BillingKnowsAsync(Guid tenant)
    {
        await using var connection = await OpenAsync(ResourceNames.Billing);
        await using var query = new NpgsqlCommand("""SELECT count(*) FROM tenants WHERE "Id" = @id""", connection);
        query.Parameters.AddWithValue("id", tenant);
        return (long)(await query.ExecuteScalarAsync())! == 1;
    }

    private async Task ExecuteAsync(string service, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(service);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    // No pooling: an idle pooled connection would hold PostgreSQL in its smart shutdown when the fixture stops it.
    private async Task<NpgsqlConnection> OpenAsync(string service)
    {
        var database = new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(ResourceNames.Database(service))) { Pooling = false };
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, string token, HttpStatusCode? expected)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Client(ResourceNames.Inference).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (expected is { } status) Assert.True(response.StatusCode == status, $"{method} {path}: {(int)response.StatusCode} {body}");
        return body.Length == 0 ? null : JsonNode.Parse(body);
    }
}
