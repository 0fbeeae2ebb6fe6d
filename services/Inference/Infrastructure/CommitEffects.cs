namespace Platform.Inference.Infrastructure;

/// <summary>Effects waiting for one transaction's outcome: run on commit, abandoned otherwise.</summary>
internal sealed class CommitEffects
{
    private readonly List<(Action OnCommit, Action? OnAbandon)> _pending = [];

    public void Add(Action onCommit, Action? onAbandon)
    {
        lock (_pending) _pending.Add((onCommit, onAbandon));
    }

    public void Commit()
    {
        foreach (var (onCommit, _) in Take()) onCommit();
    }

    public void Abandon()
    {
        foreach (var (_, onAbandon) in Take()) onAbandon?.Invoke();
    }

    private (Action OnCommit, Action? OnAbandon)[] Take()
    {
        lock (_pending)
        {
            var taken = _pending.ToArray();
            _pending.Clear();
            return taken;
        }
    }
}
