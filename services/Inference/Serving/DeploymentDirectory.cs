using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Platform.Inference.Domain;

namespace Platform.Inference.Serving;

/// <summary>
/// The deployments requests are checked against, in memory so a prediction costs no key lookup in
/// the database: every key of every deployment, found by its SHA-256 in one lookup. Consumers
/// update it once their change commits, a key change also straight from this replica's own queue;
/// the synchronizer merges the database in at start-up and periodically. Reads take an immutable
/// snapshot without locking; an older state never replaces a newer one (the row's fields and the
/// key set are each ordered by their own revision).
/// </summary>
public sealed class DeploymentDirectory
{
    private readonly Lock _writes = new();
    private readonly ConcurrentDictionary<Guid, KeyUsage> _usage = new();
    private volatile Snapshot _snapshot;

    public DeploymentDirectory() => _snapshot = new Snapshot(ImmutableDictionary<DeploymentKey, DeploymentCredentials>.Empty, _usage);

    public int Count => _snapshot.ByKey.Count;

    public DeploymentCredentials? Find(DeploymentKey key) => _snapshot.ByKey.GetValueOrDefault(key);

    public void Upsert(DeploymentCredentials credentials) => Merge([credentials]);

    public void Merge(IEnumerable<DeploymentCredentials> states)
    {
        lock (_writes)
        {
            var byKey = _snapshot.ByKey.ToBuilder();
            foreach (var state in states)
                byKey[state.Key] = byKey.TryGetValue(state.Key, out var known) ? known.Newest(state) : state;
            _snapshot = new Snapshot(byKey.ToImmutable(), _usage);
        }
    }

    /// <summary>A key set heard on this replica's queue before (or without) the row: applied if newer than the one held.</summary>
    public void ApplyKeys(DeploymentKey key, Guid deploymentId, int keysRevision, IReadOnlyList<CredentialKey> keys) =>
        Merge([new DeploymentCredentials(key, deploymentId, keys, keysRevision, ModelVersionId: null, Revision: 0)]);

    /// <summary>
    /// Drift settings heard on this replica's queue before the row: applied to the state held unless
    /// newer ones are (the row's later revision brings the same settings).
    /// </summary>
    public void ApplyDrift(DeploymentKey key, DriftSettings settings, DateTimeOffset changedAt)
    {
        lock (_writes)
        {
            if (_snapshot.ByKey.GetValueOrDefault(key) is not { } known || known.DriftChangedAt >= changedAt) return;
            _snapshot = new Snapshot(_snapshot.ByKey.SetItem(key, known with { Drift = settings, DriftChangedAt = changedAt }), _usage);
        }
    }

    /// <summary>
    /// The caller's deployment, by the presented key: accepted only for the deployment it belongs
    /// to, before it expired and unless it was revoked. Records the key's use.
    /// </summary>
    public KeyCheck Check(string name, string? presentedKey, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(presentedKey)) return KeyCheck.Refused(KeyCheckOutcome.MissingKey);
        if (!_snapshot.ByHash.TryGetValue(ApiKeyHash.Of(presentedKey), out var found)) return KeyCheck.Refused(KeyCheckOutcome.UnknownKey);
        var (deployment, key, usage) = found;
        if (!string.Equals(deployment.Key.Name, name, StringComparison.Ordinal)) return KeyCheck.Refused(KeyCheckOutcome.OtherDeployment, key);
        if (key.RevokedAt is { } revoked && revoked <= now) return KeyCheck.Refused(KeyCheckOutcome.Revoked, key, revoked);
        if (key.ExpiresAt is { } expires && expires <= now) return KeyCheck.Refused(KeyCheckOutcome.Expired, key, expires);
        usage.Touch(now);
        return new KeyCheck(KeyCheckOutcome.Accepted, deployment, key.Id, key.Prefix, key.Scopes, null);
    }

    /// <summary>The keys used since the last call, with their deployment and last use (for the registry's "last used").</summary>
    public IReadOnlyList<(DeploymentCredentials Deployment, Guid KeyId, DateTimeOffset LastUsedAt)> TakeUsage()
    {
        var used = new List<(DeploymentCredentials, Guid, DateTimeOffset)>();
        foreach (var (deployment, key, usage) in _snapshot.ByHash.Values)
            if (usage.TakeUnreported() is { } at) used.Add((deployment, key.Id, at));
        return used;
    }

    private sealed class Snapshot
    {
        public Snapshot(ImmutableDictionary<DeploymentKey, DeploymentCredentials> byKey, ConcurrentDictionary<Guid, KeyUsage> usage)
        {
            ByKey = byKey;
            // A hash appears once in the registry (unique index); were it to appear twice, the first deployment keeps it.
            ByHash = byKey.Values
                .SelectMany(d => d.Keys.Select(k => (Hash: k.Hash, Entry: (d, k, usage.GetOrAdd(k.Id, _ => new KeyUsage())))))
                .DistinctBy(e => e.Hash)
                .ToFrozenDictionary(e => e.Hash, e => e.Entry);
        }

        public ImmutableDictionary<DeploymentKey, DeploymentCredentials> ByKey { get; }
        public FrozenDictionary<ApiKeyHash, (DeploymentCredentials Deployment, CredentialKey Key, KeyUsage Usage)> ByHash { get; }
    }

    /// <summary>When a key was last used, written by requests without locking; reported once per change.</summary>
    private sealed class KeyUsage
    {
        private long _lastUsedTicks;
        private long _reportedTicks;

        public void Touch(DateTimeOffset now) => Volatile.Write(ref _lastUsedTicks, now.UtcTicks);

        public DateTimeOffset? TakeUnreported()
        {
            var last = Volatile.Read(ref _lastUsedTicks);
            if (last == 0 || last == _reportedTicks) return null;
            _reportedTicks = last;
            return new DateTimeOffset(last, TimeSpan.Zero);
        }
    }
}

public enum KeyCheckOutcome { Accepted, MissingKey, UnknownKey, OtherDeployment, Expired, Revoked }

/// <summary>A key check's outcome; <see cref="At"/> is when a refused key expired or was revoked.</summary>
public sealed record KeyCheck(KeyCheckOutcome Outcome, DeploymentCredentials? Deployment, Guid KeyId, string? KeyPrefix, IReadOnlyList<string> Scopes, DateTimeOffset? At)
{
    public static KeyCheck Refused(KeyCheckOutcome outcome, CredentialKey? key = null, DateTimeOffset? at = null) =>
        new(outcome, null, key?.Id ?? Guid.Empty, key?.Prefix, [], at);
}
