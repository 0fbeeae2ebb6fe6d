using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Access;
using Platform.Contracts.Registry;

namespace Platform.SystemTests;

/// <summary>
/// An organization with real data behind every kind of route (a dataset version, a served
/// deployment with a run, keys, a policy, a viewer, API clients, billed usage), the credentials to
/// refuse (a viewer's token, a revoked client's token, a revoked key), and what it owns as a
/// snapshot to compare before and after others knocked.
/// </summary>
public sealed class OrganizationA
{
    private readonly PlatformFixture _platform;
    private readonly Dictionary<string, string> _values = [];
    private readonly List<string> _ids = [];

    private OrganizationA(PlatformFixture platform, Demo.TenantCredentials credentials)
    {
        _platform = platform;
        Credentials = credentials;
        // The operator's routes name a service's queue, not anything of A's: a real queue, so a refusal is the credential's.
        _values["queue"] = "billing-predictions-served";
    }

    public Demo.TenantCredentials Credentials { get; }
    public Guid TenantId => Credentials.TenantId;
    public string Dataset { get; } = $"a-data-{Guid.NewGuid():N}"[..16];
    public string Deployment { get; } = $"a-risk-{Guid.NewGuid():N}"[..16];
    public string ViewerToken { get; private set; } = "";
    public string RevokedToken { get; private set; } = "";
    public string RevokedKey { get; private set; } = "";

    public static async Task<OrganizationA> CreateAsync(PlatformFixture platform)
    {
        var a = new OrganizationA(platform, await platform.CreateOrganizationAsync());
        await a.PopulateAsync();
        return a;
    }

    private async Task PopulateAsync()
    {
        var created = await SendAsync(HttpMethod.Post, ResourceNames.Registry, "/api/deployments", new { name = Deployment, solution = "healthcare-diabetes-risk", dataset = Dataset });
        var key = created["apiKey"]!.GetValue<string>();
        using (var csv = new StreamContent(File.OpenRead(PlatformApi.SamplePath("healthcare-diabetes.csv"))))
        {
            csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            Remember(await SendAsync(HttpMethod.Post, ResourceNames.Ingestion, $"/api/datasets/{Dataset}/versions", csv), "id");
        }
        var champion = await Eventually.ValueAsync(
            async () => (await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{Deployment}"))["champion"],
            c => c is not null, "A's deployment to be promoted", TimeSpan.FromMinutes(4));
        var detail = await SendAsync(HttpMethod.Get, ResourceNames.Registry, $"/api/deployments/{Deployment}");
        _values["id"] = _values["modelVersionId"] = _values["version"] = champion!["id"]!.GetValue<string>();
        _values["runId"] = detail["runs"]![0]!["id"]!.GetValue<string>();
        _values["keyId"] = created["key"]!["id"]!.GetValue<string>();
        _ids.AddRange([TenantId.ToString(), detail["deployment"]!["id"]!.GetValue<string>(), _values["id"], _values["runId"], _values["keyId"]]);

        // Served and billed predictions (a replica that has not loaded the model yet answers 503: ask again).
        await Eventually.TrueAsync(async () =>
        {
            using var http = new HttpClient { BaseAddress = _platform.App.GetEndpoint(ResourceNames.Inference, "http") };
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/deployments/{Deployment}/predict")
            {
                Content = JsonContent.Create(new { instances = new[] { new { pregnant = 1, glucose = 99, pressure = 70, triceps = 20, mass = 25.0, pedigree = 0.3, age = 30 } } }),
            };
            request.Headers.Add(ApiKeys.Header, key);
            return (await http.SendAsync(request)).IsSuccessStatusCode;
        }, "A's prediction to be served", TimeSpan.FromMinutes(2));
        await Eventually.TrueAsync(async () => (await SendAsync(HttpMethod.Get, ResourceNames.Billing, "/api/usage"))["predictions"]!.GetValue<long>() > 0, "A's usage to be billed");
        await SendAsync(HttpMethod.Put, ResourceNames.Registry, $"/api/deployments/{Deployment}/retraining-policy", new { windowRows = 800 });

        // A key that was revoked.
        var issued = await SendAsync(HttpMethod.Post, ResourceNames.Registry, $"/api/deployments/{Deployment}/keys", new { scopes = PlatformScopes.ApiKey });
        RevokedKey = issued["apiKey"]!.GetValue<string>();
        _ids.Add(issued["key"]!["id"]!.GetValue<string>());
        await SendAsync(HttpMethod.Delete, ResourceNames.Registry, $"/api/deployments/{Deployment}/keys/{issued["key"]!["id"]}");

        // A viewer, signed in through the identity provider as a member would be.
        var viewer = await SendAsync(HttpMethod.Post, ResourceNames.Portal, "/api/members", new { email = $"viewer-{Guid.NewGuid():N}@a.example", role = PlatformRoles.Viewer });
        _values["memberId"] = viewer["id"]!.GetValue<string>();
        _ids.Add(_values["memberId"]);
        using (var browser = new ScriptedBrowser(_platform))
            ViewerToken = await browser.MemberAccessTokenAsync(viewer["email"]!.GetValue<string>(), viewer["password"]!.GetValue<string>());

        // Two more API clients: one is the target of others' attempts, one is revoked while its token is held.
        var target = await SendAsync(HttpMethod.Post, ResourceNames.Portal, "/api/clients", new { name = "target", scopes = PlatformScopes.Read });
        _values["clientId"] = target["client"]!["clientId"]!.GetValue<string>();
        var withdrawn = await SendAsync(HttpMethod.Post, ResourceNames.Portal, "/api/clients", new { name = "withdrawn", scopes = PlatformScopes.Tenant });
        var withdrawnId = withdrawn["client"]!["clientId"]!.GetValue<string>();
        _ids.AddRange([_values["clientId"], withdrawnId, Credentials.ClientId]);
        var withdrawnCredentials = Credentials with { ClientId = withdrawnId, ClientSecret = withdrawn["clientSecret"]!.GetValue<string>() };
        RevokedToken = await new Demo.AccessTokens(_platform.Endpoints(), new HttpClient()).GetAsync(withdrawnCredentials.ClientId, withdrawnCredentials.ClientSecret, null, default);
        await SendAsync(HttpMethod.Delete, ResourceNames.Portal, $"/api/clients/{withdrawnId}");
        // The revocation has reached every service (each replica's own queue) before anyone knocks with it.
        foreach (var service in ResourceNames.Services)
            await Eventually.TrueAsync(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenant");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RevokedToken);
                return (await _platform.Client(service).SendAsync(request)).StatusCode == System.Net.HttpStatusCode.Unauthorized;
            }, $"{service} to refuse the revoked client's token", TimeSpan.FromSeconds(15));
    }

    /// <summary>A route template with A's own resources in it.</summary>
    public string Fill(string template) => System.Text.RegularExpressions.Regex.Replace(template, "{(\\w+)}", m => m.Groups[1].Value switch
    {
        "name" => template.StartsWith("/api/datasets", StringComparison.Ordinal) ? Dataset : Deployment,
        "number" => "1",
        var parameter => _values.TryGetValue(parameter, out var value) ? value : throw new InvalidOperationException($"No value of A's for {{{parameter}}} in {template}"),
    });

    /// <summary>Whether an answer carries any of A's ids (its tenant, deployment, model version, run, keys, member, clients).</summary>
    public bool Leaks(string body) => _ids.Any(id => body.Contains(id, StringComparison.OrdinalIgnoreCase));

    /// <summary>What A owns, as A reads it; times of last use (and replicas' loading) move by themselves, so they are left out.</summary>
    public async Task<string> SnapshotAsync()
    {
        string[] reads =
        [
            $"{ResourceNames.Ingestion} /api/datasets", $"{ResourceNames.Ingestion} /api/datasets/{Dataset}/versions",
            $"{ResourceNames.Registry} /api/deployments", $"{ResourceNames.Registry} /api/deployments/{Deployment}",
            $"{ResourceNames.Registry} /api/deployments/{Deployment}/keys", $"{ResourceNames.Registry} /api/deployments/{Deployment}/retraining-policy",
            $"{ResourceNames.Registry} /api/deployments/{Deployment}/versions", $"{ResourceNames.Portal} /api/members",
            $"{ResourceNames.Portal} /api/clients", $"{ResourceNames.Billing} /api/usage", $"{ResourceNames.Billing} /api/plan",
        ];
        var snapshot = new JsonObject();
        foreach (var read in reads)
        {
            var (service, path) = (read.Split(' ')[0], read.Split(' ')[1]);
            snapshot[read] = Stable(await SendAsync(HttpMethod.Get, service, path));
        }
        return snapshot.ToJsonString();
    }

    private static JsonNode? Stable(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var volatileField in new[] { "lastUsedAt", "traceId", "loaded", "loadedModelVersionId" }) o.Remove(volatileField);
                foreach (var (_, child) in o.ToArray()) Stable(child);
                break;
            case JsonArray a:
                foreach (var child in a) Stable(child);
                break;
        }
        return node;
    }

    private void Remember(JsonNode node, string field) => _ids.Add(node[field]!.GetValue<string>());

    private async Task<JsonNode> SendAsync(HttpMethod method, string service, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch { null => null, HttpContent content => content, _ => JsonContent.Create(body) },
        };
        await _platform.AuthorizeAsync(request, TenantId);
        var response = await _platform.Client(service).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {service}{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
