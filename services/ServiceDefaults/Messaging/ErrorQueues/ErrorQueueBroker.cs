using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.ServiceDefaults.Messaging.ErrorQueues;

/// <summary>
/// Reads and re-drives this service's error queues over plain AMQP (no management plugin needed):
/// the depth by a passive declare, the reasons by taking messages without acknowledging them and
/// giving them back, and a re-drive by publishing each message to its queue (confirmed by the
/// broker) before acknowledging it in the error queue. A failure between the two leaves a copy in
/// both, which the consumers' inbox absorbs: at least once, never lost.
/// </summary>
internal sealed class ErrorQueueBroker(BrokerConnection broker)
{
    private const int NotFound = 404;

    /// <summary>Messages waiting in <paramref name="errorQueue"/>; 0 when MassTransit has not created it yet (nothing ever failed).</summary>
    public async Task<long> DepthAsync(string errorQueue, CancellationToken ct) =>
        await Guard(errorQueue, () => CountAsync(errorQueue, ct));

    public async Task<ErrorQueueReport> InspectAsync(ServiceQueue queue, int peek, CancellationToken ct) =>
        await Guard(queue.ErrorQueue, async () =>
        {
            await using var channel = await broker.OpenChannelAsync(confirmPublishes: false, ct);
            var depth = await CountAsync(queue.ErrorQueue, ct);
            var peeked = new List<FaultedMessage>();
            ulong lastTag = 0;
            while (peeked.Count < Math.Min(peek, depth) && await channel.BasicGetAsync(queue.ErrorQueue, autoAck: false, ct) is { } message)
            {
                peeked.Add(FaultHeaders.Describe(message.BasicProperties, message.Body.Span));
                lastTag = message.DeliveryTag;
            }
            // Given back in their order; also given back if this fails first, when the channel closes.
            if (lastTag > 0) await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, ct);
            var reasons = peeked.GroupBy(m => m.ExceptionType ?? "(unknown)")
                .Select(g => new FaultReason(g.Key, g.Count(), g.First().Reason ?? ""))
                .OrderByDescending(r => r.Count).ToArray();
            return new ErrorQueueReport(queue.Name, queue.ErrorQueue, depth,
                queue.Redelivery.Intervals.Select(Redelivery.RedeliverySchedule.Label).ToArray(), reasons, peeked);
        });

    /// <summary>
    /// Moves up to <paramref name="count"/> messages (all those there when it starts, by default) back
    /// to <paramref name="queue"/>. Stops at the depth it found: a message that fails again at once
    /// comes back behind them and is not moved twice.
    /// </summary>
    public async Task<RedriveResponse> RedriveAsync(ServiceQueue queue, int? count, CancellationToken ct) =>
        await Guard(queue.ErrorQueue, async () =>
        {
            await using var channel = await broker.OpenChannelAsync(confirmPublishes: true, ct);
            var depth = await CountAsync(queue.ErrorQueue, ct);
            var limit = Math.Min(count ?? long.MaxValue, depth);
            var moved = 0;
            while (moved < limit && await channel.BasicGetAsync(queue.ErrorQueue, autoAck: false, ct) is { } message)
            {
                var properties = new BasicProperties(message.BasicProperties) { Headers = FaultHeaders.ForRedrive(message.BasicProperties.Headers) };
                try
                {
                    // The default exchange routes by queue name: to this queue only, and mandatory, so a missing queue is an error, not a loss.
                    await channel.BasicPublishAsync("", queue.Name, mandatory: true, properties, message.Body.ToArray(), ct);
                }
                catch (PublishException ex)
                {
                    await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, ct);
                    throw new ErrorQueueException(queue.ErrorQueue,
                        $"The broker refused message {message.BasicProperties.MessageId} for queue {queue.Name} ({(ex.IsReturn ? "no such queue" : "not confirmed")}); it stays in {queue.ErrorQueue}. {moved} moved before it.",
                        brokerUnavailable: false, ex);
                }
                await channel.BasicAckAsync(message.DeliveryTag, multiple: false, ct);
                moved++;
            }
            return new RedriveResponse(queue.Name, queue.ErrorQueue, moved, await CountAsync(queue.ErrorQueue, ct));
        });

    private async Task<long> CountAsync(string errorQueue, CancellationToken ct)
    {
        // A passive declare of a missing queue closes its channel: it gets one of its own.
        await using var probe = await broker.OpenChannelAsync(confirmPublishes: false, ct);
        try
        {
            return (await probe.QueueDeclarePassiveAsync(errorQueue, ct)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == NotFound)
        {
            return 0;
        }
    }

    private static async Task<T> Guard<T>(string errorQueue, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException
                                       or ConnectFailureException or SocketException or IOException or TimeoutException)
        {
            throw new ErrorQueueException(errorQueue, $"The broker did not answer for {errorQueue}: {ex.Message}", brokerUnavailable: true, ex);
        }
    }
}
