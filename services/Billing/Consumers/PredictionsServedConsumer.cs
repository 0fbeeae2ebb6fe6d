using MassTransit;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Inference;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Billing.Consumers;

/// <summary>
/// Applies served predictions to the ledger. The inbox drops a redelivered message; the usage id
/// key also drops the same usage sent again under another message id.
/// </summary>
public sealed class PredictionsServedConsumer(BillingDbContext db, TimeProvider clock)
    : InboxConsumer<PredictionsServed, BillingDbContext>(db)
{
    protected override async Task HandleAsync(PredictionsServed message, ConsumeContext<PredictionsServed> context)
    {
        if (await Db.Usage.FindAsync([message.UsageId], context.CancellationToken) is not null) return;
        Db.Usage.Add(UsageRecord.From(message, clock.GetUtcNow()));
    }
}
