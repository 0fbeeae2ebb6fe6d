using MassTransit;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Inference;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.Billing.Consumers;

/// <summary>
/// Applies served predictions to the ledger through <see cref="UsageGroupCommit"/>: usage consumed at
/// the same time is applied in one transaction, and the message is acknowledged once its group
/// committed. Usage that can never be billed is refused here, alone, before it joins a group. The
/// inbox drops a redelivered message; the usage id also drops the same usage sent again under
/// another message id. Applied usage counts towards the tenant's hard cap in the same transaction.
/// </summary>
public sealed class PredictionsServedConsumer(UsageGroupCommit commits, TimeProvider clock) : IConsumer<PredictionsServed>
{
    public Task Consume(ConsumeContext<PredictionsServed> context)
    {
        var messageId = context.MessageId
            ?? throw new PermanentMessageException($"{nameof(PredictionsServed)} arrived without a message id; it cannot be deduplicated.");
        var usage = UsageRecord.From(context.Message, clock.GetUtcNow());
        return commits.CommitAsync(new ServedUsage(messageId, usage), context.CancellationToken);
    }
}
