using System.Collections.Concurrent;
using Platform.Inference.Extensions;

namespace Platform.Inference.Serving;

/// <summary>
/// Scores concurrent requests for one model as one ONNX Runtime run (dynamic batching, ADR 17). The
/// first request to find no run in progress leads: it takes what is queued (up to the row limit),
/// scores it on its own thread and hands each request its own slice of the answer; requests that
/// arrive meanwhile form the next run, which a pool thread leads. A lone request is therefore scored
/// at once, on its own thread, with nothing added but a queue operation.
/// </summary>
public sealed class ModelBatcher(IScoringModel model)
{
    private readonly ConcurrentQueue<Waiting> _queue = new();
    private int _leading;

    /// <summary>Runs that scored more than one request, and the requests they held: how much batching happened.</summary>
    public long SharedRuns => Interlocked.Read(ref _sharedRuns);
    public long SharedRequests => Interlocked.Read(ref _sharedRequests);
    private long _sharedRuns;
    private long _sharedRequests;

    public Task<IReadOnlyList<Prediction>> ScoreAsync(FeatureBatch batch, DeploymentBatching settings)
    {
        // A request as large as a run gains nothing from company, and must not wait behind others.
        if (batch.Count >= settings.MaxBatchRows) return Task.FromResult(model.Score(batch));

        var waiting = new Waiting(batch);
        _queue.Enqueue(waiting);
        if (Interlocked.CompareExchange(ref _leading, 1, 0) == 0)
        {
            if (settings.MaxDelay > TimeSpan.Zero) _ = LeadAfterAsync(settings);
            else Lead(settings);
        }
        return waiting.Scored.Task;
    }

    private async Task LeadAfterAsync(DeploymentBatching settings)
    {
        await Task.Delay(settings.MaxDelay).ConfigureAwait(false);
        Lead(settings);
    }

    /// <summary>Scores one run, then lets go; if more are queued, a pool thread leads the next.</summary>
    private void Lead(DeploymentBatching settings)
    {
        var run = Take(settings.MaxBatchRows);
        if (run.Count > 0) Score(run);
        Volatile.Write(ref _leading, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _leading, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Batcher.Lead(state.Settings), (Batcher: this, Settings: settings), preferLocal: false);
    }

    private List<Waiting> Take(int maxRows)
    {
        var run = new List<Waiting>();
        var rows = 0;
        while (_queue.TryPeek(out var next) && (run.Count == 0 || rows + next.Batch.Count <= maxRows) && _queue.TryDequeue(out next))
        {
            run.Add(next);
            rows += next.Batch.Count;
        }
        return run;
    }

    private void Score(List<Waiting> run)
    {
        if (run.Count == 1)
        {
            ScoreAlone(run[0]);
            return;
        }
        IReadOnlyList<Prediction> scored;
        try
        {
            scored = model.Score(FeatureBatches.Concatenate(run.Select(w => w.Batch)));
        }
        catch (Exception)
        {
            // One request's rows must not fail the others: each is scored alone and fails on its own.
            foreach (var waiting in run) ScoreAlone(waiting);
            return;
        }
        Interlocked.Increment(ref _sharedRuns);
        Interlocked.Add(ref _sharedRequests, run.Count);
        var all = ToArray(scored);
        var offset = 0;
        foreach (var waiting in run)
        {
            waiting.Scored.TrySetResult(new ArraySegment<Prediction>(all, offset, waiting.Batch.Count));
            offset += waiting.Batch.Count;
        }
    }

    private void ScoreAlone(Waiting waiting)
    {
        try
        {
            waiting.Scored.TrySetResult(model.Score(waiting.Batch));
        }
        catch (Exception e)
        {
            waiting.Scored.TrySetException(e);
        }
    }

    private static Prediction[] ToArray(IReadOnlyList<Prediction> scored) => scored as Prediction[] ?? [.. scored];

    private sealed class Waiting(FeatureBatch batch)
    {
        public FeatureBatch Batch { get; } = batch;
        // Continuations run on the pool, not on the leader's thread, so the leader answers its own caller first.
        public TaskCompletionSource<IReadOnlyList<Prediction>> Scored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
