using System.Collections.Immutable;
using Platform.Inference.Domain;

namespace Platform.Inference.Serving;

/// <summary>
/// The deployments requests are checked against, in memory so a prediction costs no key lookup in
/// the database. Consumers update it once their change commits; the synchronizer merges the
/// database in at start-up and periodically (a replica that did not receive a message catches up).
/// Reads take an immutable snapshot without locking; a state with a lower revision never replaces
/// a newer one, so a stale read cannot undo a fresh update.
/// </summary>
public sealed class DeploymentDirectory
{
    private readonly Lock _writes = new();
    private volatile Snapshot _snapshot = new(ImmutableDictionary<DeploymentKey, DeploymentCredentials>.Empty);

    public int Count => _snapshot.ByKey.Count;

    /// <summary>Every tenant's deployment of that name (names are unique per tenant only).</summary>
    public ImmutableArray<DeploymentCredentials> Named(string name) =>
        _snapshot.ByName.TryGetValue(name, out var found) ? found : [];

    public DeploymentCredentials? Find(DeploymentKey key) => _snapshot.ByKey.GetValueOrDefault(key);

    public void Upsert(DeploymentCredentials credentials) => Merge([credentials]);

    public void Merge(IEnumerable<DeploymentCredentials> states)
    {
        lock (_writes)
        {
            var byKey = _snapshot.ByKey.ToBuilder();
            foreach (var state in states)
            {
                if (byKey.TryGetValue(state.Key, out var known) && known.Revision > state.Revision) continue;
                byKey[state.Key] = state;
            }
            _snapshot = new Snapshot(byKey.ToImmutable());
        }
    }

    /// <summary>The caller's deployment: the one of that name whose key hash matches the presented key's.</summary>
    public KeyCheck Check(string name, string? presentedKey)
    {
        var candidates = Named(name);
        if (candidates.IsEmpty) return new KeyCheck(KeyCheckOutcome.UnknownDeployment, null);
        if (string.IsNullOrEmpty(presentedKey)) return new KeyCheck(KeyCheckOutcome.MissingKey, null);
        var presented = ApiKeyHash.Of(presentedKey);
        foreach (var candidate in candidates)
            if (ApiKeyHash.Matches(presented, candidate.ApiKeyHash)) return new KeyCheck(KeyCheckOutcome.Accepted, candidate);
        return new KeyCheck(KeyCheckOutcome.WrongKey, null);
    }

    private sealed class Snapshot(ImmutableDictionary<DeploymentKey, DeploymentCredentials> byKey)
    {
        public ImmutableDictionary<DeploymentKey, DeploymentCredentials> ByKey { get; } = byKey;
        public ImmutableDictionary<string, ImmutableArray<DeploymentCredentials>> ByName { get; } =
            byKey.Values.GroupBy(c => c.Key.Name, StringComparer.Ordinal)
                .ToImmutableDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
    }
}

public enum KeyCheckOutcome { Accepted, UnknownDeployment, MissingKey, WrongKey }

public sealed record KeyCheck(KeyCheckOutcome Outcome, DeploymentCredentials? Deployment);
