using System.Net;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>
/// The portal's pages need a signed-in member, and a member signs in through the identity provider
/// (OpenID Connect, authorization code with PKCE): the seeded demo admin gets through to the catalog.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PortalSignInTests(PlatformFixture platform)
{
    [Fact]
    public async Task Pages_send_to_the_identity_providers_sign_in_and_the_demo_admin_gets_through_to_the_catalog()
    {
        using var browser = new ScriptedBrowser(platform);

        var anonymous = await browser.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/connect/authorize", anonymous.Headers.Location!.PathAndQuery);
        var (_, login) = await browser.GoAsync("/");
        Assert.StartsWith("/login", login);

        var wrong = await browser.SubmitSignInAsync(login, "demo@platform.local", "not-the-password");
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/")).StatusCode);

        var catalog = await browser.SignInAsync("demo@platform.local", await PortalSession.DemoPasswordAsync(platform));
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        var page = await catalog.Content.ReadAsStringAsync();
        Assert.Contains("demo@platform.local", page);
        foreach (var title in new[] { "Credit risk", "Diabetes risk", "Customer churn" }) Assert.Contains(title, page);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = new ScriptedBrowser(platform);
        var response = await browser.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "demo@platform.local", ["password"] = "whatever-it-is",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
