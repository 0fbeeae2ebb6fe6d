using MassTransit;
using Platform.Contracts.Billing;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>An organization asked to reconcile now: its served usage goes to billing under the request's id.</summary>
public sealed class UsageReconciliationRequestedConsumer(InferenceDbContext db, UsageReconciliation reconciliation)
    : InboxConsumer<UsageReconciliationRequested, InferenceDbContext>(db)
{
    protected override Task HandleAsync(UsageReconciliationRequested message, ConsumeContext<UsageReconciliationRequested> context) =>
        reconciliation.RequestAsync(message.TenantId, message.CorrelationId, context.CancellationToken);
}
