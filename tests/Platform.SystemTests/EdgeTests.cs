using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Billing;
using Platform.Contracts.Inference;
using Platform.Contracts.Registry;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// The edge of serving with two Inference replicas (issue 20, items 5 and 6; ADR 18): a deployment
/// announced live (<see cref="ModelLoaded"/>) is served by every replica at once, and a tenant over
/// its plan's hard cap is refused with 429 by every replica within a second of Billing's event, on
/// predict and on the Open Inference Protocol alike, and served again when a plan change restores it.
/// Each replica here keeps one model loaded (issue 19, item 6): an evicted deployment loads again on demand.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class EdgeTests(AccessFixture platform, ITestOutputHelper output)
{
    private static readonly object Patient = new { pregnant = 6, glucose = 148, pressure = 72, triceps = 35, mass = 33.6, pedigree = 0.627, age = 50 };
    private static readonly string[] Columns = ["pregnant", "glucose", "pressure", "triceps", "insulin", "mass", "pedigree", "age"];

    private HttpClient Gateway => platform.Client(ResourceNames.Gateway);

    [Fact]
    public async Task Right_after_a_deployment_is_reported_live_every_replica_serves_it_and_200_predictions_through_the_gateway_all_succeed()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var live = await bus.SubscribeAsync<ModelLoaded>(m => m.TenantId == tenant && m.DeploymentName == "live");
        var apiKey = await DeployAsync(tenant, "live");

        await live.WaitAsync(TimeSpan.FromMinutes(5));
        var statuses = new int[200];
        await Parallel.ForAsync(0, statuses.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            statuses[i] = (int)(await PredictAsync(Gateway, "live", apiKey, [Patient])).StatusCode);
        var byStatus = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"200 predictions right after ModelLoaded: {string.Join(", ", byStatus.Select(s => $"{s.Value} × {s.Key}"))}");
        Assert.Equal(0, byStatus.GetValueOrDefault(409));
        Assert.Equal(200, byStatus.GetValueOrDefault(200));

        // Each replica by its own address: neither waited for its next synchronisation.
        var replicas = ReplicaAddresses.Of("Platform.Inference", platform.DataDirectory);
        Assert.Equal(AccessFixture.InferenceReplicas, replicas.Count);
        foreach (var replica in replicas)
        {
            using var http = new HttpClient { BaseAddress = replica };
            var served = await PredictAsync(http, "live", apiKey, [Patient]);
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"{replica}: {(int)served.StatusCode} {await served.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task A_tenant_over_its_hard_cap_gets_429_with_retry_after_on_predict_and_infer_from_every_replica_within_a_second_and_is_served_after_a_plan_change()
    {
        var tenant = await platform.RegisterTenantAsync();
        await SendAsync(tenant, HttpMethod.Put, ResourceNames.Billing, "/api/plan", new { plan = "trial" });
        var apiKey = await DeployAsync(tenant, "capped");
        var replicas = ReplicaAddresses.Of("Platform.Inference", platform.DataDirectory);
        Assert.Equal(AccessFixture.InferenceReplicas, replicas.Count);
        foreach (var replica in replicas)
        {
            using var http = new HttpClient { BaseAddress = replica };
            await Eventually.TrueAsync(async () => (await PredictAsync(http, "capped", apiKey, [Patient])).StatusCode == HttpStatusCode.OK,
                $"{replica} to serve the model", TimeSpan.FromMinutes(4));
        }

        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var exceeded = await bus.SubscribeAsync<QuotaExceeded>(m => m.TenantId == tenant);
        // The trial plan's cap is 1,000 a month: one full batch reaches it (the requests above are billed too).
        var batch = await PredictAsync(Gateway, "capped", apiKey, Enumerable.Repeat(Patient, 1_000).ToArray());
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);

        var (evt, heardAt) = await exceeded.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(("hardCapMonthlyPredictions", 1_000L), (evt.Quota, evt.Limit));
        var resets = new DateTimeOffset(evt.PeriodStart.Year, evt.PeriodStart.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        // Every replica is asked at once, 20 ms after each answer, until it refuses. "Within a second" means a request
        // sent a second after the event is refused: a request served is the replica not knowing yet when it was sent,
        // while a refusal's round trip on two loaded cores also holds the time the request queued, so it is only logged.
        var refusals = await Task.WhenAll(replicas.Select(async replica =>
        {
            using var http = new HttpClient { BaseAddress = replica };
            TimeSpan? lastServedSentAt = null;
            while (true)
            {
                var sentAt = Stopwatch.GetElapsedTime(heardAt);
                Assert.True(sentAt < TimeSpan.FromSeconds(5), $"{replica} still served the capped tenant 5 s after QuotaExceeded");
                if ((await PredictAsync(http, "capped", apiKey, [Patient])).StatusCode == HttpStatusCode.TooManyRequests)
                    return (Replica: replica, LastServedSentAt: lastServedSentAt, RefusedAt: Stopwatch.GetElapsedTime(heardAt));
                lastServedSentAt = sentAt;
                await Task.Delay(20);
            }
        }));
        foreach (var (replica, lastServedSentAt, refusedAt) in refusals)
        {
            output.WriteLine($"{replica}: last served a request sent {lastServedSentAt?.TotalMilliseconds.ToString("F0") ?? "(none)"} ms after QuotaExceeded was heard, refused one answered at {refusedAt.TotalMilliseconds:F0} ms");
            Assert.True(lastServedSentAt is null || lastServedSentAt < TimeSpan.FromSeconds(1), $"{replica} served a request sent {lastServedSentAt} after QuotaExceeded");
        }
        foreach (var replica in replicas)
        {
            using var http = new HttpClient { BaseAddress = replica };
            await AssertQuotaRefusalAsync(await PredictAsync(http, "capped", apiKey, [Patient]), resets);
            await AssertQuotaRefusalAsync(await InferAsync(http, "capped", apiKey), resets, protocol: true);
        }
        await AssertQuotaRefusalAsync(await PredictAsync(Gateway, "capped", apiKey, [Patient]), resets);
        await AssertQuotaRefusalAsync(await InferAsync(Gateway, "capped", apiKey), resets, protocol: true);

        var quota = await SendAsync(tenant, HttpMethod.Get, ResourceNames.Billing, "/api/quota");
        Assert.Equal((1_000L, 1_000L, true), (quota["hardCapMonthlyPredictions"]!.GetValue<long>(), quota["includedMonthlyPredictions"]!.GetValue<long>(), quota["exceeded"]!.GetValue<bool>()));
        Assert.True(quota["usedPredictions"]!.GetValue<long>() >= 1_000);

        // A plan whose cap is above the month's use restores the tenant everywhere.
        var restored = await bus.SubscribeAsync<QuotaRestored>(m => m.TenantId == tenant);
        await SendAsync(tenant, HttpMethod.Put, ResourceNames.Billing, "/api/plan", new { plan = "starter" });
        var (restoredEvent, restoredAt) = await restored.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("the plan changed to 'starter'", restoredEvent.Reason);
        foreach (var replica in replicas)
        {
            using var http = new HttpClient { BaseAddress = replica };
            await Eventually.TrueAsync(async () => (await PredictAsync(http, "capped", apiKey, [Patient])).StatusCode == HttpStatusCode.OK,
                $"{replica} to serve the restored tenant", TimeSpan.FromSeconds(5));
            output.WriteLine($"{replica} served again {Stopwatch.GetElapsedTime(restoredAt).TotalMilliseconds:F0} ms after QuotaRestored was heard");
            Assert.Equal(HttpStatusCode.OK, (await InferAsync(http, "capped", apiKey)).StatusCode);
        }
        var after = await SendAsync(tenant, HttpMethod.Get, ResourceNames.Billing, "/api/quota");
        Assert.Equal((100_000L, false), (after["hardCapMonthlyPredictions"]!.GetValue<long>(), after["exceeded"]!.GetValue<bool>()));
    }

    private static async Task AssertQuotaRefusalAsync(HttpResponseMessage refused, DateTimeOffset resets, bool protocol = false)
    {
        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)refused.StatusCode} {body}");
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        // Retry-After is the time until the quota resets: the start of next month.
        Assert.InRange(retryAfter.Value, resets - DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1), resets - DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
        var problem = JsonNode.Parse(body)!;
        Assert.Equal("quota", problem["field"]!.GetValue<string>());
        Assert.Equal("hardCapMonthlyPredictions", problem["limit"]!["name"]!.GetValue<string>());
        Assert.Equal(1_000, problem["limit"]!["value"]!.GetValue<long>());
        Assert.Contains("reached the 'trial' plan's hard cap of 1,000", problem["reason"]!.GetValue<string>());
        Assert.Equal(resets, problem["resetsAt"]!.GetValue<DateTimeOffset>());
        if (protocol) Assert.Contains("hard cap", problem["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_replica_over_its_model_memory_budget_evicts_the_least_recently_used_model_and_loads_it_again_on_its_next_request()
    {
        var tenant = await platform.RegisterTenantAsync();
        await using var bus = await TestBus.StartAsync(await platform.ConnectionStringAsync(ResourceNames.Messaging));
        var firstLive = await bus.SubscribeAsync<ModelLoaded>(m => m.TenantId == tenant && m.DeploymentName == "first");
        var secondLive = await bus.SubscribeAsync<ModelLoaded>(m => m.TenantId == tenant && m.DeploymentName == "second");
        // Both deployments learn from the one upload of their dataset.
        var keys = new List<string>();
        foreach (var name in new[] { "first", "second" })
        {
            var created = await SendAsync(tenant, HttpMethod.Post, ResourceNames.Registry, "/api/deployments", new { name, solution = "healthcare-diabetes-risk", dataset = "diabetes" });
            keys.Add(created["apiKey"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv")).StatusCode);
        await Task.WhenAll(firstLive.WaitAsync(TimeSpan.FromMinutes(5)), secondLive.WaitAsync(TimeSpan.FromMinutes(5)));

        // Each replica keeps one model (AccessFixture): whichever deployment is asked for is loaded and the other evicted.
        foreach (var replica in ReplicaAddresses.Of("Platform.Inference", platform.DataDirectory))
        {
            using var http = new HttpClient { BaseAddress = replica };
            foreach (var (asked, other, key) in new[] { ("first", "second", keys[0]), ("second", "first", keys[1]), ("first", "second", keys[0]) })
            {
                var answer = await PredictAsync(http, asked, key, [Patient]);
                Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{replica} {asked}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                var serving = await ServingAsync(http, tenant);
                Assert.True(serving[asked], $"{replica}: {asked} was just served, so it is loaded");
                Assert.False(serving[other], $"{replica}: {other} is over the one-model budget, so serving {asked} evicted it");
            }
        }
    }

    /// <summary>Whether each deployment's promoted model is loaded on this replica, as <c>GET /api/serving</c> reports it.</summary>
    private async Task<Dictionary<string, bool>> ServingAsync(HttpClient replica, Guid tenant)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/serving");
        await platform.AuthorizeAsync(request, tenant);
        var response = await replica.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/serving: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsArray().ToDictionary(d => d!["name"]!.GetValue<string>(), d => d!["loaded"]!.GetValue<bool>());
    }

    private async Task<string> DeployAsync(Guid tenant, string name)
    {
        var created = await SendAsync(tenant, HttpMethod.Post, ResourceNames.Registry, "/api/deployments", new { name, solution = "healthcare-diabetes-risk", dataset = "diabetes" });
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv")).StatusCode);
        return created["apiKey"]!.GetValue<string>();
    }

    private static async Task<HttpResponseMessage> PredictAsync(HttpClient http, string deployment, string apiKey, object[] instances)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{deployment}/predict") { Content = JsonContent.Create(new { instances }) };
        request.Headers.Add(ApiKeys.Header, apiKey);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpResponseMessage> InferAsync(HttpClient http, string deployment, string apiKey)
    {
        double?[] patient = [6, 148, 72, 35, null, 33.6, 0.627, 50];
        var inputs = Columns.Select((c, i) => new { name = c, shape = new[] { 1, 1 }, datatype = "FP32", data = new[] { patient[i] } }).ToArray();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v2/models/{deployment}/infer") { Content = JsonContent.Create(new { inputs }) };
        request.Headers.Add(ApiKeys.Header, apiKey);
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private async Task<JsonNode> SendAsync(Guid tenant, HttpMethod method, string service, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        await platform.AuthorizeAsync(request, tenant);
        var response = await platform.Client(service).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {service}{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
