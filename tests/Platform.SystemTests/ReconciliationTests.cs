using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Npgsql;
using Platform.Contracts;
using Platform.Contracts.Inference;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// Usage reconciliation on the real services (ADR 14): Inference, which served the predictions, and
/// Billing, which billed them, compare per deployment and hour; a gap made in billing's own database
/// is re-sent until billed equals served exactly, and usage billed beyond what was served is reported.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ReconciliationTests(PlatformFixture platform, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private const string Deployment = "reconciled";
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Usage_billing_lost_is_found_re_sent_and_billed_exactly_as_served_and_the_portal_says_so()
    {
        var organization = await platform.CreateOrganizationAsync();
        var tenant = organization.TenantId;
        var apiKey = (await platform.Api.CreateDeploymentAsync(tenant, Deployment, "healthcare-diabetes-risk", "diabetes", None))["apiKey"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv")).StatusCode);
        await Eventually.TrueAsync(async () => (await platform.Api.ServingDeploymentsAsync(tenant, None)).AsArray()
            .Any(d => d!["name"]!.GetValue<string>() == Deployment && d["loaded"]!.GetValue<bool>()), "the model to be promoted and loaded", TimeSpan.FromMinutes(4));

        // 12 requests of 1 to 12 instances: 78 predictions in 12 usage records.
        for (var instances = 1; instances <= 12; instances++)
            await platform.Api.PredictAsync(Deployment, apiKey, Instances(instances), None);
        var servedBy = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 78, "billing to apply the 78 predictions");

        // Billing loses the 5-prediction request, as if its message had gone to an error queue for good.
        var (lostId, lostAt) = await DeleteBilledUsageAsync(tenant, predictions: 5);
        Assert.Equal(73, await platform.BilledPredictionsAsync(tenant));

        // A reconciliation leaves out usage younger than the settle delay (counted from its whole second).
        var settled = servedBy + PlatformFixture.ReconciliationSettleDelay + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (settled > TimeSpan.Zero) await Task.Delay(settled);
        var first = await ReconcileAsync(tenant);
        output.WriteLine(first.ToJsonString());
        Assert.Equal("Resent", first["outcome"]!.GetValue<string>());
        Assert.True(first["matched"]!.GetValue<bool>());
        Assert.Equal((78L, 73L, 5L), (first["servedPredictions"]!.GetValue<long>(), first["billedPredictions"]!.GetValue<long>(), first["resentPredictions"]!.GetValue<long>()));
        var gap = Assert.Single(first["gaps"]!.AsArray())!;
        Assert.Equal((Deployment, "Resend"), (gap["deployment"]!.GetValue<string>(), gap["action"]!.GetValue<string>()));
        Assert.Equal(new DateTimeOffset(lostAt.UtcTicks - lostAt.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero), gap["hourStart"]!.GetValue<DateTimeOffset>());
        Assert.Equal(5, gap["servedPredictions"]!.GetValue<long>() - gap["billedPredictions"]!.GetValue<long>());
        Assert.Equal((1L, 5L), (gap["resentRecords"]!.GetValue<long>(), gap["resentPredictions"]!.GetValue<long>()));
        Assert.Equal(gap["servedPredictions"]!.GetValue<long>(), gap["billedPredictionsAfter"]!.GetValue<long>());

        // Billed equals served exactly: the lost record itself is back (its usage id), nothing else was added.
        var usage = await platform.Api.UsageAsync(tenant, None);
        Assert.Equal(78, usage["predictions"]!.GetValue<long>());
        Assert.Equal(12, Assert.Single(usage["deployments"]!.AsArray())!["usageRecords"]!.GetValue<int>());
        Assert.Equal(1L, await CountBilledAsync(lostId));

        // The portal says so, and an admin's "Reconcile now" finds everything billed.
        await using var session = await PortalSession.OpenAsync(platform, browser);
        await session.SignInAsync(organization.AdminEmail, organization.AdminPassword!, "/usage");
        var line = session.Page.Locator("[data-reconciliation='Resent'] [data-reconciliation-text]");
        await line.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.EndsWith("5 predictions missing from billing were re-sent; all 78 predictions billed.", (await line.InnerTextAsync()).Trim());
        Assert.Contains("re-sent: 5 predictions added", await session.Page.Locator($"[data-reconciliation-gap='{Deployment}']").InnerTextAsync());
        await Browser.ScreenshotAsync(session.Page, "usage-reconciliation-resent");
        await session.Page.ClickAsync("[data-action='reconcile']");
        var matched = session.Page.Locator("[data-reconciliation='Matched'] [data-reconciliation-text]");
        await matched.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.EndsWith("all 78 predictions billed.", (await matched.InnerTextAsync()).Trim());
        await Browser.ScreenshotAsync(session.Page, "usage-reconciled");

        var last = (await platform.Api.ReconciliationAsync(tenant, None))["last"]!;
        Assert.NotEqual(first["reconciliationId"]!.GetValue<Guid>(), last["reconciliationId"]!.GetValue<Guid>());
        Assert.Equal(("Matched", 78L, 78L, 0), (last["outcome"]!.GetValue<string>(), last["servedPredictions"]!.GetValue<long>(),
            last["billedPredictions"]!.GetValue<long>(), last["gaps"]!.AsArray().Count));
        Assert.Equal(78, await platform.BilledPredictionsAsync(tenant));
    }

    [Fact]
    public async Task Usage_billed_beyond_what_was_served_is_reported_with_both_figures_and_never_deleted()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        // Usage of a deployment Inference never served, as a faulty or forged publisher would send it.
        await bus.PublishAsync(new PredictionsServed(tenant, Guid.NewGuid(), Guid.NewGuid(), "never-served", Guid.NewGuid(), 7, at, at), Guid.NewGuid());
        await Eventually.TrueAsync(async () => await platform.BilledPredictionsAsync(tenant) == 7, "billing to apply the usage");

        var run = await ReconcileAsync(tenant);

        Assert.Equal(("Mismatch", false), (run["outcome"]!.GetValue<string>(), run["matched"]!.GetValue<bool>()));
        Assert.Equal((0L, 7L, 0L), (run["servedPredictions"]!.GetValue<long>(), run["billedPredictions"]!.GetValue<long>(), run["resentPredictions"]!.GetValue<long>()));
        var gap = Assert.Single(run["gaps"]!.AsArray())!;
        Assert.Equal(("never-served", "Report", 0L, 7L), (gap["deployment"]!.GetValue<string>(), gap["action"]!.GetValue<string>(),
            gap["servedPredictions"]!.GetValue<long>(), gap["billedPredictions"]!.GetValue<long>()));
        Assert.Equal(7, await platform.BilledPredictionsAsync(tenant));
    }

    /// <summary>Asks for a reconciliation and waits until billing has recorded it and any re-send is in.</summary>
    private async Task<JsonNode> ReconcileAsync(Guid tenant)
    {
        var id = (await platform.Api.RequestReconciliationAsync(tenant, None))["reconciliationId"]!.GetValue<Guid>();
        return await Eventually.ValueAsync(
            async () => (await platform.Api.ReconciliationAsync(tenant, None))["recent"]!.AsArray()
                .FirstOrDefault(r => r!["reconciliationId"]!.GetValue<Guid>() == id),
            r => r is not null && r["outcome"]!.GetValue<string>() != "Resending",
            $"reconciliation {id} to be compared and settled", TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException();
    }

    private static JsonArray Instances(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["pregnant"] = i % 6, ["glucose"] = 90 + 5 * i, ["pressure"] = 70, ["triceps"] = 25, ["mass"] = 28.5, ["pedigree"] = 0.4, ["age"] = 30 + i,
        })];

    private async Task<(Guid UsageId, DateTimeOffset WindowStart)> DeleteBilledUsageAsync(Guid tenant, long predictions)
    {
        await using var connection = await OpenBillingDatabaseAsync();
        await using var delete = new NpgsqlCommand("""
            DELETE FROM usage_records WHERE "UsageId" = (SELECT "UsageId" FROM usage_records WHERE "TenantId" = $1 AND "Predictions" = $2)
            RETURNING "UsageId", "WindowStart"
            """, connection) { Parameters = { new() { Value = tenant }, new() { Value = predictions } } };
        await using var reader = await delete.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no billed usage of {predictions} predictions to delete");
        return (reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    private async Task<long> CountBilledAsync(Guid usageId)
    {
        await using var connection = await OpenBillingDatabaseAsync();
        await using var count = new NpgsqlCommand("""SELECT count(*) FROM usage_records WHERE "UsageId" = $1""", connection) { Parameters = { new() { Value = usageId } } };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenBillingDatabaseAsync()
    {
        // No pooling: an idle pooled connection would hold up the server's shutdown after the tests.
        var database = new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(ResourceNames.Database(ResourceNames.Billing))) { Pooling = false };
        var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
