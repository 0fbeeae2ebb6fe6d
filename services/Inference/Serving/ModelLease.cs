namespace Platform.Inference.Serving;

/// <summary>A request's hold on the model it started with; disposing it lets a retired model go.</summary>
public sealed class ModelLease(LoadedModel model) : IDisposable
{
    private int _released;

    public LoadedModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) Model.Release();
    }
}
