using System.Collections.Concurrent;
using Platform.Inference.Domain;

namespace Platform.Inference.Serving;

/// <summary>
/// The models this process serves, one current model per deployment. A promotion swaps the
/// reference atomically; requests already running keep the model they leased and the old session
/// is disposed when the last of them finishes, so swapping while serving fails no request.
/// </summary>
public sealed class ModelHost : IDisposable
{
    private readonly ConcurrentDictionary<DeploymentKey, Slot> _slots = new();

    /// <summary>The deployment's current model, held until the lease is disposed; null when none is loaded.</summary>
    public ModelLease? Acquire(DeploymentKey deployment)
    {
        if (!_slots.TryGetValue(deployment, out var slot)) return null;
        while (true)
        {
            var model = Volatile.Read(ref slot.Current);
            if (model is null) return null;
            if (model.TryAddReference()) return new ModelLease(model);
            // The model was swapped out and released between the read and the reference: its successor is current.
        }
    }

    /// <summary>What is loaded for the deployment, without holding it (for listings and the synchronizer).</summary>
    public (Guid ModelVersionId, long Revision)? Current(DeploymentKey deployment) =>
        _slots.TryGetValue(deployment, out var slot) && Volatile.Read(ref slot.Current) is { } model
            ? (model.ModelVersionId, model.Revision)
            : null;

    /// <summary>What this replica serves now, deployment by deployment (what it reports in its heartbeat).</summary>
    public IReadOnlyList<(DeploymentKey Deployment, Guid ModelVersionId)> Served() =>
        [.. _slots.Where(s => Volatile.Read(ref s.Value.Current) is not null).Select(s => (s.Key, Volatile.Read(ref s.Value.Current)!.ModelVersionId))];

    /// <summary>
    /// Makes the model current unless a model of a later revision already is (a stale database read
    /// or an overtaken message); the host owns the model either way and disposes a refused one.
    /// </summary>
    public bool Activate(LoadedModel model)
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
            }
        }
        retired?.Release();
        return !ReferenceEquals(retired, model);
    }

    public void Dispose()
    {
        foreach (var slot in _slots.Values)
            Interlocked.Exchange(ref slot.Current, null)?.Release();
    }

    private sealed class Slot
    {
        public LoadedModel? Current;
    }
}
