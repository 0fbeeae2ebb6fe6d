using MassTransit;
using MassTransit.Serialization;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// MassTransit's redelivery hook (<see cref="MessageRedeliveryContext"/>), over RabbitMQ's standard
/// features instead of the delayed-message plugin: the message is sent, as it was received (id,
/// correlation, headers and body), to the delay queue of its pause, whose TTL dead-letters it back
/// to the queue's own exchange when due. MassTransit acknowledges the original only after the
/// broker has confirmed this send, so a message is never in neither place.
/// </summary>
internal sealed class DelayQueueRedeliveryContext<TMessage>(ConsumeContext<TMessage> context, RedeliverySchedule schedule, RedeliveryOptions options)
    : MessageRedeliveryContext
    where TMessage : class
{
    public async Task ScheduleRedelivery(TimeSpan delay, Action<ConsumeContext, SendContext>? callback = null)
    {
        // As MassTransit's own delayed redelivery: MT-Redelivery-Count + 1 tells the retry policy which pause comes next.
        var pipe = Pipe.Execute<SendContext<TMessage>>(send =>
        {
            send.ApplyRedeliveryOptions(context, options);
            callback?.Invoke(context, send);
        });
        var endpoint = await context.GetSendEndpoint(new Uri($"exchange:{schedule.DelayQueueFor(delay)}")).ConfigureAwait(false);
        await endpoint.Send(context.Message, new ForwardMessagePipe<TMessage>(context, pipe), context.CancellationToken).ConfigureAwait(false);
    }
}
