namespace Platform.Inference.Domain;

/// <summary>
/// The durable copy of a tenant's <see cref="QuotaState"/> (one row per tenant, written by the quota
/// consumers): a replica that starts, or whose queue missed an event, reads it, so a restarted
/// replica still refuses a tenant over its cap.
/// </summary>
public sealed class TenantQuota
{
    public Guid TenantId { get; init; }
    public Guid EventId { get; private set; }
    public bool Exceeded { get; private set; }
    public required string Quota { get; set; }
    public long Limit { get; private set; }
    public long Used { get; private set; }
    public DateTimeOffset? ResetsAt { get; private set; }
    public required string Reason { get; set; }
    public DateTimeOffset ChangedAt { get; private set; }

    public QuotaState ToState() => new(TenantId, EventId, Exceeded, Quota, Limit, Used, ResetsAt, Reason, ChangedAt);

    /// <summary>Takes the state unless a later event was applied; false when nothing changed.</summary>
    public bool Apply(QuotaState state)
    {
        if (!state.Supersedes(ToState())) return false;
        EventId = state.EventId;
        Exceeded = state.Exceeded;
        Quota = state.Quota;
        Limit = state.Limit;
        Used = state.Used;
        ResetsAt = state.ResetsAt;
        Reason = state.Reason;
        ChangedAt = state.ChangedAt;
        return true;
    }

    public static TenantQuota For(Guid tenantId) => new() { TenantId = tenantId, Quota = "", Reason = "" };
}
