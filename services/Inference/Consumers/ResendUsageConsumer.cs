using MassTransit;
using Platform.Contracts.Inference;
using Platform.Inference.Infrastructure;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Inference.Consumers;

/// <summary>Billing found hours short of what was served: their usage goes again, unchanged, in parts.</summary>
public sealed partial class ResendUsageConsumer(InferenceDbContext db, UsageReconciliation reconciliation, ILogger<ResendUsageConsumer> logger)
    : InboxConsumer<ResendUsage, InferenceDbContext>(db)
{
    protected override async Task HandleAsync(ResendUsage message, ConsumeContext<ResendUsage> context)
    {
        var sent = await reconciliation.ResendAsync(message, context.CancellationToken);
        LogResent(message.TenantId, message.ReconciliationId, message.Hours.Count, sent);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}, reconciliation {ReconciliationId}: usage re-sent to billing for hours: {Hours}, usage records: {Records}")]
    private partial void LogResent(Guid tenantId, Guid reconciliationId, int hours, int records);
}
