using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Outbox;

namespace Platform.Inference.Infrastructure;

/// <summary>
/// Commits concurrent requests' writes together (group commit, ADR 17): one transaction holds many
/// requests' kept instances (binary COPY), one usage row per deployment and model, and that usage's
/// <c>PredictionsServed</c> in the outbox. A request is answered only once its group committed, so
/// billed == served holds even if the process dies right after; usage travels as one message per
/// group and deployment, which billing applies once by its id.
/// </summary>
public sealed partial class GroupCommit(
    IServiceScopeFactory scopes, IOptions<InferenceOptions> options, OutboxSignal outbox, TimeProvider clock, ILogger<GroupCommit> logger) : BackgroundService
{
    private readonly GroupCommitOptions _settings = options.Value.GroupCommit;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Value.GroupCommit.MaxWaiting)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Completes when the write is committed; throws what the commit threw (the caller answers 5xx and its client retries).</summary>
    public async Task CommitAsync(ServedWrite write, CancellationToken ct)
    {
        var pending = new Pending(write);
        if (!_queue.Writer.TryWrite(pending)) await _queue.Writer.WriteAsync(pending, ct);
        // Once queued the write happens whatever the caller does, so its outcome is awaited without the caller's token.
        await pending.Committed.Task.ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On shutdown the queue is closed and the writers commit what it still holds before they end.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        return Task.WhenAll(Enumerable.Range(0, _settings.Writers).Select(_ => Task.Run(WriteGroupsAsync, CancellationToken.None)));
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<Pending>(_settings.MaxRequests);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < _settings.MaxRequests && reader.TryRead(out var next)) group.Add(next);
            if (group.Count == 0) continue; // the other writer took them
            if (group.Count < _settings.MaxRequests && _settings.MaxDelay > TimeSpan.Zero) await WaitForCompanyAsync(group).ConfigureAwait(false);
            await CommitGroupAsync(group).ConfigureAwait(false);
            group.Clear();
        }
    }

    private async Task WaitForCompanyAsync(List<Pending> group)
    {
        using var delay = new CancellationTokenSource(_settings.MaxDelay, clock);
        try
        {
            while (group.Count < _settings.MaxRequests && await _queue.Reader.WaitToReadAsync(delay.Token).ConfigureAwait(false))
            {
                while (group.Count < _settings.MaxRequests && _queue.Reader.TryRead(out var next)) group.Add(next);
            }
        }
        catch (OperationCanceledException) when (delay.IsCancellationRequested)
        {
            // The group waited long enough.
        }
    }

    private async Task CommitGroupAsync(List<Pending> group)
    {
        try
        {
            var signalled = await WriteAsync(group).ConfigureAwait(false);
            foreach (var pending in group) pending.Committed.TrySetResult();
            // A COPY group's transaction wakes the outbox after its callers are released (woken before, its
            // dispatch ran ahead of the answers on this thread). A small group's save has woken it already:
            // a second signal would only make the dispatcher look again and find nothing.
            if (!signalled) outbox.Notify();
            InferenceTelemetry.CommitGroupSize.Record(group.Count);
        }
        catch (Exception e) when (group.Count > 1 && !IsTransient(e))
        {
            // Something in one request's writes (not the database's availability) failed the group:
            // each is committed alone, so only that request fails.
            LogGroupFailed(e, group.Count);
            foreach (var pending in group) await CommitAloneAsync(pending).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogCommitFailed(e, group.Count);
            foreach (var pending in group) pending.Committed.TrySetException(e);
        }
    }

    private async Task CommitAloneAsync(Pending pending)
    {
        try
        {
            var signalled = await WriteAsync([pending]).ConfigureAwait(false);
            pending.Committed.TrySetResult();
            if (!signalled) outbox.Notify();
        }
        catch (Exception e)
        {
            pending.Committed.TrySetException(e);
        }
    }

    /// <summary>Writes the group in one transaction; true when saving it already woke the outbox (a write outside an explicit transaction does).</summary>
    private async Task<bool> WriteAsync(IReadOnlyList<Pending> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InferenceDbContext>();
        var now = clock.GetUtcNow();
        foreach (var served in group.GroupBy(p => (p.Write.Deployment.Key, p.Write.Deployment.DeploymentId, p.Write.ModelVersionId)))
        {
            var predictions = served.Sum(p => p.Write.Rows.Count);
            var usage = UsageRecord.For(served.First().Write.Deployment, served.Key.ModelVersionId, predictions, now);
            db.Usage.Add(usage);
            db.PublishOnCommit(usage.ToEvent());
        }
        if (group.Sum(p => p.Write.Rows.Count) <= _settings.MaxInsertedRows)
        {
            // A few kept rows travel as INSERTs in the usage's own batch, and the batch is the whole
            // transaction: Npgsql sends it with one Sync, so PostgreSQL runs it as one implicit
            // transaction (a failing statement rolls back the ones before it) and commits it in the
            // same round trip. EF's own BEGIN and COMMIT would add a round trip to every lone request,
            // and EF splits nothing below Npgsql's 1,000 statements a batch (MaxInsertedRows is capped
            // so a group's statements stay under it).
            foreach (var pending in group) db.ServedPredictions.AddRange(pending.Write.Rows);
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
            await db.SaveChangesAsync().ConfigureAwait(false);
            return true;
        }
        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        // One SaveChanges in the transaction: a savepoint around it would cost two round trips and guard nothing.
        db.Database.AutoSavepointsEnabled = false;
        await db.SaveChangesAsync().ConfigureAwait(false);
        await ServedPredictionCopy.WriteAsync(db, group.SelectMany(p => p.Write.Rows), CancellationToken.None).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return false;
    }

    /// <summary>The database is unreachable or busy: every request of the group would fail the same way alone.</summary>
    private static bool IsTransient(Exception e) => e is NpgsqlException { IsTransient: true } || e.InnerException is NpgsqlException { IsTransient: true } or TimeoutException;

    private sealed class Pending(ServedWrite write)
    {
        public ServedWrite Write { get; } = write;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group of {Requests} served requests failed to commit; committing each alone")]
    private partial void LogGroupFailed(Exception exception, int requests);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not commit {Requests} served requests; they are answered with an error and not billed")]
    private partial void LogCommitFailed(Exception exception, int requests);
}
