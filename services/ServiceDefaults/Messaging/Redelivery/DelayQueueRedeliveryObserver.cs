using MassTransit;
using MassTransit.Configuration;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// MassTransit's scheduled-redelivery configuration (the same retry filter, policy and
/// <c>MT-Redelivery-Count</c> bookkeeping as <c>UseDelayedRedelivery</c>), with the delay queues in
/// place of the delayed-message exchange the RabbitMQ build here does not have.
/// </summary>
internal sealed class DelayQueueRedeliveryObserver(IConsumePipeConfigurator configurator, RedeliverySchedule schedule, Action<IRedeliveryConfigurator> configure)
    : ScheduledRedeliveryConfigurationObserver(configurator, configure)
{
    protected override IRedeliveryPipeSpecification AddRedeliveryPipeSpecification<TMessage>(IConsumePipeConfigurator pipe)
    {
        var specification = new DelayQueueRedeliverySpecification<TMessage>(schedule);
        pipe.AddPipeSpecification(specification);
        return specification;
    }
}
