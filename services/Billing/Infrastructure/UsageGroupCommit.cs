using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Billing.Domain;
using Platform.Billing.Extensions;
using Platform.ServiceDefaults.Inbox;
using Platform.ServiceDefaults.Outbox;
using Platform.ServiceDefaults.Persistence;

namespace Platform.Billing.Infrastructure;

/// <summary>One usage message to apply: its message id (the inbox's key) and the usage it carries, already checked.</summary>
public sealed record ServedUsage(Guid MessageId, UsageRecord Usage);

/// <summary>
/// Applies usage messages received together in one transaction (ADR 17's group commit, on Billing's
/// side): their inbox claims in one statement, the usage not applied before, and each tenant's
/// period counted once for the group, with the quota events it crosses. Each message is still
/// received, acknowledged, retried and faulted on its own; a message whose write fails the group is
/// applied alone, so only it fails.
/// </summary>
public sealed partial class UsageGroupCommit(
    IServiceScopeFactory scopes, IOptions<BillingOptions> options, OutboxSignal outbox, TimeProvider clock, ILogger<UsageGroupCommit> logger)
    : GroupCommitter<ServedUsage>(Limits(options.Value.UsageGroup), outbox, clock, logger)
{
    /// <summary>The inbox's consumer name: the one the per-message consumer had, so messages it applied stay applied.</summary>
    public const string Consumer = "PredictionsServedConsumer";

    private static GroupCommitLimits Limits(UsageGroupOptions settings) => new(settings.MaxMessages, settings.MaxDelay, Writers: 1, settings.MaxMessages * 4);

    protected override async Task<bool> WriteAsync(IReadOnlyList<ServedUsage> group)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
        // One transaction ends wholly on any failure: a savepoint around its SaveChanges guards nothing.
        db.Database.AutoSavepointsEnabled = false;
        var claimed = await db.ClaimAsync([.. group.Select(u => u.MessageId)], Consumer, CancellationToken.None).ConfigureAwait(false);
        // A message delivered twice into one group is claimed once; the same usage resent under another id
        // (or already applied) is dropped by its usage id.
        var fresh = group.Where(u => claimed.Remove(u.MessageId)).Select(u => u.Usage).DistinctBy(u => u.UsageId).ToList();
        var ids = fresh.Select(u => u.UsageId).ToArray();
        var known = await db.Usage.Where(u => ids.Contains(u.UsageId)).Select(u => u.UsageId).ToListAsync().ConfigureAwait(false);
        var applied = fresh.Where(u => !known.Contains(u.UsageId)).ToList();
        if (applied.Count < group.Count) LogIgnored(group.Count - applied.Count, group.Count);
        db.Usage.AddRange(applied);
        await db.CountAsync(applied, Clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await db.SaveChangesAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        return false;
    }

    protected override void Committed(int groupSize) => BillingTelemetry.UsageGroupSize.Record(groupSize);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Ignored} of {Messages} usage messages were applied before (redelivered, or resent under another id); ignored")]
    private partial void LogIgnored(int ignored, int messages);
}
