using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Outbox;

/// <summary>The quarantined rows of an outbox, as the dispatcher counts them and an operator lists and releases them.</summary>
internal static class OutboxQuarantine
{
    public static IQueryable<OutboxMessage> Quarantined(this IQueryable<OutboxMessage> rows) =>
        rows.Where(m => m.QuarantinedAt != null && m.DispatchedAt == null);

    public static Task<int> CountQuarantinedAsync(this IQueryable<OutboxMessage> rows, CancellationToken ct) =>
        rows.Quarantined().CountAsync(ct);

    /// <summary>
    /// Puts a quarantined row back in the queue at its own place (its sequence), so it is the next
    /// one the dispatcher tries. Released unchanged, it is quarantined again; released after its
    /// cause is fixed (its payload corrected, or the build that knows its type deployed), it goes out.
    /// </summary>
    public static Task<int> ReleaseAsync(this IQueryable<OutboxMessage> rows, Guid id, CancellationToken ct) =>
        rows.Quarantined().Where(m => m.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.QuarantinedAt, (DateTimeOffset?)null), ct);
}
