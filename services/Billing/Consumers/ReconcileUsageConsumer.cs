using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Billing.Domain;
using Platform.Billing.Extensions;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Billing;
using Platform.Contracts.Inference;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Billing.Consumers;

/// <summary>
/// Compares what Inference served with the ledger, hour by hour, and records the result; hours the
/// ledger is short of are asked for again (ADR 14). Results older than the retention go.
/// </summary>
public sealed partial class ReconcileUsageConsumer(
    BillingDbContext db, IOptions<BillingOptions> options, TimeProvider clock, ILogger<ReconcileUsageConsumer> logger)
    : InboxConsumer<ReconcileUsage, BillingDbContext>(db)
{
    protected override async Task HandleAsync(ReconcileUsage message, ConsumeContext<ReconcileUsage> context)
    {
        var ct = context.CancellationToken;
        if (await Db.Reconciliations.AnyAsync(r => r.Id == message.ReconciliationId, ct)) return;

        var now = clock.GetUtcNow();
        var billed = await Db.Usage.AsNoTracking().PerDeploymentHour(message.TenantId, message.From, message.Until).ToListAsync(ct);
        var reconciliation = UsageReconciliation.Compare(message, billed.ToHourlyUsage(message.From), now);
        Db.Reconciliations.Add(reconciliation);
        if (reconciliation.GapsToResend().Select(g => new UsageHour(g.DeploymentName, g.HourStart)).ToArray() is { Length: > 0 } hours)
            Db.PublishOnCommit(new ResendUsage(message.TenantId, message.ReconciliationId, message.ReconciliationId, message.From, message.Until, hours));

        var expired = now - options.Value.ReconciliationRetention;
        await Db.Reconciliations.Where(r => r.TenantId == message.TenantId && r.ReconciledAt < expired).ExecuteDeleteAsync(ct);
        LogCompared(message.TenantId, message.ReconciliationId, reconciliation.ServedPredictions, reconciliation.BilledPredictions,
            reconciliation.Gaps.Count, reconciliation.Outcome);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Tenant {TenantId}, reconciliation {ReconciliationId}: {Served} predictions served, {Billed} billed; hours apart: {Gaps}; {Outcome}")]
    private partial void LogCompared(Guid tenantId, Guid reconciliationId, long served, long billed, int gaps, ReconciliationOutcome outcome);
}
