using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Persistence;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.ServiceDefaults.Outbox;

/// <summary>
/// Publishes committed outbox rows in order and marks each dispatched only after the broker has
/// confirmed it. A transient failure leaves the row (and those after it) for the next attempt, with
/// back-off: the broker may be down for minutes, the database remembers. A poison row, one that can
/// never be published as it stands (<see cref="OutboxFailures"/>), is quarantined with its reason and
/// the rows after it go on. Rows are locked with SKIP LOCKED, so replicas of a service share the work
/// without publishing a row twice.
/// </summary>
internal sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxDispatcher<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private readonly OutboxOptions _options = options.Value;
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;
    private DateTimeOffset _nextCount = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (processed, quarantined) = await DispatchBatchAsync(stoppingToken);
                failures = 0;
                await CountQuarantinedAsync(force: quarantined > 0, stoppingToken);
                await CleanupAsync(stoppingToken);
                if (processed == _options.BatchSize) continue;
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, failures)));
                LogDispatchFailed(ex, failures, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One batch in order: how many rows it took off the queue (dispatched or quarantined), and how many it quarantined.</summary>
    private async Task<(int Processed, int Quarantined)> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One SaveChanges in the transaction, which a failure ends anyway: a savepoint around it guards nothing and costs two round trips.
        db.Database.AutoSavepointsEnabled = false;
        var batch = await db.OutboxMessages
            .FromSql($"""SELECT * FROM outbox_messages WHERE "DispatchedAt" IS NULL AND "QuarantinedAt" IS NULL ORDER BY "Sequence" LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);

        var processed = 0;
        var quarantined = 0;
        Exception? failure = null;
        foreach (var row in batch)
        {
            try
            {
                await PublishAsync(row, ct);
                row.DispatchedAt = clock.GetUtcNow();
                processed++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && OutboxFailures.PoisonReason(ex) is { } reason)
            {
                // Retrying cannot help this row, and waiting for it would hold back every row after it.
                row.Quarantine(reason, clock.GetUtcNow());
                LogQuarantined(row.Id, row.Sequence, row.MessageType, reason);
                processed++;
                quarantined++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                row.RecordFailure(ex.Message);
                failure = ex;
                break; // keep order: nothing after a failed row goes out before it
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (failure is not null) throw new OutboxPublishException(failure);
        return (processed, quarantined);
    }

    private async Task PublishAsync(OutboxMessage row, CancellationToken ct)
    {
        var (message, type) = row.Deserialize();
        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = PlatformTelemetry.ActivitySource.StartActivity(
            $"outbox dispatch {type.Name}", ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.Id);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.PublishTimeout);
        // With publisher confirms on (MassTransit's default for RabbitMQ) this completes on the broker's ack.
        await bus.Publish(message, type, Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = row.Id;
            context.CorrelationId = row.CorrelationId;
        }), timeout.Token);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < _nextCleanup) return;
        _nextCleanup = now.AddMinutes(5);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var before = now - _options.Retention;
        await db.OutboxMessages.Where(m => m.DispatchedAt < before).ExecuteDeleteAsync(ct);
    }

    /// <summary>Refreshes the quarantine gauge: at start, after a batch quarantined rows, and every minute (an operator may release rows on another replica).</summary>
    private async Task CountQuarantinedAsync(bool force, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!force && now < _nextCount) return;
        _nextCount = now.AddMinutes(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        OutboxTelemetry.ReportQuarantined(await db.OutboxMessages.CountQuarantinedAsync(ct));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Failures} in a row); next try in {DelaySeconds:F1} s")]
    private partial void LogDispatchFailed(Exception exception, int failures, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} (sequence {Sequence}, {MessageType}) quarantined: {Reason}; the rows after it go on. See GET /api/admin/outbox/quarantined")]
    private partial void LogQuarantined(Guid messageId, long sequence, string messageType, string reason);
}

internal sealed class OutboxPublishException(Exception inner) : Exception($"Publishing an outbox message failed: {inner.Message}", inner);
