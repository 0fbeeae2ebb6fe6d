using MassTransit;
using Platform.Contracts.Billing;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>Keeps a tenant's restored quota in its row (one replica takes this copy).</summary>
public sealed class QuotaRestoredConsumer(InferenceDbContext db, TenantQuotas quotas) : InboxConsumer<QuotaRestored, InferenceDbContext>(db)
{
    protected override Task HandleAsync(QuotaRestored message, ConsumeContext<QuotaRestored> context) =>
        Db.ApplyQuotaAsync(QuotaState.From(message, context.MessageId!.Value), quotas, context.CancellationToken);
}
