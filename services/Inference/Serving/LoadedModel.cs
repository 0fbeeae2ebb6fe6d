using Platform.Inference.Domain;

namespace Platform.Inference.Serving;

/// <summary>
/// A model version loaded for a deployment, reference counted: the host holds one reference while
/// the model is current and each request in flight holds one more. The session is disposed when the
/// last reference goes, so a swap never pulls a session from under a running request.
/// </summary>
public sealed class LoadedModel(
    DeploymentKey deployment, Guid modelVersionId, long revision, IScoringModel model, DriftReference? drift = null, long bytes = 0, InputTreatment? treatment = null)
{
    private int _references = 1;

    public DeploymentKey Deployment { get; } = deployment;
    public Guid ModelVersionId { get; } = modelVersionId;
    /// <summary>
    /// Orders the promotions that made versions current (<see cref="PromotionOrder"/>: the promotion
    /// event's creation time, the same on every replica and in the row); a lower one never replaces a higher one.
    /// </summary>
    public long Revision { get; } = revision;
    public IScoringModel Model { get; } = model;
    /// <summary>Scores this model's concurrent requests together (dynamic batching).</summary>
    public ModelBatcher Batcher { get; } = new(model);
    /// <summary>The train rows' bins of the model's inputs; null for a model trained without them (no drift is measured).</summary>
    public DriftReference? Drift { get; } = drift;
    /// <summary>The model file's bytes: what it counts against the host's memory budget.</summary>
    public long Bytes { get; } = bytes;
    /// <summary>What predict does to personal data in a request first; null when the model's data had none treated.</summary>
    public InputTreatment? Treatment { get; } = treatment;

    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    /// <summary>Takes a reference unless the model is already retired and released (then the caller retries with its successor).</summary>
    internal bool TryAddReference()
    {
        for (var seen = Volatile.Read(ref _references); seen > 0; seen = Volatile.Read(ref _references))
        {
            if (Interlocked.CompareExchange(ref _references, seen + 1, seen) == seen) return true;
        }
        return false;
    }

    internal void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0) Model.Dispose();
        else if (left < 0) throw new InvalidOperationException($"{Deployment} v{ModelVersionId} was released more often than referenced.");
    }
}
