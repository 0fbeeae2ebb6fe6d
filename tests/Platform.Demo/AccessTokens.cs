using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.Contracts;

namespace Platform.Demo;

/// <summary>
/// Access tokens from the platform's token endpoint (OAuth 2.0 client credentials, RFC 6749 §4.4),
/// kept until shortly before they expire: getting one costs the identity provider a slow secret
/// check, so a program asks once and reuses it, as the README tells customers to.
/// </summary>
public sealed class AccessTokens(PlatformEndpoints endpoints, HttpClient http)
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<(string Client, string? Scope), (string Token, DateTimeOffset ExpiresAt)> _held = new();

    public async Task<string> GetAsync(string clientId, string secret, string? scope, CancellationToken ct)
    {
        if (_held.TryGetValue((clientId, scope), out var held) && held.ExpiresAt - RenewBefore > DateTimeOffset.UtcNow) return held.Token;
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null) form["scope"] = scope;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoints.Public(ResourceNames.Portal), "/connect/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new PlatformApiException(HttpMethod.Post, ResourceNames.Portal, "/connect/token", response.StatusCode, body);
        using var json = JsonDocument.Parse(body);
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        _held[(clientId, scope)] = (token, DateTimeOffset.UtcNow.AddSeconds(json.RootElement.GetProperty("expires_in").GetInt32()));
        return token;
    }
}
