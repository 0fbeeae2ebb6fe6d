using System.Collections.Concurrent;
using Platform.Inference.Domain;

namespace Platform.Inference.Serving;

/// <summary>
/// The models this process serves, one current model per deployment. A promotion swaps the
/// reference atomically; requests already running keep the model they leased and the old session
/// is disposed when the last of them finishes, so swapping while serving fails no request.
/// Memory is bounded by <see cref="MaxLoadedBytes"/> (model file bytes, which the session's
/// weights mirror): activating a model past it evicts the least recently used other deployments'
/// models. An evicted deployment stays known (<see cref="Known"/>), so the synchronizer does not
/// load it straight back; its next request loads it on demand.
/// </summary>
public sealed class ModelHost(long maxLoadedBytes = long.MaxValue) : IDisposable
{
    private readonly ConcurrentDictionary<DeploymentKey, Slot> _slots = new();
    private readonly Lock _budget = new();
    // A logical clock for recency: one increment per lease, no wall-clock ties between requests.
    private long _uses;

    public long MaxLoadedBytes { get; } = maxLoadedBytes;

    /// <summary>Bytes of the models loaded now.</summary>
    public long LoadedBytes => _slots.Values.Sum(s => Volatile.Read(ref s.Current)?.Bytes ?? 0);

    /// <summary>The deployment's current model, held until the lease is disposed; null when none is loaded.</summary>
    public ModelLease? Acquire(DeploymentKey deployment)
    {
        if (!_slots.TryGetValue(deployment, out var slot)) return null;
        while (true)
        {
            var model = Volatile.Read(ref slot.Current);
            if (model is null) return null;
            if (model.TryAddReference())
            {
                Volatile.Write(ref slot.LastUsed, Interlocked.Increment(ref _uses));
                return new ModelLease(model);
            }
            // The model was swapped out and released between the read and the reference: its successor is current.
        }
    }

    /// <summary>What is loaded for the deployment, without holding it (for listings and the synchronizer).</summary>
    public (Guid ModelVersionId, long Revision)? Current(DeploymentKey deployment) =>
        _slots.TryGetValue(deployment, out var slot) && Volatile.Read(ref slot.Current) is { } model
            ? (model.ModelVersionId, model.Revision)
            : null;

    /// <summary>What is loaded for the deployment, or was until it was evicted for memory.</summary>
    public (Guid ModelVersionId, long Revision)? Known(DeploymentKey deployment)
    {
        if (!_slots.TryGetValue(deployment, out var slot)) return null;
        lock (slot)
        {
            return slot.Current is { } model ? (model.ModelVersionId, model.Revision) : slot.Evicted;
        }
    }

    /// <summary>What this replica serves now, deployment by deployment (what it reports in its heartbeat).</summary>
    public IReadOnlyList<(DeploymentKey Deployment, Guid ModelVersionId)> Served() =>
        [.. _slots.Where(s => Volatile.Read(ref s.Value.Current) is not null).Select(s => (s.Key, Volatile.Read(ref s.Value.Current)!.ModelVersionId))];

    /// <summary>
    /// Makes the model current unless a model of a later revision already is (a stale database read
    /// or an overtaken message); the host owns the model either way and disposes a refused one.
    /// Returns the deployments evicted to make room, if any, through <paramref name="evicted"/>.
    /// </summary>
    public bool Activate(LoadedModel model) => Activate(model, out _);

    public bool Activate(LoadedModel model, out IReadOnlyList<LoadedModel> evicted)
    {
        var slot = _slots.GetOrAdd(model.Deployment, _ => new Slot());
        LoadedModel? retired;
        lock (slot)
        {
            if (slot.Current is { } current && current.Revision > model.Revision)
            {
                retired = model;
            }
            else
            {
                retired = Interlocked.Exchange(ref slot.Current, model);
                slot.Evicted = null;
                Volatile.Write(ref slot.LastUsed, Interlocked.Increment(ref _uses));
            }
        }
        retired?.Release();
        evicted = EvictOverBudget(slot);
        return !ReferenceEquals(retired, model);
    }

    /// <summary>
    /// Evicts least recently used models of other deployments until the loaded bytes fit the
    /// budget. The model just activated stays even when it alone is over the budget: a deployment
    /// that was promoted is served. A request holding an evicted model finishes with it.
    /// </summary>
    private List<LoadedModel> EvictOverBudget(Slot keep)
    {
        var evicted = new List<LoadedModel>();
        if (MaxLoadedBytes == long.MaxValue) return evicted;
        lock (_budget)
        {
            var loaded = LoadedBytes;
            while (loaded > MaxLoadedBytes)
            {
                var victim = _slots.Values
                    .Where(s => !ReferenceEquals(s, keep) && Volatile.Read(ref s.Current) is not null)
                    .MinBy(s => Volatile.Read(ref s.LastUsed));
                if (victim is null) break;
                LoadedModel? model;
                lock (victim)
                {
                    model = Interlocked.Exchange(ref victim.Current, null);
                    if (model is not null) victim.Evicted = (model.ModelVersionId, model.Revision);
                }
                if (model is null) continue;
                loaded -= model.Bytes;
                evicted.Add(model);
                model.Release();
            }
        }
        return evicted;
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
            Interlocked.Exchange(ref slot.Current, null)?.Release();
    }

    private sealed class Slot
    {
        public LoadedModel? Current;
        public long LastUsed;
        public (Guid ModelVersionId, long Revision)? Evicted;
    }
}
