using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Platform.Portal.Identity;

namespace Platform.Portal.Services;

/// <summary>
/// The portal's own access token (client credentials, no organization), for what it shows before
/// anyone signs in: the plans on the sign-up page. Cached until shortly before it expires.
/// </summary>
public sealed class PortalServiceToken(IHttpClientFactory http, IOptions<IdentityServerOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    public async Task<string> GetAsync(CancellationToken ct)
    {
        if (_current is { } held && held.ExpiresAt - TimeSpan.FromSeconds(60) > clock.GetUtcNow()) return held.Token;
        await _renewal.WaitAsync(ct);
        try
        {
            if (_current is { } renewed && renewed.ExpiresAt - TimeSpan.FromSeconds(60) > clock.GetUtcNow()) return renewed.Token;
            using var response = await http.CreateClient(PortalSessions.HttpClientName).PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = PlatformClients.Portal,
                ["client_secret"] = SigningKeyFiles.ReadSecret(options.Value.PortalClientSecretFile, "Identity:PortalClientSecretFile"),
            }), ct);
            if (!response.IsSuccessStatusCode) throw await ServiceProblem.ReadAsync(response, ct);
            var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            _current = (json.GetProperty("access_token").GetString()!, clock.GetUtcNow().AddSeconds(json.GetProperty("expires_in").GetInt32()));
            return _current.Value.Token;
        }
        finally
        {
            _renewal.Release();
        }
    }
}
