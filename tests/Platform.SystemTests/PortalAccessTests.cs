using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Platform.Contracts;
using Platform.Contracts.Access;

namespace Platform.SystemTests;

/// <summary>
/// Access as a customer meets it in the portal, in a real Chromium: signing up an organization,
/// creating an API client whose secret is shown once and calling the API with its token as a
/// program would; and a removed member losing the page they had open, and their tokens.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalAccessTests(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_new_organization_signs_up_creates_an_api_client_and_a_program_calls_the_api_with_its_token()
    {
        var organization = $"Sign-up {Guid.NewGuid():N}"[..24];
        var email = $"founder-{Guid.NewGuid():N}@example.com";
        await using var session = await PortalSession.OpenAsync(platform, browser);
        var page = session.Page;
        await page.GotoAsync("/login");
        await page.ClickAsync("[data-action='signup']");
        // The price list: read from billing with the portal's own credential, as nobody is signed in.
        Assert.Contains("starter", await page.Locator("[data-plans]").InnerTextAsync());
        await page.FillAsync("#organization", organization);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "a long enough passphrase");
        await Browser.ScreenshotAsync(page, "40-signup");
        await page.ClickAsync("button[type=submit]");
        await session.WaitUntilInteractiveAsync();
        await page.Locator(".solution-card").First.WaitForAsync();
        Assert.Equal(email, await page.Locator("[data-user]").GetAttributeAsync("data-user"));

        // The admin creates a read-only API client: its secret is on the page once.
        await session.NavigateByLinkAsync("[data-nav='api-clients']", "**/api-clients");
        await page.FillAsync("[data-input='client-name']", "nightly report");
        await page.ClickAsync("[data-action='create-client']");
        var clientId = await page.Locator("[data-client-id]").InnerTextAsync();
        var secret = await page.Locator("[data-client-secret]").InnerTextAsync();
        await Browser.ScreenshotAsync(page, "41-api-client-created");
        Assert.Equal("active", await page.Locator($"[data-client='{clientId}']").GetAttributeAsync("data-client-state"));

        // A program: client credentials at the token endpoint, then the API with the token.
        using var http = new HttpClient();
        var token = await TokenAsync(http, clientId, secret);
        var deployments = await CallAsync(http, token, HttpMethod.Get, ResourceNames.Registry, "/api/deployments");
        Assert.Equal(HttpStatusCode.OK, deployments.StatusCode);
        Assert.Equal("[]", await deployments.Content.ReadAsStringAsync());
        var usage = JsonNode.Parse(await (await CallAsync(http, token, HttpMethod.Get, ResourceNames.Billing, "/api/usage")).Content.ReadAsStringAsync())!;
        Assert.Equal(0, usage["predictions"]!.GetValue<long>());
        var write = await CallAsync(http, token, HttpMethod.Post, ResourceNames.Registry, "/api/deployments",
            JsonContent.Create(new { name = "risk", solution = "finance-credit-risk", dataset = "loans" }));
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains($"needs the scope {PlatformScopes.DeploymentsWrite}", await write.Content.ReadAsStringAsync());

        // Revoked in the portal: the token it holds is refused within seconds, and it gets no new one.
        await page.ClickAsync($"[data-client='{clientId}'] [data-action='revoke-client']");
        await page.Locator($"[data-client='{clientId}'][data-client-state='revoked']").WaitForAsync();
        await Eventually.TrueAsync(async () => (await CallAsync(http, token, HttpMethod.Get, ResourceNames.Registry, "/api/deployments")).StatusCode == HttpStatusCode.Unauthorized,
            "the registry to refuse the revoked client's token", TimeSpan.FromSeconds(15));
        var again = await http.SendAsync(TokenRequest(clientId, secret));
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("invalid_client", await again.Content.ReadAsStringAsync());

        // Organization names are unique, whatever their case.
        await using var second = await PortalSession.OpenAsync(platform, browser);
        await second.Page.GotoAsync("/signup");
        await second.Page.FillAsync("#organization", organization.ToUpperInvariant());
        await second.Page.FillAsync("#email", $"other-{Guid.NewGuid():N}@example.com");
        await second.Page.FillAsync("#password", "another long passphrase");
        await second.Page.ClickAsync("button[type=submit]");
        Assert.Equal("name", await second.Page.Locator("[data-signup-error]").GetAttributeAsync("data-signup-error"));
        Assert.Contains("exists", await second.Page.Locator("[data-signup-error]").InnerTextAsync());
    }

    [Fact]
    public async Task A_removed_member_loses_the_page_they_had_open_and_their_tokens()
    {
        var organization = await platform.CreateOrganizationAsync();
        var member = JsonNode.Parse(await (await AdminAsync(organization, HttpMethod.Post, "/api/members",
            JsonContent.Create(new { email = $"member-{Guid.NewGuid():N}@example.com", role = PlatformRoles.DataScientist }))).Content.ReadAsStringAsync())!;
        var (email, password, id) = (member["email"]!.GetValue<string>(), member["password"]!.GetValue<string>(), member["id"]!.GetValue<string>());

        await using var session = await PortalSession.OpenAsync(platform, browser);
        await session.SignInAsync(email, password, "/deployments");
        await session.WaitUntilInteractiveAsync();
        using var scripted = new ScriptedBrowser(platform);
        var token = await scripted.MemberAccessTokenAsync(email, password);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(http, token, HttpMethod.Get, ResourceNames.Registry, "/api/deployments")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await AdminAsync(organization, HttpMethod.Delete, $"/api/members/{id}")).StatusCode);

        // The open page notices within its revalidation interval and goes to sign-in; the token is refused.
        await session.Page.WaitForURLAsync("**/login**", new PageWaitForURLOptions { Timeout = 20_000 });
        await Browser.ScreenshotAsync(session.Page, "42-removed-member-signed-out");
        await Eventually.TrueAsync(async () => (await CallAsync(http, token, HttpMethod.Get, ResourceNames.Registry, "/api/deployments")).StatusCode == HttpStatusCode.Unauthorized,
            "the registry to refuse the removed member's token", TimeSpan.FromSeconds(15));
        await session.Page.FillAsync("#email", email);
        await session.Page.FillAsync("#password", password);
        await session.Page.ClickAsync("button[type=submit]");
        await session.Page.WaitForURLAsync("**/login?error=invalid**");
    }

    private async Task<HttpResponseMessage> AdminAsync(Demo.TenantCredentials organization, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        await platform.AuthorizeAsync(request, organization.TenantId);
        return await platform.Client(ResourceNames.Portal).SendAsync(request);
    }

    private HttpRequestMessage TokenRequest(string clientId, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.App.GetEndpoint(ResourceNames.Portal, "http"), "/connect/token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return request;
    }

    private async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        var response = await http.SendAsync(TokenRequest(clientId, secret));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private async Task<HttpResponseMessage> CallAsync(HttpClient http, string token, HttpMethod method, string service, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(platform.App.GetEndpoint(service, "http"), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }
}
