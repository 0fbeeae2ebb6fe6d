using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Registry;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// A deployment's API keys through their life, checked on each of two Inference replicas by its own
/// address: a rotated key works through its grace period and then says it expired, a revoked key is
/// refused by every replica within seconds (the event reaches each replica's own queue), and the
/// registry lists when each key was last used.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class ApiKeyLifecycleTests(AccessFixture platform, ITestOutputHelper output)
{
    private static readonly object Instance = new { instances = new[] { new { pregnant = 6, glucose = 148, pressure = 72, triceps = 35, mass = 33.6, pedigree = 0.627, age = 50 } } };

    [Fact]
    public async Task Rotation_keeps_the_old_key_for_its_grace_and_revocation_reaches_every_replica_within_seconds()
    {
        var tenant = await platform.RegisterTenantAsync();
        var created = await SendAsync(tenant, HttpMethod.Post, ResourceNames.Registry, "/api/deployments", new { name = "risk", solution = "healthcare-diabetes-risk", dataset = "diabetes" });
        var first = created["apiKey"]!.GetValue<string>();
        var firstId = created["key"]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, (await platform.UploadDatasetAsync(tenant, "diabetes", "healthcare-diabetes.csv")).StatusCode);

        var replicas = ReplicaAddresses.Of("Platform.Inference", platform.DataDirectory);
        Assert.Equal(AccessFixture.InferenceReplicas, replicas.Count);
        // Each replica loads the promoted model from the event, on its own queue (ADR 18).
        foreach (var replica in replicas)
            await Eventually.TrueAsync(async () => (await PredictAsync(replica, first)).StatusCode == HttpStatusCode.OK, $"{replica} to serve the model", TimeSpan.FromMinutes(4));

        // Rotate with a 60 s grace: both keys work on every replica.
        var rotated = await SendAsync(tenant, HttpMethod.Post, ResourceNames.Registry, $"/api/deployments/risk/keys/{firstId}/rotate", new { graceSeconds = 60 });
        var second = rotated["apiKey"]!.GetValue<string>();
        var secondId = rotated["key"]!["id"]!.GetValue<Guid>();
        Assert.Equal("expiring", rotated["replaced"]!["state"]!.GetValue<string>());
        var propagation = Stopwatch.StartNew();
        foreach (var replica in replicas)
            await Eventually.TrueAsync(async () => (await PredictAsync(replica, second)).StatusCode == HttpStatusCode.OK, $"{replica} to accept the new key", TimeSpan.FromSeconds(30));
        output.WriteLine($"new key accepted by {replicas.Count} replicas after {propagation.ElapsedMilliseconds} ms");
        foreach (var replica in replicas) Assert.Equal(HttpStatusCode.OK, (await PredictAsync(replica, first)).StatusCode);

        // Revoke the old key before its grace ends: every replica refuses it, saying so, within seconds.
        await SendAsync(tenant, HttpMethod.Delete, ResourceNames.Registry, $"/api/deployments/risk/keys/{firstId}");
        propagation.Restart();
        foreach (var replica in replicas)
            await Eventually.TrueAsync(async () => (await PredictAsync(replica, first)).StatusCode == HttpStatusCode.Unauthorized, $"{replica} to refuse the revoked key", TimeSpan.FromSeconds(10));
        var revokedAfter = propagation.Elapsed;
        output.WriteLine($"revoked key refused by every replica after {revokedAfter.TotalMilliseconds:F0} ms");
        foreach (var replica in replicas)
        {
            var refused = await PredictAsync(replica, first);
            Assert.Contains("was revoked at", (await refused.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.OK, (await PredictAsync(replica, second)).StatusCode);
        }
        Assert.True(revokedAfter < TimeSpan.FromSeconds(10), $"revocation took {revokedAfter}");

        // A rotation with a 1 s grace: afterwards the replaced key says it expired.
        var third = (await SendAsync(tenant, HttpMethod.Post, ResourceNames.Registry, $"/api/deployments/risk/keys/{secondId}/rotate", new { graceSeconds = 1 }))["apiKey"]!.GetValue<string>();
        foreach (var replica in replicas)
        {
            await Eventually.TrueAsync(async () => (await PredictAsync(replica, third)).StatusCode == HttpStatusCode.OK, $"{replica} to accept the third key", TimeSpan.FromSeconds(30));
            await Eventually.TrueAsync(async () => (await PredictAsync(replica, second)).StatusCode == HttpStatusCode.Unauthorized, $"{replica} to refuse the expired key", TimeSpan.FromSeconds(10));
            var expired = await PredictAsync(replica, second);
            Assert.Contains("expired at", (await expired.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>());
        }

        // The registry lists the keys by prefix, with their states and when Inference saw them used.
        var keys = await Eventually.ValueAsync(
            async () => (await SendAsync(tenant, HttpMethod.Get, ResourceNames.Registry, "/api/deployments/risk/keys")).AsArray(),
            listed => listed.All(k => k!["lastUsedAt"] is not null), "every key's last use to be reported", TimeSpan.FromSeconds(60));
        Assert.Equal(["active", "expired", "revoked"], keys.Select(k => k!["state"]!.GetValue<string>()).Order());
        var byPrefix = (await SendAsync(tenant, HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/risk/keys?prefix={ApiKeys.Prefix(third)}")).AsArray();
        Assert.Equal(ApiKeys.Prefix(third), Assert.Single(byPrefix)!["prefix"]!.GetValue<string>());
        Assert.DoesNotContain(third, keys.ToJsonString());
    }

    /// <summary>On a new connection, to the replica itself.</summary>
    private static async Task<HttpResponseMessage> PredictAsync(Uri replica, string apiKey)
    {
        using var http = new HttpClient { BaseAddress = replica };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/deployments/risk/predict") { Content = JsonContent.Create(Instance) };
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
