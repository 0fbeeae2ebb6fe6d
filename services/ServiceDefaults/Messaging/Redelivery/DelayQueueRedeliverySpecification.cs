using MassTransit;
using MassTransit.Configuration;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>Puts <see cref="DelayQueueRedeliveryFilter{TMessage}"/> into a message type's consume pipe.</summary>
internal sealed class DelayQueueRedeliverySpecification<TMessage>(RedeliverySchedule schedule)
    : IPipeSpecification<ConsumeContext<TMessage>>, IRedeliveryPipeSpecification
    where TMessage : class
{
    public RedeliveryOptions Options { get; set; }

    public void Apply(IPipeBuilder<ConsumeContext<TMessage>> builder) =>
        builder.AddFilter(new DelayQueueRedeliveryFilter<TMessage>(schedule, Options));

    public IEnumerable<ValidationResult> Validate()
    {
        if (!schedule.Enabled) yield return this.Failure("Redelivery", $"queue {schedule.Queue} has no pauses");
    }
}
