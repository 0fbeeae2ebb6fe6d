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
/// confirmed it. A failed publish leaves the row (and those after it) for the next attempt, with
/// back-off: the broker may be down for minutes, the database remembers. Rows are locked with
/// SKIP LOCKED, so replicas of a service share the work without publishing a row twice.
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var dispatched = await DispatchBatchAsync(stoppingToken);
                failures = 0;
                await CleanupAsync(stoppingToken);
                if (dispatched == _options.BatchSize) continue;
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

    private async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.OutboxMessages
            .FromSql($"""SELECT * FROM outbox_messages WHERE "DispatchedAt" IS NULL ORDER BY "Sequence" LIMIT {_options.BatchSize} FOR UPDATE SKIP LOCKED""")
            .ToListAsync(ct);

        var dispatched = 0;
        Exception? failure = null;
        foreach (var row in batch)
        {
            try
            {
                await PublishAsync(row, ct);
                row.DispatchedAt = clock.GetUtcNow();
                dispatched++;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                row.Attempts++;
                row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                failure = ex;
                break; // keep order: nothing after a failed row goes out before it
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (failure is not null) throw new OutboxPublishException(failure);
        return dispatched;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed ({Failures} in a row); next try in {DelaySeconds:F1} s")]
    private partial void LogDispatchFailed(Exception exception, int failures, double delaySeconds);
}

internal sealed class OutboxPublishException(Exception inner) : Exception($"Publishing an outbox message failed: {inner.Message}", inner);
