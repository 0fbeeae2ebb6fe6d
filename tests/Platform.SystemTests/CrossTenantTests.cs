using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Contracts;
using Platform.Contracts.Access;
using Platform.Contracts.Registry;
using Xunit.Abstractions;

namespace Platform.SystemTests;

/// <summary>
/// Every route of every running service (from the OpenAPI documents they publish, not a list kept
/// here) called as each kind of caller who must be refused: nobody, another organization, a viewer
/// writing, an expired token, a revoked token, a revoked key. Organization A owns real data; at the
/// end its data is exactly as before, and no answer to anyone else carried any of A's ids.
/// </summary>
[Collection(AccessCollection.Name)]
public sealed class CrossTenantTests(AccessFixture platform, ITestOutputHelper output)
{
    /// <summary>The only routes anyone may call without a credential: getting one.</summary>
    // The token endpoint, and the inference protocol's server probes and metadata (no organization's data, as /health).
    private static readonly string[] PublicByDesign = ["POST portal/connect/token", "GET inference/v2", "GET inference/v2/health/live", "GET inference/v2/health/ready"];

    [Fact]
    public async Task No_route_answers_across_organizations_or_lets_a_viewer_write_or_takes_an_expired_or_revoked_credential()
    {
        var a = await OrganizationA.CreateAsync(platform);
        var b = await platform.CreateOrganizationAsync();
        var bKey = (await SendAsync(await platform.Api.TokenAsync(b.TenantId, default), HttpMethod.Post, ResourceNames.Registry, "/api/deployments",
            JsonContent.Create(new { name = "b-other", solution = "healthcare-diabetes-risk", dataset = "other" })))["apiKey"]!.GetValue<string>();
        var expired = ForgedTokens.Expired(platform, a.TenantId, a.Credentials.ClientId, PlatformScopes.Tenant);
        var before = await a.SnapshotAsync();

        var routes = await ServiceRoute.ReadAsync(platform);
        var checks = 0;
        var ownNamespace = new List<string>();
        var failures = new List<string>();
        void Check(ServiceRoute route, string caller, bool ok, HttpResponseMessage response, string body)
        {
            checks++;
            if (!ok) failures.Add($"{route} as {caller}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        foreach (var route in routes)
        {
            var path = a.Fill(route.Path);
            var isPublic = PublicByDesign.Contains($"{route.Method} {route.Service}{route.Path}");

            var (anonymous, anonymousBody) = await CallAsync(route, path, token: null, key: null);
            Check(route, "nobody", isPublic || anonymous.StatusCode == HttpStatusCode.Unauthorized, anonymous, anonymousBody);
            if (isPublic) continue;

            if (route.TakesApiKey)
            {
                var (other, otherBody) = await CallAsync(route, path, token: null, key: bKey);
                Check(route, "another organization's key", other.StatusCode == HttpStatusCode.Forbidden && !a.Leaks(otherBody), other, otherBody);
                var (revoked, revokedBody) = await CallAsync(route, path, token: null, key: a.RevokedKey);
                Check(route, "a revoked key", revoked.StatusCode == HttpStatusCode.Unauthorized && revokedBody.Contains("was revoked"), revoked, revokedBody);
                var (viewer, viewerBody) = await CallAsync(route, path, token: a.ViewerToken, key: null);
                Check(route, "a viewer's token", viewer.StatusCode == HttpStatusCode.Unauthorized, viewer, viewerBody);
                continue;
            }

            var (stale, staleBody) = await CallAsync(route, path, token: expired, key: null);
            Check(route, "an expired token", stale.StatusCode == HttpStatusCode.Unauthorized && staleBody.Contains("expired"), stale, staleBody);
            var (withdrawn, withdrawnBody) = await CallAsync(route, path, token: a.RevokedToken, key: null);
            Check(route, "a revoked client's token", withdrawn.StatusCode == HttpStatusCode.Unauthorized && withdrawnBody.Contains("revoked"), withdrawn, withdrawnBody);
            if (route.IsWrite)
            {
                var (viewer, viewerBody) = await CallAsync(route, path, token: a.ViewerToken, key: null);
                Check(route, "a viewer's token", viewer.StatusCode == HttpStatusCode.Forbidden, viewer, viewerBody);
            }

            // Another organization's full token on A's resources: refused, or (for routes that name
            // their resource inside the caller's own organization) answered about B only.
            var (cross, crossBody) = await CallAsync(route, path, token: await platform.Api.TokenAsync(b.TenantId, default), key: null);
            var refused = cross.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound;
            Check(route, "another organization's token", refused || !a.Leaks(crossBody), cross, crossBody);
            if (!refused) ownNamespace.Add($"{route} → {(int)cross.StatusCode}");
        }

        var after = await a.SnapshotAsync();
        output.WriteLine($"{routes.Count} routes of {routes.Select(r => r.Service).Distinct().Count()} services, {checks} route × caller checks, {failures.Count} failed");
        output.WriteLine($"answered for the other organization's own namespace, with none of A's ids: {string.Join("; ", ownNamespace)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, after);
        Assert.True(routes.Count >= 40, $"only {routes.Count} routes were read from the OpenAPI documents");
    }

    private async Task<(HttpResponseMessage Response, string Body)> CallAsync(ServiceRoute route, string path, string? token, string? key)
    {
        using var request = new HttpRequestMessage(route.Method, path);
        if (route.SampleBody is not null) request.Content = JsonContent.Create(route.SampleBody);
        else if (route.IsWrite) request.Content = new StringContent("probe,column\n1,2\n", System.Text.Encoding.UTF8, "text/csv");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null) request.Headers.Add(ApiKeys.Header, key);
        var response = await platform.Client(route.Service).SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonNode> SendAsync(string token, HttpMethod method, string service, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await platform.Client(service).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {service}{path}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }
}
