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

    /// <summary>
    /// A token's <c>iat</c> has whole seconds: tokens issued within the revocation's own second stay
    /// valid, so a session renewed at once after a password change is not refused with the old ones.
    /// </summary>
    public bool IsRevoked(string subject, DateTimeOffset issuedAt) =>
        _revokedAt.TryGetValue(subject, out var revokedAt)
        && issuedAt < DateTimeOffset.FromUnixTimeSeconds(revokedAt.ToUnixTimeSeconds());

    public void Forget(DateTimeOffset olderThan)
    {
        foreach (var (subject, at) in _revokedAt)
            if (at < olderThan) _revokedAt.TryRemove(new KeyValuePair<string, DateTimeOffset>(subject, at));
    }
}
