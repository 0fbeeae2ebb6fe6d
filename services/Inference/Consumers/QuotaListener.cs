using MassTransit;
using Platform.Contracts.Billing;
using Platform.Inference.Domain;
using Platform.Inference.Serving;

namespace Platform.Inference.Consumers;

/// <summary>
/// Applies Billing's quota events in this replica's memory at once: every replica has its own
/// temporary queue, so a tenant over its cap is refused by all of them within the time a message
/// takes, and served again as soon as it is restored.
/// </summary>
public sealed class QuotaListener(TenantQuotas quotas) : IConsumer<QuotaExceeded>, IConsumer<QuotaRestored>
{
    public Task Consume(ConsumeContext<QuotaExceeded> context)
    {
        quotas.Apply(QuotaState.From(context.Message, context.MessageId ?? Guid.Empty));
        return Task.CompletedTask;
    }

    public Task Consume(ConsumeContext<QuotaRestored> context)
    {
        quotas.Apply(QuotaState.From(context.Message, context.MessageId ?? Guid.Empty));
        return Task.CompletedTask;
    }
}
