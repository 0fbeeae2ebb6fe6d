using Platform.Inference.Serving;

namespace Platform.Inference.Tests;

/// <summary>
/// A model that fails a request the way a disposed ONNX session would, and records a disposal
/// that happens while a request is still using it.
/// </summary>
internal sealed class FakeScoringModel : IScoringModel
{
    private int _inFlight;
    private int _disposals;
    private int _disposedWhileInUse;
    private volatile bool _disposed;

    public ModelSignature Signature { get; } = new([new ModelInput("age", FeatureKind.Numeric)], ["bad", "good"], "good", "risk");

    public int Disposals => Volatile.Read(ref _disposals);
    public bool DisposedWhileInUse => Volatile.Read(ref _disposedWhileInUse) > 0;

    public IReadOnlyList<Prediction> Score(FeatureBatch batch)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Thread.SpinWait(50); // widen the window in which a swap could pull the model away
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Enumerable.Range(0, batch.Count)
                .Select(_ => new Prediction("good", new Dictionary<string, double> { ["bad"] = 0.25, ["good"] = 0.75 }))
                .ToArray();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public void Dispose()
    {
        if (Volatile.Read(ref _inFlight) > 0) Interlocked.Increment(ref _disposedWhileInUse);
        _disposed = true;
        Interlocked.Increment(ref _disposals);
    }
}
