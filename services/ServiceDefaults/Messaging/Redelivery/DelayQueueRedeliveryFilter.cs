using MassTransit;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>Offers the delay queues to MassTransit's redelivery retry filter, which runs after it.</summary>
internal sealed class DelayQueueRedeliveryFilter<TMessage>(RedeliverySchedule schedule, RedeliveryOptions options) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        context.GetOrAddPayload<MessageRedeliveryContext>(() => new DelayQueueRedeliveryContext<TMessage>(context, schedule, options));
        return next.Send(context);
    }

    public void Probe(ProbeContext context)
    {
        var scope = context.CreateFilterScope("delayQueueRedelivery");
        scope.Add("queue", schedule.Queue);
        scope.Add("intervals", string.Join(", ", schedule.Intervals.Select(RedeliverySchedule.Label)));
    }
}
