using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Inbox;

/// <summary>The inbox for a consumer that applies many messages in one transaction (a group commit's).</summary>
public static class InboxClaims
{
    /// <summary>
    /// Records <paramref name="messageIds"/> as applied by <paramref name="consumer"/> in the caller's
    /// transaction, in one statement, and returns those not applied before: the ones to apply now.
    /// The caller's rollback releases the claims, as <see cref="InboxConsumer{TMessage,TContext}"/>'s does.
    /// </summary>
    public static async Task<HashSet<Guid>> ClaimAsync(this DbContext db, IReadOnlyCollection<Guid> messageIds, string consumer, CancellationToken ct)
    {
        var ids = messageIds.Distinct().ToArray();
        var claimed = await db.Database.SqlQuery<Guid>(
            $"""
             INSERT INTO inbox_messages ("MessageId", "Consumer", "ProcessedAt") SELECT id, {consumer}, now() FROM unnest({ids}) AS id
             ON CONFLICT DO NOTHING RETURNING "MessageId" AS "Value"
             """).ToListAsync(ct);
        return [.. claimed];
    }
}
