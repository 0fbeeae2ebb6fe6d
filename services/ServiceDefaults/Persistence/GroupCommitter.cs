using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Persistence;

/// <summary>How a <see cref="GroupCommitter{TItem}"/> gathers its callers' writes.</summary>
/// <param name="MaxItems">Writes in one transaction.</param>
/// <param name="MaxDelay">How long a group waits for company once nothing else is queued (zero: none).</param>
/// <param name="Writers">Groups committing at once.</param>
/// <param name="MaxWaiting">Writes queued before callers wait to queue theirs (back-pressure instead of unbounded memory).</param>
public sealed record GroupCommitLimits(int MaxItems, TimeSpan MaxDelay, int Writers, int MaxWaiting);

/// <summary>
/// Group commit (ADR 17): callers hand in writes and wait; a writer takes every write queued (up to
/// <see cref="GroupCommitLimits.MaxItems"/>, waiting up to <see cref="GroupCommitLimits.MaxDelay"/>
/// for more) and commits them in one transaction; each caller returns once its group committed and
/// throws what the commit threw. A group that fails for one write's sake (not the database's) is
/// committed write by write, so only that caller fails. The group's commit is a span in its first
/// caller's trace, linked to every other caller's, so its SQL and the outbox messages it writes (and
/// so their dispatch and consumers) belong to the requests that caused them, not to a trace of their own.
/// </summary>
public abstract partial class GroupCommitter<TItem>(GroupCommitLimits limits, OutboxSignal outbox, TimeProvider clock, ILogger logger) : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(limits.MaxWaiting)
    {
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>The clock the group's delay runs on, for the writes' own times.</summary>
    protected TimeProvider Clock => clock;

    /// <summary>Completes when the write is committed; throws what its commit threw.</summary>
    public async Task CommitAsync(TItem item, CancellationToken ct)
    {
        var pending = new Pending(item, Activity.Current?.Context ?? default);
        if (!_queue.Writer.TryWrite(pending)) await _queue.Writer.WriteAsync(pending, ct);
        // Once queued the write happens whatever the caller does, so its outcome is awaited without the caller's token.
        await pending.Committed.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="group"/> in one transaction; true when saving it already woke the outbox
    /// (a save outside an explicit transaction does), else the outbox is woken once the callers are released.
    /// </summary>
    protected abstract Task<bool> WriteAsync(IReadOnlyList<TItem> group);

    /// <summary>Called after each committed group (its size, for a histogram).</summary>
    protected virtual void Committed(int groupSize)
    {
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On shutdown the queue is closed and the writers commit what it still holds before they end.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        return Task.WhenAll(Enumerable.Range(0, limits.Writers).Select(_ => Task.Run(WriteGroupsAsync, CancellationToken.None)));
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<Pending>(limits.MaxItems);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (group.Count < limits.MaxItems && reader.TryRead(out var next)) group.Add(next);
            if (group.Count == 0) continue; // another writer took them
            if (group.Count < limits.MaxItems && limits.MaxDelay > TimeSpan.Zero) await WaitForCompanyAsync(group).ConfigureAwait(false);
            await CommitGroupAsync(group).ConfigureAwait(false);
            group.Clear();
        }
    }

    private async Task WaitForCompanyAsync(List<Pending> group)
    {
        using var delay = new CancellationTokenSource(limits.MaxDelay, clock);
        try
        {
            while (group.Count < limits.MaxItems && await _queue.Reader.WaitToReadAsync(delay.Token).ConfigureAwait(false))
            {
                while (group.Count < limits.MaxItems && _queue.Reader.TryRead(out var next)) group.Add(next);
            }
        }
        catch (OperationCanceledException) when (delay.IsCancellationRequested)
        {
            // The group waited long enough.
        }
    }

    private async Task CommitGroupAsync(List<Pending> group)
    {
        using var activity = StartCommitActivity(group);
        try
        {
            var signalled = await WriteAsync([.. group.Select(p => p.Item)]).ConfigureAwait(false);
            foreach (var pending in group) pending.Committed.TrySetResult();
            // Woken after the callers are released: woken before, its dispatch would run ahead of them on this thread.
            if (!signalled) outbox.Notify();
            Committed(group.Count);
        }
        catch (Exception e) when (group.Count > 1 && !IsTransient(e))
        {
            LogGroupFailed(logger, e, GetType().Name, group.Count);
            foreach (var pending in group) await CommitAloneAsync(pending).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogCommitFailed(logger, e, GetType().Name, group.Count);
            foreach (var pending in group) pending.Committed.TrySetException(e);
        }
    }

    private Activity? StartCommitActivity(List<Pending> group)
    {
        var parent = default(ActivityContext);
        List<ActivityLink>? links = null;
        foreach (var pending in group)
        {
            if (pending.Caller == default) continue;
            if (parent == default) parent = pending.Caller;
            else (links ??= []).Add(new ActivityLink(pending.Caller));
        }
        var activity = PlatformTelemetry.ActivitySource.StartActivity("group commit", ActivityKind.Internal, parent, links: links);
        activity?.SetTag("platform.group_commit.committer", GetType().Name);
        activity?.SetTag("platform.group_commit.writes", group.Count);
        return activity;
    }

    private async Task CommitAloneAsync(Pending pending)
    {
        try
        {
            var signalled = await WriteAsync([pending.Item]).ConfigureAwait(false);
            pending.Committed.TrySetResult();
            if (!signalled) outbox.Notify();
            Committed(1);
        }
        catch (Exception e)
        {
            pending.Committed.TrySetException(e);
        }
    }

    /// <summary>The database is unreachable or busy: every write of the group would fail the same way alone.</summary>
    private static bool IsTransient(Exception e) =>
        e is NpgsqlException { IsTransient: true } || e.InnerException is NpgsqlException { IsTransient: true } or TimeoutException;

    private sealed class Pending(TItem item, ActivityContext caller)
    {
        public TItem Item { get; } = item;
        public ActivityContext Caller { get; } = caller;
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Committer}: a group of {Writes} writes failed to commit; committing each alone")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, string committer, int writes);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Committer}: could not commit a group of {Writes} writes; each caller gets the error")]
    private static partial void LogCommitFailed(ILogger logger, Exception exception, string committer, int writes);
}
