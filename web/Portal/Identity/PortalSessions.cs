using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Platform.Portal.Identity;

/// <summary>
/// The signed-in users' tokens, kept on the server (never in the browser's cookie, which carries only
/// the session's id): a page calls a service with its user's access token, renewed here with the
/// refresh token shortly before it expires. Sessions live in this process's memory: after a restart
/// (or on another replica) the cookie finds no session and the user is signed in again at once,
/// through the identity provider's own sign-in, without typing anything.
/// </summary>
public sealed partial class PortalSessions(
    IHttpClientFactory http, IOptions<IdentityServerOptions> options, TimeProvider clock, ILogger<PortalSessions> logger)
{
    /// <summary>The claim of the portal's cookie that names its server-side session.</summary>
    public const string SessionClaim = "portal_sid";
    /// <summary>When the session began (Unix milliseconds): a revocation of the user after it ends the session.</summary>
    public const string StartedClaim = "portal_session_at";
    public const string HttpClientName = "identity";

    private static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public void Start(string sessionId, string userId, string accessToken, string? refreshToken, DateTimeOffset expiresAt) =>
        _sessions[sessionId] = new Session(userId, new Tokens(accessToken, refreshToken, expiresAt));

    public bool IsActive(string sessionId) => _sessions.ContainsKey(sessionId);

    public void End(string sessionId) => _sessions.TryRemove(sessionId, out _);

    /// <summary>Ends every session of the user (removed, role or password changed).</summary>
    public int EndAllOf(string userId)
    {
        var ended = 0;
        foreach (var (id, session) in _sessions)
            if (session.UserId == userId && _sessions.TryRemove(id, out _)) ended++;
        return ended;
    }

    /// <summary>The session's access token, renewed when it is about to expire; null when the session is gone or cannot be renewed.</summary>
    public async Task<string?> AccessTokenAsync(string sessionId, CancellationToken ct)
    {
        if (!_sessions.TryGetValue(sessionId, out var session)) return null;
        var now = clock.GetUtcNow();
        if (session.Tokens.ExpiresAt - RenewBefore > now) return session.Tokens.AccessToken;

        await session.Renewal.WaitAsync(ct);
        try
        {
            if (session.Tokens.ExpiresAt - RenewBefore > clock.GetUtcNow()) return session.Tokens.AccessToken; // renewed meanwhile
            if (session.Tokens.RefreshToken is not { } refresh || await RefreshAsync(refresh, ct) is not { } renewed)
            {
                End(sessionId);
                return null;
            }
            session.Tokens = renewed;
            return renewed.AccessToken;
        }
        finally
        {
            session.Renewal.Release();
        }
    }

    /// <summary>Forgets sessions idle for longer than a session may live (their refresh tokens have expired too).</summary>
    public void Prune()
    {
        var oldest = clock.GetUtcNow() - options.Value.SessionLifetime;
        foreach (var (id, session) in _sessions)
            if (session.Tokens.ExpiresAt < oldest) _sessions.TryRemove(id, out _);
    }

    private async Task<Tokens?> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var settings = options.Value;
        using var response = await http.CreateClient(HttpClientName).PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = PlatformClients.Portal,
            ["client_secret"] = SigningKeyFiles.ReadSecret(settings.PortalClientSecretFile, "Identity:PortalClientSecretFile"),
        }), ct);
        if (!response.IsSuccessStatusCode)
        {
            // The member was removed, changed password or role: the refresh token was revoked.
            LogRefreshRefused(logger, (int)response.StatusCode);
            return null;
        }
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return new Tokens(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var renewed) ? renewed.GetString() : refreshToken,
            clock.GetUtcNow().AddSeconds(json.GetProperty("expires_in").GetInt32()));
    }

    private sealed record Tokens(string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt);

    private sealed class Session(string userId, Tokens tokens)
    {
        public string UserId { get; } = userId;
        public volatile Tokens Tokens = tokens;
        public SemaphoreSlim Renewal { get; } = new(1, 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A session's refresh was refused ({Status}); the user signs in again")]
    private static partial void LogRefreshRefused(ILogger logger, int status);
}
