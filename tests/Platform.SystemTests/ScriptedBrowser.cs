using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts;
using Platform.Contracts.Access;

namespace Platform.SystemTests;

/// <summary>
/// The portal's sign-in as a browser goes through it, scripted over HTTP (cookies kept, redirects
/// and the identity provider's form_post followed by hand): the way to a member's portal session,
/// and to a member's own access token (the test redeems the code as the portal would).
/// </summary>
public sealed partial class ScriptedBrowser(PlatformFixture platform) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = platform.App.GetEndpoint(ResourceNames.Portal, "http"),
    };

    public HttpClient Http => _http;

    /// <summary>Follows redirects and the form_post page from <paramref name="path"/> until a page that is neither; returns it and the path it is at.</summary>
    public async Task<(HttpResponseMessage Response, string Path)> GoAsync(string path, int maxHops = 12)
    {
        var response = await _http.GetAsync(path);
        for (var hop = 0; hop < maxHops; hop++)
        {
            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
            {
                path = response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;
                response = await _http.GetAsync(path);
                continue;
            }
            if (response.IsSuccessStatusCode && FormPost().Match(await response.Content.ReadAsStringAsync()) is { Success: true } form)
            {
                // The identity provider answers the authorization request with a self-submitting form (response_mode=form_post).
                var fields = HiddenField().Matches(form.Value).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
                path = new Uri(WebUtility.HtmlDecode(form.Groups[1].Value)).PathAndQuery;
                response = await _http.PostAsync(path, new FormUrlEncodedContent(fields));
                continue;
            }
            return (response, path);
        }
        throw new InvalidOperationException($"More than {maxHops} redirects from {path}.");
    }

    /// <summary>Posts the sign-in form the identity provider showed at <paramref name="loginPath"/>; returns the raw answer (a redirect).</summary>
    public async Task<HttpResponseMessage> SubmitSignInAsync(string loginPath, string email, string password)
    {
        var form = await _http.GetStringAsync(loginPath);
        var token = Antiforgery().Match(form).Groups[1].Value;
        var returnUrl = ReturnUrl().Match(form) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value) : "/";
        return await _http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>Signs a member in to the portal (their session cookie is kept) and lands on <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password, string path = "/")
    {
        var (login, at) = await GoAsync(path);
        if (!at.StartsWith("/login", StringComparison.Ordinal)) return login;
        var signedIn = await SubmitSignInAsync(at, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (await GoAsync(signedIn.Headers.Location!.OriginalString)).Response;
    }

    /// <summary>
    /// A member's own access token: the authorization code flow with PKCE as the portal runs it, the
    /// code redeemed with the portal's client secret (the test stands in for the portal's server).
    /// </summary>
    public async Task<string> MemberAccessTokenAsync(string email, string password)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirect = new Uri(_http.BaseAddress!, "/signin-oidc").ToString();
        var scopes = string.Join(' ', new[] { "openid", "offline_access" }.Concat(PlatformScopes.Tenant));
        var authorize = $"/connect/authorize?client_id=platform-portal&response_type=code&response_mode=form_post&redirect_uri={Uri.EscapeDataString(redirect)}" +
                        $"&scope={Uri.EscapeDataString(scopes)}&code_challenge={challenge}&code_challenge_method=S256&state=test&nonce=test";
        var login = await _http.GetAsync(authorize);
        if (login.StatusCode == HttpStatusCode.Redirect)
        {
            var signedIn = await SubmitSignInAsync(login.Headers.Location!.OriginalString, email, password);
            Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"signing {email} in answered {(int)signedIn.StatusCode}");
            login = await _http.GetAsync(signedIn.Headers.Location!.OriginalString);
        }
        var page = await login.Content.ReadAsStringAsync();
        var code = HiddenField().Matches(page).FirstOrDefault(m => m.Groups[1].Value == "code")?.Groups[2].Value
            ?? throw new InvalidOperationException($"The authorization endpoint gave no code: {(int)login.StatusCode} {page[..Math.Min(300, page.Length)]}");

        var secret = (await File.ReadAllTextAsync(Path.Combine(platform.SecretsFolder, "portal-client-secret"))).Trim();
        using var token = await _http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = WebUtility.HtmlDecode(code), ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
            ["client_id"] = "platform-portal", ["client_secret"] = secret,
        }));
        var body = await token.Content.ReadAsStringAsync();
        Assert.True(token.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<input[^>]*name=\"returnUrl\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrl();

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*action=\"(http[^\"]+)\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPost();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenField();
}
