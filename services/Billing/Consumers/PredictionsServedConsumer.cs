using MassTransit;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Inference;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Billing.Consumers;

/// <summary>
/// Applies served predictions to the ledger. The inbox drops a redelivered message; the usage id
/// key also drops the same usage sent again under another message id. Applied usage counts
/// towards the tenant's hard cap in the same transaction.
/// </summary>
public sealed class PredictionsServedConsumer(BillingDbContext db, TimeProvider clock)
    : InboxConsumer<PredictionsServed, BillingDbContext>(db)
{
    protected override async Task HandleAsync(PredictionsServed message, ConsumeContext<PredictionsServed> context)
    {
        if (await Db.Usage.FindAsync([message.UsageId], context.CancellationToken) is not null) return;
        var now = clock.GetUtcNow();
        var usage = UsageRecord.From(message, now);
        Db.Usage.Add(usage);
        await Db.CountAsync([usage], now, context.CancellationToken);
    }
}
