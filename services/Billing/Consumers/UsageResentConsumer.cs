using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Billing.Domain;
using Platform.Billing.Infrastructure;
using Platform.Contracts.Inference;
using Platform.ServiceDefaults.Inbox;

namespace Platform.Billing.Consumers;

/// <summary>
/// Applies re-sent usage the ledger lacks (by usage id, so nothing is counted twice) and tells the
/// reconciliation what it added; the hour's last part brings a recount, which decides whether the gap closed.
/// </summary>
public sealed class UsageResentConsumer(BillingDbContext db, TimeProvider clock) : InboxConsumer<UsageResent, BillingDbContext>(db)
{
    protected override async Task HandleAsync(UsageResent message, ConsumeContext<UsageResent> context)
    {
        var ct = context.CancellationToken;
        var ids = message.Usage.Select(u => u.UsageId).ToArray();
        var applied = await Db.Usage.Where(u => ids.Contains(u.UsageId)).Select(u => u.UsageId).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var added = ResentUsage.Absent(message, applied).Select(u => UsageRecord.From(u, now)).ToArray();
        Db.Usage.AddRange(added);
        await Db.CountAsync(added, now, ct);
        await Db.SaveChangesAsync(ct); // inside the inbox's transaction: the recount below sees them

        var reconciliation = await Db.Reconciliations.Include(r => r.Gaps)
            .FirstOrDefaultAsync(r => r.Id == message.ReconciliationId && r.TenantId == message.TenantId, ct);
        // A result past its retention is gone; the usage it brought back still counts.
        if (reconciliation?.GapAt(message.DeploymentName, message.HourStart) is not { } gap) return;

        HourlyUsage? billedAfter = null;
        if (gap.IsLastPart(message.Parts))
        {
            var end = gap.HourStart.AddHours(1) < reconciliation.Until ? gap.HourStart.AddHours(1) : reconciliation.Until;
            var hour = Db.Usage.Where(u => u.TenantId == message.TenantId && u.DeploymentName == gap.DeploymentName
                                           && u.WindowStart >= gap.HourStart && u.WindowStart < end);
            billedAfter = new HourlyUsage(gap.DeploymentName, gap.HourStart, await hour.LongCountAsync(ct), await hour.SumAsync(u => u.Predictions, ct));
        }
        reconciliation.ApplyResentPart(gap, message.Parts, added.Length, added.Sum(u => u.Predictions), billedAfter);
    }
}
