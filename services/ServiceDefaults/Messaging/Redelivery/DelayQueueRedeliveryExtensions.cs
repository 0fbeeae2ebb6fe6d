using MassTransit;
using MassTransit.RabbitMqTransport.Configuration;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

public static class DelayQueueRedeliveryExtensions
{
    /// <summary>
    /// Redelivers the endpoint's failed messages after the schedule's pauses, through delay queues the
    /// endpoint declares with its own topology (so they exist before its first message, and again
    /// after a broker restart): <c>{queue}_redelivery_{pause}</c>, with that pause as its message TTL
    /// and the queue's own exchange as its dead-letter exchange. A message waits in the broker, not
    /// in a service's memory or database, and comes back to this queue only.
    /// </summary>
    public static void UseDelayQueueRedelivery(this IRabbitMqReceiveEndpointConfigurator endpoint, RedeliverySchedule schedule, Action<IRedeliveryConfigurator> configure)
    {
        if (endpoint is not IRabbitMqReceiveEndpointConfiguration configuration)
            throw new ArgumentException($"Endpoint {schedule.Queue} is not a RabbitMQ receive endpoint of this MassTransit version.", nameof(endpoint));

        var returnTo = configuration.Settings.ExchangeName ?? schedule.Queue;
        foreach (var level in schedule.Levels)
        {
            var delayQueue = RedeliverySchedule.DelayQueueName(schedule.Queue, level);
            configuration.Topology.Consume.BindQueue(delayQueue, delayQueue, queue =>
            {
                queue.SetQueueArgument("x-message-ttl", (long)level.TotalMilliseconds);
                queue.SetQueueArgument("x-dead-letter-exchange", returnTo);
            });
        }
        _ = new DelayQueueRedeliveryObserver(endpoint, schedule, configure);
    }
}
