using System.Net;
using System.Text.RegularExpressions;
using Platform.Contracts;

namespace Platform.SystemTests;

/// <summary>The portal's pages need a signed-in user; the seeded demo admin can sign in and sees the catalog.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class PortalSignInTests(PlatformFixture platform)
{
    [Fact]
    public async Task Pages_redirect_to_sign_in_and_the_demo_user_signs_in_to_the_catalog()
    {
        using var browser = NewBrowser();

        var anonymous = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/login", anonymous.Headers.Location!.PathAndQuery);

        var wrong = await SignInAsync(browser, "demo@platform.local", "not-the-password");
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);

        var password = (await File.ReadAllTextAsync(Path.Combine(platform.SecretsFolder, "portal-demo-password"))).Trim();
        var signedIn = await SignInAsync(browser, "demo@platform.local", password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);

        var catalog = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        var page = await catalog.Content.ReadAsStringAsync();
        Assert.Contains("demo@platform.local", page);
        foreach (var title in new[] { "Credit risk", "Diabetes risk", "Customer churn" }) Assert.Contains(title, page);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        using var browser = NewBrowser();
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "demo@platform.local", ["password"] = "whatever-it-is",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private HttpClient NewBrowser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = platform.App.GetEndpoint(ResourceNames.Portal, "http"),
    };

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password)
    {
        var form = await browser.GetStringAsync("/login");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in form carries no antiforgery token");
        return await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
