using MassTransit;
using Platform.Contracts;

namespace Platform.Portal.Live;

/// <summary>
/// Hands an event to the pages open on this portal instance. It changes no state, so a redelivery
/// only repeats a notice the page already applied (pages apply events idempotently).
/// </summary>
public sealed class LiveUpdateConsumer<TMessage>(DeploymentEvents events) : IConsumer<TMessage>
    where TMessage : class, IPlatformMessage
{
    public Task Consume(ConsumeContext<TMessage> context)
    {
        events.Publish(context.Message);
        return Task.CompletedTask;
    }
}
