using MassTransit;
using Platform.Contracts.Billing;
using Platform.Inference.Domain;
using Platform.Inference.Infrastructure;
using Platform.Inference.Serving;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>Keeps a tenant's exceeded quota in its row (one replica takes this copy): a restarted replica still refuses the tenant.</summary>
public sealed class QuotaExceededConsumer(InferenceDbContext db, TenantQuotas quotas) : InboxConsumer<QuotaExceeded, InferenceDbContext>(db)
{
    protected override Task HandleAsync(QuotaExceeded message, ConsumeContext<QuotaExceeded> context) =>
        Db.ApplyQuotaAsync(QuotaState.From(message, context.MessageId!.Value), quotas, context.CancellationToken);
}
