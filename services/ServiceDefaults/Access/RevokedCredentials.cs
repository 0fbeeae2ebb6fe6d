using System.Collections.Concurrent;

namespace Platform.ServiceDefaults.Access;

/// <summary>
/// Subjects whose tokens issued before a moment are refused, in memory so the check costs a lookup.
/// Fed by <see cref="Platform.Contracts.Access.CredentialRevoked"/> on this replica's own queue and
/// loaded from the service's table at start (a restarted replica still refuses them).
/// </summary>
public sealed class RevokedCredentials
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _revokedAt = new(StringComparer.Ordinal);

    public int Count => _revokedAt.Count;

    public void Revoke(string subject, DateTimeOffset revokedAt) =>
        _revokedAt.AddOrUpdate(subject, revokedAt, (_, known) => known > revokedAt ? known : revokedAt);

    /// <summary>Whether a token of <paramref name="subject"/> issued at <paramref name="issuedAt"/> (to the millisecond) came before its revocation.</summary>
    public bool IsRevoked(string subject, DateTimeOffset issuedAt) =>
        _revokedAt.TryGetValue(subject, out var revokedAt) && issuedAt < revokedAt;

    /// <summary>
    /// For a token that says when it was issued in whole seconds only (<c>iat</c>): one issued within
    /// the revocation's own second may have come before it, so it is refused too.
    /// </summary>
    public bool IsRevokedSeconds(string subject, DateTimeOffset issuedAtSeconds) =>
        _revokedAt.TryGetValue(subject, out var revokedAt) && issuedAtSeconds.ToUnixTimeSeconds() <= revokedAt.ToUnixTimeSeconds();

    public void Forget(DateTimeOffset olderThan)
    {
        foreach (var (subject, at) in _revokedAt)
            if (at < olderThan) _revokedAt.TryRemove(new KeyValuePair<string, DateTimeOffset>(subject, at));
    }
}
